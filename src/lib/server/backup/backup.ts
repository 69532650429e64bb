import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, DatabaseKind, Executor } from '../db/client';
import { parentsFirst, schemaTables, type TableInfo } from './tables';

/**
 * A backup is one gzip-compressed JSON document: `{"header": {...}, "payload": {"tables": {...}}}`.
 * The header says what made it and what it holds; its `sha256` is the digest of the payload exactly
 * as written, so that any change to the data is caught before a restore touches the database.
 * Values are PostgreSQL's own JSON for each row (`row_to_json`), with bigint, numeric and json(b)
 * columns as text so that no digit is lost and a JSON null stays apart from SQL NULL; restore hands
 * them back to PostgreSQL (`json_populate_record`), which turns them into timestamps, jsonb, arrays
 * and numbers exactly as they were.
 */
export const BACKUP_FORMAT = 'concerto-backup';
export const BACKUP_VERSION = 1;

const headerSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(BACKUP_VERSION),
	createdAt: z.string(),
	database: z.enum(['pglite', 'postgresql']),
	migrations: z.object({
		applied: z.number().int().min(0),
		lastCreatedAt: z.string().nullable(),
		lastHash: z.string().nullable()
	}),
	tables: z.record(z.string(), z.number().int().min(0)),
	sha256: z.string().regex(/^[0-9a-f]{64}$/)
});
export type BackupHeader = z.infer<typeof headerSchema>;

const payloadSchema = z.object({
	tables: z.record(
		z.string(),
		z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())) })
	)
});
type BackupPayload = z.infer<typeof payloadSchema>;

export interface Backup {
	header: BackupHeader;
	payload: BackupPayload;
}

/** A backup file that cannot be restored; nothing was changed. */
export class BackupError extends Error {}

export interface MigrationState {
	applied: number;
	lastCreatedAt: string | null;
	lastHash: string | null;
}

