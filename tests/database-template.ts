import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '$lib/server/db/client';
import { POSTGRES_SERVER, createScratchDatabase, postgresVersion } from './postgres-server';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A file holding a migrated PGlite's data folder (pglite project). */
		pgliteTemplate: string;
		/** A migrated database each test file's database is copied from (postgresql project). */
		postgresTemplate: string;
	}
}

/**
 * Runs once per project: migrates one database that every test file's fresh database is copied from
 * (starting PGlite from a dump takes a third of initialising and migrating it; PostgreSQL copies a
 * template faster than it migrates), says where the tests run, and stops early if the server is missing.
 */
export default async function databaseTemplate(project: TestProject) {
	if (project.name === 'postgresql') {
		const version = await postgresVersion();
		const template = await createScratchDatabase(`concerto_template_${randomBytes(6).toString('hex')}`);
		const connection = await connect({ url: template.url });
		await connection.migrate();
		await connection.close();
		project.provide('postgresTemplate', template.name);
		console.log(
			`[postgresql] tests run on PostgreSQL ${version} at ${POSTGRES_SERVER}, a fresh database per file`
		);
		return () => template.drop();
	}
	const connection = await connect({ url: 'memory://' });
	await connection.migrate();
	const folder = await mkdtemp(join(tmpdir(), 'concerto-pglite-'));
	const file = join(folder, 'migrated.tar');
	await writeFile(file, Buffer.from(await (await connection.dump!()).arrayBuffer()));
	await connection.close();
	project.provide('pgliteTemplate', file);
	console.log('[pglite] tests run on embedded PGlite in memory, a fresh database per file');
	return () => rm(folder, { recursive: true, force: true });
}
