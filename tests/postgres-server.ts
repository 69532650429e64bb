import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests use (DESIGN.md: 127.0.0.1:5432, user root, no password). */
export const POSTGRES_SERVER = (
	process.env.CONCERTO_TEST_POSTGRES ?? 'postgresql://root@127.0.0.1:5432'
).replace(/\/$/, '');

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/** The server's version line, or an error that says where the tests looked. */
export async function postgresVersion(): Promise<string> {
	try {
		return await onServer(
			async (c) => (await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version
		);
	} catch (error) {
		throw new Error(`PostgreSQL does not answer at ${POSTGRES_SERVER} (${String(error)})`, { cause: error });
	}
}

export interface ScratchDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

/**
 * A fresh database on the test server: empty, or a copy of `template` (which nobody may be
 * connected to).
 */
export async function createScratchDatabase(
	name = `concerto_test_${randomBytes(6).toString('hex')}`,
	template?: string
): Promise<ScratchDatabase> {
	await onServer((c) => c.query(`create database "${name}"${template ? ` template "${template}"` : ''}`));
	return {
		name,
		url: `${POSTGRES_SERVER}/${name}`,
		drop: () => onServer((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {})
	};
}
