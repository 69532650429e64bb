import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databaseKind, openTestDatabase, useTestDatabase } from '../../../../tests/db';
import { openTestApp } from '../../../../tests/app';
import type { Database } from '../db/client';
import { auditEvent, organisation, person, setting } from '../db/schema';
import { loadExample } from '../example/load-example';
import { signIn } from '../accounts/sign-in';
import { recordAudit } from '../audit/record-audit';
import {
	backupToFile,
	BackupError,
	createBackup,
	decodeBackup,
	encodeBackup,
	restoreBackup,
	restoreFromFile
} from './backup';
import { schemaTables } from './tables';

/**
 * Every row of every table, as PostgreSQL itself writes it (`row::text`, timestamps in UTC), in
 * primary-key order: two databases with equal snapshots hold the same data, to the microsecond.
 */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`set local time zone 'UTC'`);
		const tables: Record<string, string[]> = {};
		for (const table of schemaTables()) {
			const order = table.primaryKey.map((c) => `t."${c}"`).join(', ') || 't::text';
			const result = await tx.execute(
				sql.raw(`select t::text as r from "${table.name}" t order by ${order}`)
			);
			tables[table.name] = (result as unknown as { rows: { r: string }[] }).rows.map((row) => row.r);
		}
		return tables;
	});
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The document inside a backup file, to damage it on purpose. */
interface Document {
	header: { sha256: string; tables: Record<string, number>; migrations: { applied: number } };
	payload: { tables: Record<string, { columns: string[]; rows: Record<string, unknown>[] }> };
}
const open = (bytes: Buffer) => JSON.parse(gunzipSync(bytes).toString('utf8')) as Document;
/** Writes the document back with a checksum that matches its (changed) payload. */
function reseal(document: Document): Buffer {
	document.header.sha256 = sha256(JSON.stringify(document.payload));
	return gzipSync(JSON.stringify(document));
}