/** The migrations Drizzle has applied to this database (its `drizzle.__drizzle_migrations` table). */
export async function migrationState(db: Executor): Promise<MigrationState> {
	const result = await db.execute(
		sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`
	);
	const rows = rowsOf<{ hash: string; created_at: string }>(result);
	const last = rows.at(-1);
	return { applied: rows.length, lastCreatedAt: last?.created_at ?? null, lastHash: last?.hash ?? null };
}

/** Reads every table of the schema in one consistent snapshot. */
export async function createBackup(db: Database, kind: DatabaseKind): Promise<Backup> {
	const tables = schemaTables();
	return db.transaction(
		async (tx) => {
			// Timestamps written in UTC whatever the server's time zone, so that equal data gives equal files.
			await tx.execute(sql`set local time zone 'UTC'`);
			await assertNoUnknownTables(tx, tables);
			const migrations = await migrationState(tx);
			const payload: BackupPayload = { tables: {} };
			for (const table of tables)
				payload.tables[table.name] = { columns: table.columns, rows: await dump(tx, table) };
			const header: BackupHeader = {
				format: BACKUP_FORMAT,
				version: BACKUP_VERSION,
				createdAt: new Date().toISOString(),
				database: kind,
				migrations,
				tables: Object.fromEntries(tables.map((t) => [t.name, payload.tables[t.name]!.rows.length])),
				sha256: digest(JSON.stringify(payload))
			};
			return { header, payload };
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

/** The backup as the bytes of its file. */
export function encodeBackup(backup: Backup): Buffer {
	const payload = JSON.stringify(backup.payload);
	if (digest(payload) !== backup.header.sha256) throw new Error('backup payload does not match its header');
	return gzipSync(Buffer.from(`{"header":${JSON.stringify(backup.header)},"payload":${payload}}`, 'utf8'));
}

/** Writes the whole database to `file` (through a temporary file, so that a failure leaves no half file). */
export async function backupToFile(db: Database, kind: DatabaseKind, file: string): Promise<BackupHeader> {
	const backup = await createBackup(db, kind);
	const partial = `${file}.partial-${process.pid}`;
	try {
		await writeFile(partial, encodeBackup(backup));
		await rename(partial, file);
	} finally {
		await rm(partial, { force: true });
	}
	return backup.header;
}

/** Checks a backup file on its own: gzip, JSON, shape, checksum, row counts. Throws BackupError. */
export function decodeBackup(bytes: Uint8Array): Backup {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(bytes));
	} catch (error) {
		throw new BackupError(
			`not a readable backup: the gzip data is damaged or truncated (${(error as Error).message})`
		);
	}
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		throw new BackupError(
			`not a readable backup: the content is not valid JSON (${(error as Error).message})`
		);
	}
	const outer = z.object({ header: z.unknown(), payload: z.unknown() }).safeParse(document);
	const format = (outer.data?.header as { format?: unknown } | undefined)?.format;
	if (!outer.success || format !== BACKUP_FORMAT) throw new BackupError('not a Concerto backup file');
	const header = headerSchema.safeParse(outer.data.header);
	if (!header.success)
		throw new BackupError(
			`unsupported or damaged backup header (${header.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`
		);
	if (digest(JSON.stringify(outer.data.payload)) !== header.data.sha256)
		throw new BackupError('the backup is damaged: its data does not match its checksum');
	const payload = payloadSchema.safeParse(outer.data.payload);
	if (!payload.success) throw new BackupError('the backup is damaged: its data is not laid out as expected');
	const counted = Object.keys(header.data.tables).sort().join();
	if (counted !== Object.keys(payload.data.tables).sort().join())
		throw new BackupError('the backup is damaged: its tables differ from those its header lists');
	for (const [name, { rows }] of Object.entries(payload.data.tables))
		if (rows.length !== header.data.tables[name])
			throw new BackupError(
				`the backup is damaged: table ${name} holds ${rows.length} rows, its header says ${header.data.tables[name]}`
			);
	return { header: header.data, payload: payload.data };
}

/** Checks that the backup fits this database: same migrations, the same tables with the same columns. */
export async function assertRestorable(db: Executor, backup: Backup): Promise<void> {
	const here = await migrationState(db);
	const there = backup.header.migrations;
	if (here.applied !== there.applied || here.lastCreatedAt !== there.lastCreatedAt)
		throw new BackupError(
			`the backup was made with ${there.applied} database migration(s) and this database has ${here.applied}: ` +
				'restore it with the Concerto version that made it'
		);
	const tables = schemaTables();
	const known = new Map(tables.map((t) => [t.name, t]));
	for (const [name, data] of Object.entries(backup.payload.tables)) {
		const table = known.get(name);
		if (!table) throw new BackupError(`the backup holds a table this version does not know: ${name}`);
		const expected = [...table.columns].sort().join();
		if ([...data.columns].sort().join() !== expected)
			throw new BackupError(`table ${name} in the backup does not have the columns of this version`);
		for (const row of data.rows)
			for (const key of Object.keys(row))
				if (!table.columns.includes(key))
					throw new BackupError(`table ${name} in the backup has an unknown column ${key}`);
	}
	for (const table of tables)
		if (!(table.name in backup.payload.tables)) throw new BackupError(`the backup lacks table ${table.name}`);
}

/**
 * Replaces every row of every table with the backup's, in one transaction: the backup is checked
 * in full first, and a failure half-way leaves the database as it was.
 */
export async function restoreBackup(db: Database, backup: Backup): Promise<BackupHeader> {
	await assertRestorable(db, backup);
	const tables = schemaTables();
	await db.transaction(async (tx) => {
		await assertRestorable(tx, backup);
		await tx.execute(
			sql.raw(`lock table ${tables.map((t) => quote(t.name)).join(', ')} in access exclusive mode`)
		);
		for (const table of [...tables].reverse()) await tx.execute(sql.raw(`delete from ${quote(table.name)}`));
		for (const table of tables) {
			const rows = parentsFirst(table, backup.payload.tables[table.name]!.rows);
			for (const chunk of chunks(rows)) await insertRows(tx, table, chunk);
		}
		for (const table of tables)
			for (const column of table.serialColumns)
				await tx.execute(
					sql.raw(
						`select setval(pg_get_serial_sequence('${quote(table.name)}', '${column}'), ` +
							`coalesce((select max(${quote(column)}) from ${quote(table.name)}), 0) + 1, false)`
					)
				);
		for (const table of tables) {
			const [row] = rowsOf<{ n: number }>(
				await tx.execute(sql.raw(`select count(*)::int as n from ${quote(table.name)}`))
			);
			if (row?.n !== backup.header.tables[table.name])
				throw new Error(
					`restore of ${table.name} gave ${row?.n} rows instead of ${backup.header.tables[table.name]}`
				);
		}
	});
	return backup.header;
}

/** Reads, checks and restores `file`; a damaged file is refused before anything changes. */
export async function restoreFromFile(db: Database, file: string): Promise<BackupHeader> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
		throw new BackupError(`cannot read ${file}: ${reason}`);
	}
	return restoreBackup(db, decodeBackup(bytes));
}

/** The tables of this database that the backup would miss (none, unless the schema and migrations drifted). */
async function assertNoUnknownTables(db: Executor, tables: TableInfo[]) {
	const result = await db.execute(
		sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
	);
	const known = new Set(tables.map((t) => t.name));
	const unknown = rowsOf<{ table_name: string }>(result)
		.map((r) => r.table_name)
		.filter((name) => !known.has(name));
	if (unknown.length > 0)
		throw new Error(
			`the database has tables the schema does not describe (${unknown.join(', ')}): backup refused`
		);
}

async function dump(db: Executor, table: TableInfo): Promise<Record<string, unknown>[]> {
	const columns = table.columns
		.map((c) =>
			table.exactColumns.has(c) || table.jsonColumns.has(c) ? `${quote(c)}::text as ${quote(c)}` : quote(c)
		)
		.join(', ');
	const order = table.primaryKey.length ? ` order by ${table.primaryKey.map(quote).join(', ')}` : '';
	const result = await db.execute(
		sql.raw(`select row_to_json(t)::text as r from (select ${columns} from ${quote(table.name)}${order}) t`)
	);
	return rowsOf<{ r: string }>(result).map((row) => JSON.parse(row.r) as Record<string, unknown>);
}

async function insertRows(db: Executor, table: TableInfo, rows: Record<string, unknown>[]) {
	if (rows.length === 0) return;
	const columns = table.columns.map(quote).join(', ');
	// PostgreSQL reads each value back into its column's type; json columns come as their text.
	const values = table.columns
		.map((c) => {
			const json = table.jsonColumns.get(c);
			return json ? `(e.value ->> '${c.replaceAll("'", "''")}')::${json}` : `r.${quote(c)}`;
		})
		.join(', ');
	const name = quote(table.name);
	await db.execute(
		sql`insert into ${sql.raw(name)} (${sql.raw(columns)}) select ${sql.raw(values)} from json_array_elements(${JSON.stringify(rows)}::json) as e(value), json_populate_record(null::${sql.raw(name)}, e.value) as r`
	);
}

/** Groups rows so that no statement carries more than about 4 MB of JSON. */
function* chunks(rows: Record<string, unknown>[]) {
	let chunk: Record<string, unknown>[] = [];
	let size = 0;
	for (const row of rows) {
		const length = JSON.stringify(row).length;
		if (chunk.length > 0 && (size + length > 4_000_000 || chunk.length >= 5000)) {
			yield chunk;
			chunk = [];
			size = 0;
		}
		chunk.push(row);
		size += length;
	}
	if (chunk.length > 0) yield chunk;
}

function quote(identifier: string) {
	return `"${identifier.replaceAll('"', '""')}"`;
}

function digest(text: string) {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** node-postgres and PGlite both answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
