// Directory at scale: 5,000 organisations and 50,000 people (bench/directory-data.js) on
// PostgreSQL and on PGlite. Measures (1) the server time of filtered, searched directory pages and
// API lists — loopback round trips, sequential, after a warm-up — against 100 ms on PostgreSQL and
// 300 ms on PGlite; (2) the compressed weight of the directory pages at that scale (target 100 KB);
// (3) importing 10,000 people from a CSV through the API, preview and confirmation (target 10 s).
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
	ADMIN,
	concerto,
	createDatabase,
	dropDatabase,
	ensureBuild,
	isMain,
	kb,
	log,
	median,
	percentile,
	preparePgliteData,
	signIn,
	startServer,
	stopServer,
	waitForOk
} from './lib.js';
import { FILL_SQL, ORGANISATIONS, PEOPLE } from './directory-data.js';

const PORT = Number(process.env.BENCH_DIRECTORY_PORT ?? 4714);
const RUNS = 30;
const IMPORTED = 10_000;
const DATABASE = `concerto_bench_directory_${process.pid}`;

const QUERIES = [
	'/organisations?q=releve&type=national-ngo',
	'/organisations?cluster=ER&stage=member&place=ML07&sort=updated',
	'/organisations?q=oim',
	'/people?q=traore',
	'/people?q=keita&cluster=ER&sort=organisation',
	'/people?type=government&language=bm&offset=500',
	'/api/v1/organisations?q=sahel&type=government&limit=50',
	'/api/v1/people?q=diallo&cluster=ER&limit=50'
];

async function timed(base, jar, path) {
	const started = performance.now();
	const res = await fetch(base + path, { headers: { cookie: jar.header(), 'accept-encoding': 'identity' } });
	const body = Buffer.from(await res.arrayBuffer());
	if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
	return { ms: performance.now() - started, body };
}

async function measureQueries(base, jar, kind, target) {
	for (const path of QUERIES) {
		for (let i = 0; i < 3; i++) await timed(base, jar, path);
		const times = [];
		let body;
		for (let i = 0; i < RUNS; i++) ({ ms: times[i], body } = await timed(base, jar, path));
		const p95 = percentile(times, 95);
		const weight = path.startsWith('/api') ? '' : `, page ${kb(gzipSync(body).length)} gzipped`;
		log(
			`  ${kind} ${path}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` +
				`${weight} — target < ${target} ms: ${p95 < target ? 'within target' : 'OVER TARGET'}`
		);
	}
}

function peopleCsv() {
	const lines = ['Nom;Fonction;Organisation;E-mail;Téléphone;Langues'];
	for (let i = 1; i <= IMPORTED; i++)
		lines.push(
			`Personne Importée ${i};Chargée de suivi;B${1 + (i % ORGANISATIONS)};import${i}@bench${1 + (i % ORGANISATIONS)}.org;+223 6${String(i).padStart(7, '0')};fr`
		);
	return Buffer.from(lines.join('\r\n'), 'latin1');
}

async function measureImport(base, token, kind) {
	const auth = { authorization: `Bearer ${token}` };
	const started = performance.now();
	const preview = await fetch(`${base}/api/v1/people/import`, {
		method: 'POST',
		headers: {
			...auth,
			'content-type': 'text/csv',
			'content-disposition': 'attachment; filename="people.csv"'
		},
		body: peopleCsv()
	});
	if (preview.status !== 200)
		return log(`  ${kind} import: preview HTTP ${preview.status} ${await preview.text()}`);
	const { uploadId, counts } = await preview.json();
	const valid = counts?.valid;
	const previewed = performance.now();
	const confirm = await fetch(`${base}/api/v1/imports/${uploadId}/confirm`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: '{}'
	});
	const result = await confirm.json();
	const total = (performance.now() - started) / 1000;
	log(
		`  ${kind} import of ${IMPORTED} people (CSV, Windows-1252, semicolons): preview ${((previewed - started) / 1000).toFixed(1)} s ` +
			`(${valid} valid rows), total ${total.toFixed(1)} s, HTTP ${confirm.status} ${JSON.stringify(result).slice(0, 120)}` +
			` — target < 10 s: ${total < 10 && confirm.status === 200 ? 'within target' : 'OVER TARGET'}`
	);
}

async function fillPostgres(url) {
	const client = new pg.Client(url);
	await client.connect();
	for (const statement of FILL_SQL) await client.query(statement);
	await client.end();
}

async function fillPglite(dataDir) {
	const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { unaccent, pg_trgm } });
	for (const statement of FILL_SQL) await db.exec(statement);
	await db.close();
}

function createToken(env) {
	const result = concerto(['token', 'create', '--email', ADMIN.email, '--name', 'bench'], env);
	if (!result.ok) throw new Error(`token create failed: ${result.reason}`);
	return result.stdout.trim().split('\n').pop().trim();
}

async function onPostgres() {
	const url = createDatabase(DATABASE);
	const env = { DATABASE_URL: url };
	const server = startServer({ port: PORT, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		const example = concerto(['example', 'load'], env);
		if (!example.ok) throw new Error(`example load failed: ${example.reason}`);
		const started = performance.now();
		await fillPostgres(url);
		log(
			`  PostgreSQL: ${ORGANISATIONS} organisations, ${PEOPLE} people in ${((performance.now() - started) / 1000).toFixed(1)} s`
		);
		const jar = await signIn(server.base);
		await measureQueries(server.base, jar, 'PostgreSQL', 100);
		await measureImport(server.base, createToken(env), 'PostgreSQL').catch((e) =>
			log(`  PostgreSQL import: failed (${e.cause?.message ?? e.message})`)
		);
	} finally {
		await stopServer(server);
		dropDatabase(DATABASE);
	}
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('directory', PORT);
	const started = performance.now();
	await fillPglite(dataDir);
	log(
		`  PGlite: ${ORGANISATIONS} organisations, ${PEOPLE} people in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
	const token = createToken({ ...env, CONCERTO_DATA_DIR: dataDir });
	const server = startServer({ port: PORT, dataDir, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		const jar = await signIn(server.base);
		await measureQueries(server.base, jar, 'PGlite', 300);
		await measureImport(server.base, token, 'PGlite').catch((e) =>
			log(`  PGlite import: failed (${e.cause?.message ?? e.message})`)
		);
	} finally {
		await stopServer(server);
	}
}

export async function benchDirectory() {
	ensureBuild();
	await onPostgres();
	await onPglite();
}

if (isMain(import.meta.url)) await benchDirectory();
