// Shared helpers for the benchmarks: build, start and stop a server, sign in, PostgreSQL databases.
// Everything runs on this machine: servers listen on 127.0.0.1 and every request goes to loopback.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export const root = resolve(import.meta.dirname, '..');
export const node = process.execPath;
export const buildDir = join(root, process.env.BENCH_BUILD_DIR ?? 'tmp/build-bench');
const kitDir = join(root, 'tmp/kit-bench');
export const tmp = join(root, 'tmp/bench');

export const ADMIN = { email: 'admin@example.org', password: 'concerto-admin', name: 'Admin Concerto' };

/** The pages weighed; `:organisation`, `:meeting` and `:project` are replaced by ids of the example (resolvePages). */
export const PAGES = [
	{ path: '/', signedIn: false },
	{ path: '/sign-in', signedIn: false },
	{ path: '/organisations', signedIn: true },
	{ path: '/organisations/:organisation', signedIn: true },
	{ path: '/people', signedIn: true },
	{ path: '/clusters', signedIn: true },
	{ path: '/locations', signedIn: true },
	{ path: '/profile', signedIn: true },
	{ path: '/admin/users', signedIn: true },
	{ path: '/admin/audit', signedIn: true },
	{ path: '/meetings', signedIn: true },
	{ path: '/meetings/:meeting', signedIn: true },
	{ path: '/actions', signedIn: true },
	{ path: '/calendar', signedIn: true },
	{ path: '/projects', signedIn: true },
	{ path: '/projects/3w', signedIn: true },
	{ path: '/projects/:project', signedIn: true },
	{ path: '/projects/:project/versions', signedIn: true },
	{ path: '/projects/:project/review', signedIn: true },
	{ path: '/reviews', signedIn: true }
];

export function log(...args) {
	console.log(...args);
}

export function kb(bytes) {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs `once()` (which returns `{ ms, … }`) `warmUp` times unmeasured, then `runs` times in sequence:
 * { times, median, p95, last } (`last`: what the last run returned).
 */
export async function timeRuns(runs, once, { warmUp = 3 } = {}) {
	for (let i = 0; i < warmUp; i++) await once();
	const times = [];
	let last;
	for (let i = 0; i < runs; i++) {
		last = await once();
		times.push(last.ms);
	}
	return { times, median: median(times), p95: percentile(times, 95), last };
}

/**
 * One loopback GET of `path`, uncompressed (with the cookies of `jar` when given): { ms, body, type }.
 * Any status but 200 throws. `redirect: 'manual'` answers a redirect as it is (so it throws).
 */
export async function timeGet(base, path, { jar, redirect } = {}) {
	const headers = { 'accept-encoding': 'identity', ...(jar ? { cookie: jar.header() } : {}) };
	const started = performance.now();
	const res = await fetch(base + path, { headers, ...(redirect ? { redirect } : {}) });
	const body = await res.arrayBuffer();
	const ms = performance.now() - started;
	if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
	return { ms, body: Buffer.from(body), type: res.headers.get('content-type') };
}

/** `timeGet` after a warm-up, `runs` times: { times, median, p95, last: { ms, body, type } }. */
export function timeRequests(base, path, { runs, jar, redirect }) {
	return timeRuns(runs, () => timeGet(base, path, { jar, redirect }));
}

/** `median 12.3 ms, p95 45.6 ms`. */
export function medianAndP95({ median, p95 }) {
	return `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;
}

/** `target < 100 ms: within target`, or `… OVER TARGET` when `value` is not below `limit`. */
export function targetVerdict(value, limit, label = `${limit} ms`) {
	return `target < ${label}: ${value < limit ? 'within target' : 'OVER TARGET'}`;
}

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path)
		.filter((name) => name !== 'paraglide')
		.reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Builds into tmp/build-bench unless a build newer than the sources is already there. */
export function ensureBuild({ force = false } = {}) {
	const marker = join(buildDir, 'handler.js');
	const sources = [
		'src',
		'messages',
		'static',
		'drizzle',
		'package-lock.json',
		'svelte.config.js',
		'vite.config.ts'
	];
	const stale =
		force ||
		!existsSync(marker) ||
		Math.max(...sources.map((s) => newest(join(root, s)))) > statSync(marker).mtimeMs;
	if (!stale) return;
	log(`building into ${buildDir.replace(root + '/', '')} …`);
	const started = performance.now();
	const result = spawnSync(
		node,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: { ...process.env, CONCERTO_BUILD_DIR: buildDir, CONCERTO_KIT_DIR: kitDir }
		}
	);
	if (result.status !== 0)
		throw new Error(
			`vite build failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-5000)}`
		);
	log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Child processes that are still running, stopped on exit whatever happens. */
const running = new Set();
function stopAllSync() {
	for (const child of running) {
		try {
			child.kill('SIGKILL');
		} catch {
			/* already gone */
		}
	}
}
process.on('exit', stopAllSync);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopAllSync();
		process.exit(130);
	});
}

/**
 * Spawns the server as `npm start` does (scripts/serve.js on the build) on 127.0.0.1:port. Returns { child, base, output(), exited }.
 * `env` adds to (or, with undefined values, removes from) the environment.
 */
export function startServer({ port, dataDir, env = {} }) {
	const base = `http://127.0.0.1:${port}`;
	const childEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), CONCERTO_BUILD_DIR: buildDir };
	delete childEnv.DATABASE_URL;
	delete childEnv.SMTP_URL;
	if (dataDir) childEnv.CONCERTO_DATA_DIR = dataDir;
	for (const [key, value] of Object.entries(env)) {
		if (value === undefined) delete childEnv[key];
		else childEnv[key] = value;
	}
	// The same heap cap as `npm start` (package.json): without it V8 grows lazily to ~400 MB.
	const child = spawn(node, ['--max-old-space-size=256', join(root, 'scripts/serve.js')], {
		cwd: root,
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolveExit) =>
		child.on('exit', (code, signal) => {
			running.delete(child);
			resolveExit({ code, signal });
		})
	);
	return { child, base, output: () => output, exited };
}

