import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { databaseKind } from '../../tests/db';
import { openTestApp } from '../../tests/app';
import { createScratchDatabase, type ScratchDatabase } from '../../tests/postgres-server';
import { connect, type Connection, type Database } from '$lib/server/db/client';
import { auditEvent, organisation, person, roleGrant, user } from '$lib/server/db/schema';
import { userIdForToken } from '$lib/server/accounts/api-tokens';
import { signIn } from '$lib/server/accounts/sign-in';
import { loadActor } from '$lib/server/access/actor';
import { decodeBackup } from '$lib/server/backup/backup';
import { schemaTables } from '$lib/server/backup/tables';

/**
 * The real command line, `bin/concerto.js`, run as a child process on the project's database kind:
 * the embedded PGlite in a data folder of its own, or a fresh PostgreSQL database through DATABASE_URL.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const node = join(root, 'node_modules', '.bin', 'node');
const SLOW = 120_000;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Result {
	code: number | null;
	stdout: string;
	stderr: string;
}

function finished(child: ChildProcess): Promise<Result> {
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Every file of a folder with its content's digest: equal before and after means untouched. */
async function fingerprint(folder: string): Promise<Record<string, string>> {
	const prints: Record<string, string> = {};
	const walk = async (dir: string) => {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) await walk(path);
			else {
				const info = await stat(path);
				const digest = createHash('sha256')
					.update(await readFile(path))
					.digest('hex');
				prints[relative(folder, path)] = `${info.size} ${info.mtimeMs} ${digest}`;
			}
		}
	};
	await walk(folder);
	return prints;
}

