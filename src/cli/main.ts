// The command line, `npx concerto <command>` (bin/concerto.js runs this on Node.js 22 through tsx).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `Usage: npx concerto <command>

Commands:
  migrate                          apply the database migrations
  example load                     load the example workspace "Mali — Cluster Relèvement Précoce"
                                   (only into an empty database)
  user create --email E --name N --role R [--cluster CODE] [--organisation ACRONYM-or-NAME]
              [--password P] [--locale fr|en]
                                   create a user; roles: admin, coordinator, information-manager,
                                   focal-point, observer. coordinator and information-manager need
                                   --cluster, focal-point needs --organisation. Without --password
                                   a password is generated and printed once.
  token create --email E [--name N]
                                   create a personal API token; prints the token alone on its line
  backup FILE                      write the whole database to FILE (gzip JSON)
  restore FILE                     replace the whole database with FILE; a damaged file, or one
                                   made by another version, is refused before anything changes
  help                             this help

Configuration as the server: DATABASE_URL (PostgreSQL), otherwise the embedded database in
CONCERTO_DATA_DIR (default ./data). On the embedded database, commands refuse to run while the
server is using the data folder.
`;

interface Io {
	out: (line: string) => void;
	err: (line: string) => void;
}

const stdio: Io = {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`)
};

type Handler = (app: import('$lib/server/app').App, io: Io) => Promise<void>;

/** Runs one command; returns the exit code (0 done, 1 refused or failed). Errors are one line on stderr. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
	try {
		const [command, ...rest] = argv;
		if (command === undefined) {
			io.err(USAGE);
			return 1;
		}
		if (command === 'help' || command === '--help' || command === '-h') {
			io.out(USAGE);
			return 0;
		}
		return await withApp(await plan(command, rest), io);
	} catch (error) {
		io.err(`concerto: ${describe(error)}`);
		if (process.env.CONCERTO_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
		return 1;
	}
}

/** Parses the arguments of a command into what to do once the database is open. */
async function plan(command: string, args: string[]): Promise<Handler> {
	const { UsageError } = await import('./commands');
	const parse = <O extends NonNullable<ParseArgsConfig['options']>>(
		options: O,
		positionals: number,
		usage: string
	) => {
		let parsed;
		try {
			parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
		} catch (error) {
			throw new UsageError(
				`${(error as Error).message.split('\n')[0]!.split('. ')[0]} (see "npx concerto help")`
			);
		}
		if (parsed.positionals.length !== positionals)
			throw new UsageError(`usage: npx concerto ${usage} (see "npx concerto help")`);
		return parsed;
	};
	const required = (values: Record<string, unknown>, ...names: string[]) => {
		for (const name of names)
			if (typeof values[name] !== 'string' || values[name] === '')
				throw new UsageError(`${command} ${args[0] ?? ''} needs --${name}`.replace('  ', ' '));
	};

	switch (command) {
		case 'migrate': {
			parse({}, 0, 'migrate');
			return async (app, io) => {
				const { migrationState } = await import('$lib/server/backup/backup');
				const state = await migrationState(app.db);
				io.out(`Database up to date (${app.kind}): ${state.applied} migration(s) applied.`);
			};
		}
		case 'example': {
			const { positionals } = parse({}, 1, 'example load');
			if (positionals[0] !== 'load') throw new UsageError('did you mean "npx concerto example load"?');
			return async (app, io) => {
				const { loadExample, EXAMPLE_ACCOUNTS } = await import('$lib/server/example/load-example');
				const summary = await loadExample(app.db, { publicUrl: app.config.publicUrl });
				io.out(
					`Example workspace "Mali — Cluster Relèvement Précoce" loaded: ${summary.organisations} organisations, ` +
						`${summary.people} people, ${summary.locations} places, ${summary.plans} plan, ${summary.meetings} meeting, ${summary.projects} projects, ${summary.users} accounts.`
				);
				io.out('Sign in with:');
				for (const a of EXAMPLE_ACCOUNTS)
					io.out(`  ${a.email.padEnd(28)} ${a.password.padEnd(16)} (${a.role})`);
				io.out('Mail from the example workspace stays in the outbox.');
			};
		}
		case 'user': {
			const { values, positionals } = parse(
				{
					email: { type: 'string' },
					name: { type: 'string' },
					role: { type: 'string' },
					cluster: { type: 'string' },
					organisation: { type: 'string' },
					password: { type: 'string' },
					locale: { type: 'string' }
				},
				1,
				'user create --email E --name N --role R [options]'
			);
			if (positionals[0] !== 'create') throw new UsageError('did you mean "npx concerto user create …"?');
			required(values, 'email', 'name', 'role');
			if (values.locale !== undefined && values.locale !== 'fr' && values.locale !== 'en')
				throw new UsageError('--locale is fr or en');
			return async (app, io) => {
				const { createUser } = await import('./commands');
				const created = await createUser(app.db, {
					email: values.email!,
					name: values.name!,
					role: values.role!,
					cluster: values.cluster,
					organisation: values.organisation,
					password: values.password,
					locale: values.locale as 'fr' | 'en' | undefined
				});
				io.out(
					`User ${created.email} created: ${created.role}${created.scope ? ` of ${created.scope}` : ''}.`
				);
				if (created.generatedPassword)
					io.out(
						`Password: ${created.generatedPassword}\n(shown only now: pass it on safely; it can be changed on the profile page)`
					);
			};
		}
		case 'token': {
			const { values, positionals } = parse(
				{ email: { type: 'string' }, name: { type: 'string' } },
				1,
				'token create --email E [--name N]'
			);
			if (positionals[0] !== 'create')
				throw new UsageError('did you mean "npx concerto token create --email E"?');
			required(values, 'email');
			return async (app, io) => {
				const { createToken } = await import('./commands');
				io.out(await createToken(app.db, { email: values.email!, name: values.name }));
			};
		}
		case 'backup': {
			const { positionals } = parse({}, 1, 'backup FILE');
			const file = resolve(positionals[0]!);
			return async (app, io) => {
				const { backupToFile } = await import('$lib/server/backup/backup');
				const header = await backupToFile(app.db, app.kind, file);
				io.out(`Backup written to ${file}: ${summarise(header.tables)}.`);
			};
		}
		case 'restore': {
			const { positionals } = parse({}, 1, 'restore FILE');
			const file = resolve(positionals[0]!);
			return async (app, io) => {
				const { restoreFromFile } = await import('$lib/server/backup/backup');
				const { recordAudit } = await import('$lib/server/audit/record-audit');
				const header = await restoreFromFile(app.db, file);
				// Recorded after the restore, which replaced the audit log with the backup's own.
				await recordAudit(app.db, null, {
					action: 'restore',
					entityType: 'database',
					after: { file, createdAt: header.createdAt, database: header.database }
				});
				io.out(
					`Restored ${file} (made ${header.createdAt} on ${header.database}): ${summarise(header.tables)}.`
				);
			};
		}
		default:
			throw new UsageError(`unknown command "${command}" (see "npx concerto help")`);
	}
}

