import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema';
import { migrationsFolder } from './paths';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction: operations accept either. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Connection {
	db: Database;
	kind: DatabaseKind;
	migrate(): Promise<void>;
	close(): Promise<void>;
	/** PGlite only: its data folder as one archive, to start another PGlite from. */
	dump?(): Promise<Blob>;
}

/**
 * `url` is a PostgreSQL URL, a PGlite data folder, or `memory://` for a throw-away PGlite;
 * `loadDataDir` starts a PGlite from a dump of another (tests start from a migrated one).
 */
export async function connect(
	target: { url: string; loadDataDir?: Blob } | { dataDir: string }
): Promise<Connection> {
	if ('url' in target && /^postgres(ql)?:\/\//.test(target.url)) return connectPostgres(target.url);
	if ('url' in target) return connectPglite(target.url, target.loadDataDir);
	return connectPglite(join(target.dataDir, 'pgdata'));
}

async function connectPostgres(url: string): Promise<Connection> {
	const pool = new pg.Pool({
		connectionString: url,
		max: Number(process.env.DATABASE_POOL ?? 10),
		// Page queries are small: starting parallel workers costs them more than it saves (a searched
		// directory page took twice as long with them on a 2-core server). A report that wants them
		// can SET LOCAL it back.
		options: '-c max_parallel_workers_per_gather=0'
	});
	// An idle connection that the server closes (restart, fail-over, dropped database) must not
	// take the whole process down: the pool replaces it at the next query.
	pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
	const db = drizzlePg(pool, { schema }) as unknown as Database;
	return {
		db,
		kind: 'postgresql',
		migrate: () => migratePg(db as never, { migrationsFolder }),
		close: () => pool.end()
	};
}

async function connectPglite(dir: string, loadDataDir?: Blob): Promise<Connection> {
	if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
	const client = await PGlite.create(dir, { extensions: { unaccent, pg_trgm }, loadDataDir });
	const db = drizzlePglite(client, { schema }) as unknown as Database;
	return {
		db,
		kind: 'pglite',
		migrate: () => migratePglite(db as never, { migrationsFolder }),
		close: () => client.close(),
		dump: () => client.dumpDataDir('none')
	};
}