/** Polls `path` until it answers 200 (redirects followed). Returns ms since `since`. */
export async function waitForOk(server, { path = '/', since = performance.now(), timeoutMs = 60_000 } = {}) {
	let exited = null;
	server.exited.then((e) => (exited = e));
	while (performance.now() - since < timeoutMs) {
		if (exited) {
			throw new Error(
				`server exited (code ${exited.code}, signal ${exited.signal}) before answering:\n${server.output().slice(-3000)}`
			);
		}
		try {
			const res = await fetch(server.base + path, { signal: AbortSignal.timeout(5000) });
			await res.arrayBuffer();
			if (res.status === 200) return performance.now() - since;
		} catch {
			/* not listening yet */
		}
		await sleep(20);
	}
	throw new Error(`no 200 on ${path} within ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
}

/** Starts the server, waits for /healthz, runs `use(server)` and stops the server whatever happens. */
export async function withServer(options, use) {
	const server = startServer(options);
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		return await use(server);
	} finally {
		await stopServer(server);
	}
}

/** SIGTERM, then SIGKILL if it lingers. */
export async function stopServer(server, timeoutMs = 10_000) {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return;
	server.child.kill('SIGTERM');
	const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
	await server.exited;
	clearTimeout(timer);
}

/** A tiny cookie jar for fetch. */
export class Jar {
	cookies = new Map();
	store(res) {
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
			if (!value || expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	header() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	list(url) {
		return [...this.cookies].map(([name, value]) => ({ name, value, url }));
	}
}

async function postForm(base, path, fields, jar) {
	const res = await fetch(base + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: base,
			...(jar.cookies.size ? { cookie: jar.header() } : {})
		},
		body: new URLSearchParams(fields)
	});
	jar.store(res);
	await res.arrayBuffer();
	return res;
}

/** Signs in through the /sign-in form; returns the cookie jar of the session. */
export async function signIn(base, { email, password } = ADMIN) {
	const jar = new Jar();
	const res = await postForm(base, '/sign-in', { email, password, next: '/' }, jar);
	if (res.status !== 303 || jar.cookies.size === 0)
		throw new Error(`sign-in as ${email} failed: HTTP ${res.status}`);
	return jar;
}

/** Creates the first administrator through /setup when the installation is empty. */
export async function setUpIfEmpty(base) {
	const probe = await fetch(base + '/', { redirect: 'manual' });
	await probe.arrayBuffer();
	if (!(probe.status === 303 && probe.headers.get('location')?.endsWith('/setup'))) return false;
	const res = await postForm(base, '/setup', ADMIN, new Jar());
	if (res.status !== 303) throw new Error(`/setup failed: HTTP ${res.status}`);
	return true;
}

/** Runs the command line (`concerto …`) when it exists; returns false when it does not or fails. */
export function concerto(args, env) {
	const bin = join(root, 'bin/concerto.js');
	if (!existsSync(bin)) return { ok: false, reason: 'bin/concerto.js does not exist yet' };
	const result = spawnSync(node, [bin, ...args], {
		cwd: root,
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 300_000
	});
	return {
		ok: result.status === 0,
		stdout: result.stdout ?? '',
		reason: `exit ${result.status}: ${(result.stderr || result.stdout || '').trim().slice(-500)}`
	};
}

/** Loads the example workspace with the command line; throws when it fails. */
export function loadExample(env) {
	const example = concerto(['example', 'load'], env);
	if (!example.ok) throw new Error(`example load failed: ${example.reason}`);
}

/** An API token of the administrator, made with the command line (`env` says which database). */
export function createToken(env, name) {
	const result = concerto(['token', 'create', '--email', ADMIN.email, '--name', name], env);
	if (!result.ok) throw new Error(`token create failed: ${result.reason}`);
	return result.stdout.trim().split('\n').pop().trim();
}

/**
 * An embedded (PGlite) data folder with the example workspace: a first start loads it; while the
 * example loader is not written, the first start falls back to CONCERTO_EXAMPLE=0 and /setup.
 * Made anew on every call so that it follows the current schema and example. Returns
 * { dataDir, env, example } for later starts.
 */
export async function preparePgliteData(name, port) {
	const dataDir = join(tmp, name);
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	let info = { dataDir, env: {}, example: true };
	let server = startServer({ port, dataDir });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
	} catch (error) {
		await stopServer(server);
		log(`note: the first start with the example failed, using /setup instead (${firstLine(error)})`);
		rmSync(dataDir, { recursive: true, force: true });
		mkdirSync(dataDir, { recursive: true });
		info = { dataDir, env: { CONCERTO_EXAMPLE: '0' }, example: false };
		server = startServer({ port, dataDir, env: info.env });
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
	}
	try {
		if (await setUpIfEmpty(server.base)) info.example = false;
		await signIn(server.base);
	} finally {
		await stopServer(server);
	}
	return info;
}

/** The first line of an error, and the last line the server printed when the error carries its output. */
export function firstLine(error) {
	const lines = String(error?.message ?? error)
		.split('\n')
		.filter((l) => l.trim());
	const cause = lines
		.slice(1)
		.reverse()
		.find((l) => /error/i.test(l));
	return cause ? `${lines[0]} … ${cause.trim()}` : (lines[0] ?? '');
}

/** Where a placeholder of PAGES finds a real id: the first link of that list page. */
const PLACEHOLDERS = {
	':organisation': { list: '/organisations', link: /href="\/organisations\/([0-9a-f-]{36})"/ },
	':meeting': { list: '/meetings', link: /href="\/meetings\/([0-9a-f-]{36})"/ },
	':project': { list: '/projects', link: /href="\/projects\/([0-9a-f-]{36})"/ }
};

/** Replaces each placeholder (:organisation, :meeting) by an id read from its list page. */
export async function resolvePages(base, jar) {
	const ids = {};
	for (const [placeholder, { list, link }] of Object.entries(PLACEHOLDERS)) {
		try {
			const res = await fetch(base + list, { headers: { cookie: jar.header() } });
			ids[placeholder] = (await res.text()).match(link)?.[1] ?? null;
		} catch {
			ids[placeholder] = null;
		}
	}
	return PAGES.map((page) => {
		const placeholder = Object.keys(PLACEHOLDERS).find((p) => page.path.includes(p));
		if (!placeholder) return page;
		return ids[placeholder]
			? { ...page, path: page.path.replace(placeholder, ids[placeholder]) }
			: { ...page, missing: `no id for ${placeholder} on ${PLACEHOLDERS[placeholder].list}` };
	});
}

/** Which pages answer (not 404) for the given cookies; the others come back with `missing`. */
export async function checkPages(base, jar, pages) {
	const out = [];
	for (const page of pages) {
		if (page.missing) {
			out.push(page);
			continue;
		}
		const res = await fetch(base + page.path, {
			redirect: 'manual',
			headers: page.signedIn ? { cookie: jar.header() } : {}
		});
		await res.arrayBuffer();
		if (res.status === 404) out.push({ ...page, missing: 'answers 404 (page not built yet)' });
		else if (res.status !== 200) out.push({ ...page, missing: `answers ${res.status}` });
		else out.push(page);
	}
	return out;
}

/** The PGlite database of a data folder (its server stopped), with the extensions the app uses. */
export function openPglite(dataDir) {
	return PGlite.create(join(dataDir, 'pgdata'), { extensions: { unaccent, pg_trgm } });
}

/** Runs each statement on the PGlite database of a data folder (its server stopped). */
export async function fillPglite(dataDir, statements) {
	const db = await openPglite(dataDir);
	try {
		for (const statement of statements) await db.exec(statement);
	} finally {
		await db.close();
	}
}

/** A connected client of the PostgreSQL database at `url`. */
export async function openPostgres(url) {
	const client = new pg.Client(url);
	await client.connect();
	return client;
}

/** Runs each statement on the PostgreSQL database at `url`. */
export async function fillPostgres(url, statements) {
	const client = await openPostgres(url);
	try {
		for (const statement of statements) await client.query(statement);
	} finally {
		await client.end();
	}
}

/** A new PostgreSQL database for `use(env)` (env: `{ DATABASE_URL }`), dropped after whatever happens. */
export async function withPostgresDatabase(name, use) {
	const env = { DATABASE_URL: createDatabase(name) };
	try {
		return await use(env);
	} finally {
		dropDatabase(name);
	}
}

/**
 * A new PostgreSQL database `name`, the server started on it and the example workspace loaded:
 * `use(server, env)`; then the server stopped and the database dropped, whatever happens.
 */
export function withExampleOnPostgres(name, port, use) {
	return withPostgresDatabase(name, (env) =>
		withServer({ port, env }, (server) => {
			loadExample(env);
			return use(server, env);
		})
	);
}

/**
 * The example workspace with `fillSql` run on it, on PostgreSQL (database concerto_bench_`name`_pid)
 * then on PGlite (data folder tmp/bench/`name`), the server on `port`: `measure(base, kind)` on each,
 * kind 'PostgreSQL' then 'PGlite'.
 */
export async function measureOnBothDatabases(name, port, fillSql, measure) {
	await withExampleOnPostgres(`concerto_bench_${name}_${process.pid}`, port, async (server, env) => {
		await fillPostgres(env.DATABASE_URL, fillSql);
		await measure(server.base, 'PostgreSQL');
	});
	const { dataDir, env } = await preparePgliteData(name, port);
	await fillPglite(dataDir, fillSql);
	await withServer({ port, dataDir, env }, (server) => measure(server.base, 'PGlite'));
}

export function createDatabase(name) {
	spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'root', '--if-exists', '--force', name], { stdio: 'ignore' });
	const result = spawnSync('createdb', ['-h', '127.0.0.1', '-U', 'root', name], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`createdb ${name} failed: ${result.stderr}`);
	return `postgres://root@127.0.0.1:5432/${name}`;
}

export function dropDatabase(name) {
	spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'root', '--if-exists', '--force', name], { stdio: 'ignore' });
}

/** VmHWM / VmRSS of a process in bytes. */
export function memoryOf(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const read = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
	return { hwm: read('VmHWM'), rss: read('VmRSS') };
}

export function mb(bytes) {
	return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url) {
	return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url);
}