/** Every row of every table, as PostgreSQL writes it, in primary-key order. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`set local time zone 'UTC'`);
		const tables: Record<string, string[]> = {};
		for (const table of schemaTables()) {
			const order = table.primaryKey.map((c) => `t."${c}"`).join(', ') || 't::text';
			// The command line records the restore itself after restoring: compared apart.
			const where = table.name === 'audit_event' ? ` where t.action <> 'restore'` : '';
			const result = await tx.execute(
				sql.raw(`select t::text as r from "${table.name}" t${where} order by ${order}`)
			);
			tables[table.name] = (result as unknown as { rows: { r: string }[] }).rows.map((row) => row.r);
		}
		return tables;
	});
}

describe(`command line bin/concerto.js [${databaseKind}]`, () => {
	let folder: string;
	let dataDir: string;
	let scratch: ScratchDatabase | undefined;
	let env: NodeJS.ProcessEnv;

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'concerto-cli-test-'));
		dataDir = join(folder, 'data');
		env = { ...process.env, CONCERTO_DATA_DIR: dataDir };
		delete env.DATABASE_URL;
		delete env.SMTP_URL;
		if (databaseKind === 'postgresql') {
			scratch = await createScratchDatabase();
			env.DATABASE_URL = scratch.url;
		}
	});

	afterAll(async () => {
		await scratch?.drop();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	const concerto = (...args: string[]) =>
		finished(spawn(node, [join(root, 'bin', 'concerto.js'), ...args], { cwd: root, env }));

	/**
	 * Opens the database the command line uses, runs `use`, closes it. On PGlite only between
	 * commands: the embedded database belongs to one process at a time.
	 */
	async function withDatabase<T>(use: (db: Database, connection: Connection) => Promise<T>): Promise<T> {
		const connection = await connect(scratch ? { url: scratch.url } : { dataDir });
		try {
			return await use(connection.db, connection);
		} finally {
			await connection.close();
		}
	}

	/** A refusal: exit code 1, one line on stderr that starts with "concerto:", nothing on stdout. */
	function expectRefusal(result: Result, says: RegExp) {
		expect(result.code, result.stderr).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines, result.stderr).toHaveLength(1);
		expect(lines[0]).toMatch(/^concerto: /);
		expect(lines[0]).toMatch(says);
	}

	it(
		'migrate creates the database and applies every migration',
		async () => {
			const result = await concerto('migrate');
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			const journal = JSON.parse(await readFile(join(root, 'drizzle', 'meta', '_journal.json'), 'utf8')) as {
				entries: unknown[];
			};
			expect(result.stdout).toBe(
				`Database up to date (${databaseKind}): ${journal.entries.length} migration(s) applied.\n`
			);
			if (databaseKind === 'pglite') expect(existsSync(join(dataDir, 'pgdata'))).toBe(true);
			const applied = await withDatabase(async (db) => {
				const rows = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
				return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
			});
			expect(applied).toBe(journal.entries.length);
			// The lock of the command is gone once it has finished.
			expect(existsSync(join(dataDir, 'concerto.lock'))).toBe(false);
		},
		SLOW
	);

	it(
		'example load fills the empty database and prints the sign-in accounts',
		async () => {
			const result = await concerto('example', 'load');
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(
				'18 organisations, 12 people, 64 places, 1 plan, 1 meeting, 12 projects, 4 accounts'
			);
			const accounts: [string, string][] = [
				['admin@example.org', 'concerto-admin'],
				['coordination@example.org', 'concerto-crp'],
				['acf@example.org', 'concerto-acf'],
				['mercycorps@example.org', 'concerto-mercy']
			];
			for (const [account, secret] of accounts)
				expect(result.stdout).toMatch(new RegExp(`${escape(account)}\\s+${escape(secret)}\\s`));
			const organisations = await withDatabase((db) => db.select({ n: count() }).from(organisation));
			expect(organisations).toEqual([{ n: 18 }]);
		},
		SLOW
	);

	const email = 'fatoumata.coulibaly@example.org';
	const password = 'Bamako-2016-ACF!';
	let userId: string;

	it(
		'user create makes a focal point of ACF who can sign in',
		async () => {
			const result = await concerto(
				'user',
				'create',
				'--email',
				email,
				'--name',
				'Fatoumata Coulibaly',
				'--role',
				'focal-point',
				'--organisation',
				'ACF',
				'--password',
				password
			);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toBe(`User ${email} created: focal-point of organisation ACF.\n`);
			await withDatabase(async (db, connection) => {
				const [row] = await db.select().from(user).where(eq(user.email, email));
				expect(row?.name).toBe('Fatoumata Coulibaly');
				userId = row!.id;
				const [acf] = await db.select().from(organisation).where(eq(organisation.acronym, 'ACF'));
				const actor = await loadActor(db, userId);
				expect(actor!.grants).toEqual([{ role: 'focal-point', clusterId: null, organisationId: acf!.id }]);
				expect(actor!.organisationId).toBe(acf!.id);

				const app = await openTestApp(connection);
				const signedIn = await signIn(app, { email, password, headers: new Headers() }, 'fr');
				expect(signedIn.ok).toBe(true);
				const wrong = await signIn(app, { email, password: 'not it', headers: new Headers() }, 'fr');
				expect(wrong.ok).toBe(false);
			});
		},
		SLOW
	);

	it(
		'token create prints a working token alone on one line',
		async () => {
			const result = await concerto('token', 'create', '--email', email.toUpperCase());
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/^cto_[A-Za-z0-9_-]{20,}\n$/);
			const token = result.stdout.trimEnd();
			await withDatabase(async (db) => {
				expect(await userIdForToken(db, token)).toBe(userId);
				expect(await userIdForToken(db, `${token}x`)).toBeNull();
			});
		},
		SLOW
	);

	it(
		'refuses bad usage with one line that says what to change, and creates nothing',
		async () => {
			const counts = () =>
				withDatabase(async (db) => ({
					users: (await db.select({ n: count() }).from(user))[0]!.n,
					grants: (await db.select({ n: count() }).from(roleGrant))[0]!.n,
					people: (await db.select({ n: count() }).from(person))[0]!.n
				}));
			const before = await counts();
			expectRefusal(
				await concerto('user', 'create', '--email', 'a@example.org', '--name', 'A', '--role', 'chief'),
				/unknown role "chief": use one of admin, coordinator, information-manager, focal-point, observer/
			);
			expectRefusal(
				await concerto('user', 'create', '--email', 'b@example.org', '--name', 'B', '--role', 'coordinator'),
				/coordinator needs --cluster/
			);
			expectRefusal(
				await concerto('user', 'create', '--email', 'not-an-address', '--name', 'C', '--role', 'admin'),
				/--email: /
			);
			expectRefusal(
				await concerto('token', 'create', '--email', 'nobody@example.org'),
				/no user with the e-mail address nobody@example\.org/
			);
			expect(await counts()).toEqual(before);
		},
		SLOW
	);

	// The embedded database belongs to one process: while a server holds the data folder, the command
	// line must refuse and leave the folder alone. (PostgreSQL serves many processes: nothing to lock.)
	if (databaseKind === 'pglite')
		it(
			'on the embedded database, refuses to run while a server holds the data folder',
			async () => {
				const holder = spawn(
					node,
					[
						'--import',
						'tsx',
						'--input-type=module',
						'-e',
						`const { lockDataDir } = await import(${JSON.stringify(join(root, 'src/lib/server/data-dir-lock.ts'))});
lockDataDir(process.env.LOCK_DIR, { owner: 'server', url: 'http://localhost:3000' });
console.log('locked');
setInterval(() => {}, 1000);`
					],
					{ cwd: root, env: { ...env, LOCK_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] }
				);
				const exited = finished(holder);
				try {
					await new Promise<void>((resolve, reject) => {
						holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
						holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
					});
					const before = await fingerprint(dataDir);
					const result = await concerto('token', 'create', '--email', email);
					expectRefusal(
						result,
						new RegExp(
							`Concerto is running on this data folder \\(pid ${holder.pid}, http://localhost:3000\\)`
						)
					);
					expect(await fingerprint(dataDir)).toEqual(before);
				} finally {
					holder.kill();
					await exited;
				}
				// A lock left by a server that is gone does not block the folder.
				expect(existsSync(join(dataDir, 'concerto.lock'))).toBe(true);
				const after = await concerto('token', 'create', '--email', email);
				expect(after.stderr).toBe('');
				expect(after.code).toBe(0);
			},
			SLOW
		);

	it(
		'backup FILE then restore FILE round-trips the database; a damaged file changes nothing',
		async () => {
			const file = join(folder, 'concerto.backup');
			const original = await withDatabase((db) => snapshot(db));
			const backup = await concerto('backup', file);
			expect(backup.stderr).toBe('');
			expect(backup.code).toBe(0);
			expect(backup.stdout).toMatch(
				new RegExp(`^Backup written to ${escape(file)}: \\d+ rows in \\d+ tables\\.\\n$`)
			);
			const bytes = await readFile(file);
			expect(decodeBackup(bytes).header.database).toBe(databaseKind);

			// The data moves on after the backup.
			const changed = await withDatabase(async (db) => {
				await db.delete(user).where(eq(user.email, email));
				await db.update(organisation).set({ name: 'Renamed' }).where(eq(organisation.acronym, 'PNUD'));
				await db.insert(organisation).values({ name: 'Added after the backup', type: 'other' });
				return snapshot(db);
			});
			expect(changed).not.toEqual(original);

			const damaged = join(folder, 'damaged.backup');
			await writeFile(damaged, bytes.subarray(0, bytes.length - 100));
			expectRefusal(await concerto('restore', damaged), /damaged or truncated/);
			expect(await withDatabase((db) => snapshot(db))).toEqual(changed);

			const restore = await concerto('restore', file);
			expect(restore.stderr).toBe('');
			expect(restore.code).toBe(0);
			expect(restore.stdout).toMatch(
				new RegExp(`^Restored ${escape(file)} \\(made .+ on ${databaseKind}\\)`)
			);
			expect(await withDatabase((db) => snapshot(db))).toEqual(original);
			const restores = await withDatabase((db) =>
				db.select().from(auditEvent).where(eq(auditEvent.action, 'restore'))
			);
			expect(restores).toHaveLength(1);
			expect(restores[0]!.after).toMatchObject({ file });
		},
		SLOW
	);
});