/** Opens the database as the server would (migrations applied), runs the command, closes it. */
async function withApp(handler: Handler, io: Io): Promise<number> {
	const root = process.env.CONCERTO_ROOT ?? process.cwd();
	if (!existsSync(join(root, 'src', 'lib', 'paraglide', 'messages.js')))
		throw new Error(`the message catalogue is not compiled: run "npm run i18n" in ${root}`);
	const { readConfig } = await import('$lib/server/config');
	const { lockDataDir } = await import('$lib/server/data-dir-lock');
	const { openApp } = await import('$lib/server/app');
	const config = readConfig();
	// PGlite is one process's database: never open it while the server (or another command) has it.
	const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, { owner: 'cli' });
	try {
		const app = await openApp(config);
		try {
			await handler(app, io);
		} finally {
			await app.close();
		}
		return 0;
	} finally {
		release();
	}
}

function summarise(tables: Record<string, number>) {
	const rows = Object.values(tables).reduce((a, b) => a + b, 0);
	return `${rows} rows in ${Object.keys(tables).length} tables`;
}

/** One line that says what went wrong; field errors name their field. */
function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	// Drizzle wraps the driver's error in "Failed query: …"; the driver's says what is wrong.
	if (error.message.startsWith('Failed query') && error.cause) return describe(error.cause);
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01')
		return `cannot reach the database at DATABASE_URL (${code}): ${error.message || 'connection refused'}`;
	if (error instanceof AggregateError) return [...new Set(error.errors.map(describe))].join('; ');
	const fields = (error as { errors?: unknown }).errors;
	if (
		Array.isArray(fields) &&
		fields.every((f) => f && typeof f === 'object' && 'path' in f && 'message' in f)
	)
		return fields
			.map((f: { path: string; message: string }) => `${f.path ? `--${f.path}: ` : ''}${f.message}`)
			.join('; ');
	return error.message.split('\n')[0]!;
}
