import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Connection, type Database, type DatabaseKind } from '$lib/server/db/client';
import { createScratchDatabase, type ScratchDatabase } from './postgres-server';

/** The kind of database this project runs on (set per project in vitest.config.ts). */
export const databaseKind: DatabaseKind =
	process.env.CONCERTO_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'pglite';

export interface TestDatabase {
	kind: DatabaseKind;
	db: Database;
	connection: Connection;
	/**
	 * Another connection to the same database, as a second app instance would open. On PostgreSQL a
	 * separate pool; an in-memory PGlite lives in one process only, so there it is the same client
	 * (closing it is left to the owner).
	 */
	connectAgain(): Promise<Connection>;
	close(): Promise<void>;
}

/**
 * A fresh, migrated database: PGlite in memory, or a new `concerto_test_<random>` on PostgreSQL —
 * copied from the project's migrated template (tests/database-template.ts) when there is one.
 */
export async function openTestDatabase(kind: DatabaseKind = databaseKind): Promise<TestDatabase> {
	let scratch: ScratchDatabase | undefined;
	let connection: Connection;
	const template = kind === 'postgresql' ? inject('postgresTemplate') : inject('pgliteTemplate');
	if (kind === 'postgresql') {
		scratch = await createScratchDatabase(undefined, template);
		connection = await connect({ url: scratch.url });
	} else {
		const loadDataDir = template ? new Blob([await readFile(template)]) : undefined;
		connection = await connect({ url: 'memory://', loadDataDir });
	}
	const others: Connection[] = [];
	try {
		// Also brings a copied template up to date should a migration have been added since.
		await connection.migrate();
	} catch (error) {
		await connection.close();
		await scratch?.drop();
		throw error;
	}
	return {
		kind,
		db: connection.db,
		connection,
		async connectAgain() {
			if (!scratch) return { ...connection, close: async () => {} };
			const other = await connect({ url: scratch.url });
			others.push(other);
			return other;
		},
		async close() {
			for (const other of others) await other.close().catch(() => {});
			await connection.close();
			await scratch?.drop();
		}
	};
}

/**
 * Gives the test file its own database, opened before the first test and dropped after the last:
 * `const t = useTestDatabase();` then `t.db` inside tests.
 */
export function useTestDatabase(): TestDatabase {
	let opened: TestDatabase | undefined;
	beforeAll(async () => {
		opened = await openTestDatabase();
	});
	afterAll(async () => {
		await opened?.close();
	});
	const ready = () => {
		if (!opened) throw new Error('the test database is opened in beforeAll: use it inside tests');
		return opened;
	};
	return {
		kind: databaseKind,
		get db() {
			return ready().db;
		},
		get connection() {
			return ready().connection;
		},
		connectAgain: () => ready().connectAgain(),
		close: () => ready().close()
	};
}