describe(`backup and restore [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let folder: string;
	let file: string;
	let original: Record<string, string[]>;
	let good: Buffer;
	let changed: Record<string, string[]>;

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'concerto-backup-test-'));
		file = join(folder, 'concerto.backup');
		await openTestApp(t.connection); // stores the sign-in secret, as a running server does
		await loadExample(t.db);
		// Values that JSON could blur: a JSON null beside SQL NULL, big and exact numbers, text with
		// quotes and line breaks, an empty array.
		await t.db.insert(setting).values([
			{ key: 'test.json-null', value: sql`'null'::jsonb` },
			{
				key: 'test.numbers',
				value: sql`'{"big": 12345678901234567890, "exact": 0.1000000000000000055}'::jsonb`
			}
		]);
		await t.db.insert(organisation).values({
			name: 'L\'ONG "Tassaght"\nGao — تساغت',
			type: 'national-ngo',
			emailDomains: []
		});
		await recordAudit(t.db, null, { action: 'test', entityType: 'none', before: null, after: undefined });
		original = await snapshot(t.db);
		const header = await backupToFile(t.db, t.kind, file);
		expect(header.database).toBe(t.kind);
		good = await readFile(file);
		// Then the data moves on: rows changed, deleted and added.
		await t.db.update(organisation).set({ name: 'Renamed' }).where(eq(organisation.acronym, 'ACF'));
		await t.db.delete(person).where(eq(person.email, 'moustapha.diallo@undp.org'));
		await t.db.delete(auditEvent).where(eq(auditEvent.entityType, 'location'));
		await t.db.insert(organisation).values({ name: 'Added after the backup', type: 'other' });
		changed = await snapshot(t.db);
		expect(changed).not.toEqual(original);
	});

	afterAll(async () => {
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	it('writes a gzip file whose header counts every table', () => {
		const document = open(good);
		expect(Object.keys(document.header.tables).sort()).toEqual(Object.keys(original).sort());
		for (const [name, rows] of Object.entries(original))
			expect(document.header.tables[name], name).toBe(rows.length);
		expect(document.header.tables.location).toBe(64);
		expect(decodeBackup(good).header.sha256).toBe(document.header.sha256);
	});

	async function refused(bytes: Buffer | null, reason: RegExp) {
		const damaged = join(folder, `damaged-${Math.random().toString(36).slice(2)}.backup`);
		if (bytes) await writeFile(damaged, bytes);
		const error = await restoreFromFile(t.db, damaged).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(reason);
		expect(await snapshot(t.db)).toEqual(changed);
	}

	it('refuses a truncated file and changes nothing', async () => {
		await refused(good.subarray(0, Math.floor(good.length / 2)), /damaged or truncated/);
		await refused(good.subarray(0, good.length - 1), /damaged or truncated/);
		await refused(Buffer.alloc(0), /damaged or truncated/);
	});

	it('refuses a file with one byte flipped and changes nothing', async () => {
		for (const at of [Math.floor(good.length / 2), good.length - 6, 20]) {
			const bytes = Buffer.from(good);
			bytes[at] = bytes[at]! ^ 0x01;
			await refused(bytes, /damaged/);
		}
	});

	it('refuses broken JSON inside a valid gzip, and other files, and changes nothing', async () => {
		const text = gunzipSync(good).toString('utf8');
		await refused(gzipSync(text.slice(0, -1)), /not valid JSON/);
		await refused(gzipSync('{"header":{"format":"something-else"},"payload":{}}'), /not a Concerto backup/);
		await refused(Buffer.from(text, 'utf8'), /damaged or truncated/); // the JSON, not compressed
		await refused(null, /no such file/);
	});

	it('refuses data that does not match its checksum, and changes nothing', async () => {
		const edited = open(good);
		const rows = edited.payload.tables.organisation!.rows;
		rows[0]!.name = 'Edited by hand';
		await refused(gzipSync(JSON.stringify(edited)), /does not match its checksum/);

		const wrongSum = open(good);
		wrongSum.header.sha256 = sha256('something else');
		await refused(gzipSync(JSON.stringify(wrongSum)), /does not match its checksum/);

		const badSum = open(good);
		badSum.header.sha256 = 'not a digest';
		await refused(gzipSync(JSON.stringify(badSum)), /header/);
	});

	it('refuses a backup whose tables or counts do not fit, and changes nothing', async () => {
		const unknown = open(good);
		unknown.payload.tables.intruder = { columns: ['id'], rows: [{ id: 1 }] };
		unknown.header.tables.intruder = 1;
		await refused(reseal(unknown), /table this version does not know: intruder/);

		const missing = open(good);
		delete missing.payload.tables.person;
		delete missing.header.tables.person;
		await refused(reseal(missing), /lacks table person/);

		const miscounted = open(good);
		miscounted.header.tables.person = miscounted.header.tables.person! + 1;
		await refused(reseal(miscounted), /table person holds \d+ rows, its header says/);

		const extraColumn = open(good);
		extraColumn.payload.tables.person!.rows[0]!.nickname = 'Baba';
		await refused(reseal(extraColumn), /unknown column nickname/);
	});

	it('refuses a backup made with another number of migrations, and changes nothing', async () => {
		for (const delta of [1, -1]) {
			const other = open(good);
			other.header.migrations.applied += delta;
			await refused(reseal(other), /made with \d+ database migration\(s\) and this database has \d+/);
		}
	});

	it('leaves the database as it was when a row cannot be restored half-way', async () => {
		// Passes every check of the file, but a person points to an organisation that does not exist.
		const dangling = open(good);
		const people = dangling.payload.tables.person!.rows;
		people[people.length - 1]!.organisation_id = '00000000-0000-4000-8000-000000000000';
		const error = await restoreBackup(t.db, decodeBackup(reseal(dangling))).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(Error);
		expect(await snapshot(t.db)).toEqual(changed);
	});

	it('restores every row of every table, and the database goes on working', async () => {
		const header = await restoreFromFile(t.db, file);
		expect(header.database).toBe(t.kind);
		expect(await snapshot(t.db)).toEqual(original);

		// Sequences were moved past the restored rows: a new audit event gets a new id.
		const ids = await t.db.select({ id: auditEvent.id }).from(auditEvent);
		const max = Math.max(...ids.map((row) => row.id));
		await recordAudit(t.db, null, { action: 'test', entityType: 'after-restore' });
		const [added] = await t.db.select().from(auditEvent).where(eq(auditEvent.entityType, 'after-restore'));
		expect(added!.id).toBeGreaterThan(max);

		// Restored accounts sign in with their passwords.
		const app = await openTestApp(t.connection);
		const result = await signIn(
			app,
			{ email: 'acf@example.org', password: 'concerto-acf', headers: new Headers() },
			'fr'
		);
		expect(result.ok).toBe(true);
	});

	it('round-trips a backup made in memory, byte for byte in its data', async () => {
		const backup = await createBackup(t.db, t.kind);
		const again = decodeBackup(encodeBackup(backup));
		expect(again.payload).toEqual(backup.payload);
		expect(again.header).toEqual(backup.header);
	});

	// Across kinds: a backup of the embedded database restores into PostgreSQL and back. The test
	// needs a PostgreSQL server, so it runs in the postgresql project (which also opens a PGlite).
	if (databaseKind === 'postgresql')
		it('restores a PGlite backup into PostgreSQL and a PostgreSQL backup into PGlite', async () => {
			const embedded = await openTestDatabase('pglite');
			try {
				await loadExample(embedded.db);
				const fromPglite = await createBackup(embedded.db, 'pglite');
				const expected = await snapshot(embedded.db);
				await restoreBackup(t.db, decodeBackup(encodeBackup(fromPglite)));
				expect(await snapshot(t.db)).toEqual(expected);

				await t.db.insert(organisation).values({ name: 'Made on PostgreSQL', type: 'donor' });
				const onServer = await snapshot(t.db);
				await restoreBackup(embedded.db, decodeBackup(encodeBackup(await createBackup(t.db, 'postgresql'))));
				expect(await snapshot(embedded.db)).toEqual(onServer);
			} finally {
				await embedded.close();
			}
		});
});
