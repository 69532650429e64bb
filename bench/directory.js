// Directory at scale: 5,000 organisations and 50,000 people (bench/directory-data.js) on
// PostgreSQL and on PGlite. Measures (1) the server time of filtered, searched directory pages and
// API lists — loopback round trips, sequential, after a warm-up — against 100 ms on PostgreSQL and
// 300 ms on PGlite; (2) the compressed weight of the directory pages at that scale (target 100 KB);
// (3) importing 10,000 people from a CSV through the API, preview and confirmation (target 10 s).
import { gzipSync } from 'node:zlib';
import {
	createToken,
	ensureBuild,
	fillPglite,
	fillPostgres,
	isMain,
	kb,
	log,
	medianAndP95,
	preparePgliteData,
	signIn,
	targetVerdict,
	timeRequests,
	withExampleOnPostgres,
	withServer
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

async function measureQueries(base, jar, kind, target) {
	for (const path of QUERIES) {
		const timing = await timeRequests(base, path, { runs: RUNS, jar });
		const weight = path.startsWith('/api') ? '' : `, page ${kb(gzipSync(timing.last.body).length)} gzipped`;
		log(`  ${kind} ${path}: ${medianAndP95(timing)}${weight} — ${targetVerdict(timing.p95, target)}`);
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

async function onPostgres() {
	await withExampleOnPostgres(DATABASE, PORT, async (server, env) => {
		const started = performance.now();
		await fillPostgres(env.DATABASE_URL, FILL_SQL);
		log(
			`  PostgreSQL: ${ORGANISATIONS} organisations, ${PEOPLE} people in ${((performance.now() - started) / 1000).toFixed(1)} s`
		);
		const jar = await signIn(server.base);
		await measureQueries(server.base, jar, 'PostgreSQL', 100);
		await measureImport(server.base, createToken(env, 'bench'), 'PostgreSQL').catch((e) =>
			log(`  PostgreSQL import: failed (${e.cause?.message ?? e.message})`)
		);
	});
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('directory', PORT);
	const started = performance.now();
	await fillPglite(dataDir, FILL_SQL);
	log(
		`  PGlite: ${ORGANISATIONS} organisations, ${PEOPLE} people in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
	const token = createToken({ ...env, CONCERTO_DATA_DIR: dataDir }, 'bench');
	await withServer({ port: PORT, dataDir, env }, async (server) => {
		const jar = await signIn(server.base);
		await measureQueries(server.base, jar, 'PGlite', 300);
		await measureImport(server.base, token, 'PGlite').catch((e) =>
			log(`  PGlite import: failed (${e.cause?.message ?? e.message})`)
		);
	});
}

export async function benchDirectory() {
	ensureBuild();
	await onPostgres();
	await onPglite();
}

if (isMain(import.meta.url)) await benchDirectory();
