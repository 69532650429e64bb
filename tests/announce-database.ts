import type { TestProject } from 'vitest/node';
import { POSTGRES_SERVER, postgresVersion } from './postgres-server';

/** Runs once per project: says which database the tests below ran on, and stops early if it is missing. */
export default async function announceDatabase(project: TestProject) {
	if (project.name === 'postgresql') {
		const version = await postgresVersion();
		console.log(
			`[postgresql] tests run on PostgreSQL ${version} at ${POSTGRES_SERVER}, a fresh database per file`
		);
	} else {
		console.log('[pglite] tests run on embedded PGlite in memory, a fresh database per file');
	}
}
