// Needs at scale: a cluster's caseload of 20,000 rows (2,000 admin2 places × 10 population groups,
// in need and targeted by sex and age group) imported from an HXL file, preview then confirmation,
// against 10 s on PostgreSQL (issue 4); then the needs page (which at that size offers one admin1
// at a time), an admin1's grid and the HXL export. On PostgreSQL, then on PGlite. The import goes
// through the API when its routes are there, else through the import pages as a browser sends them.
import { gzipSync } from 'node:zlib';
import {
	createToken,
	ensureBuild,
	isMain,
	kb,
	log,
	openPglite,
	openPostgres,
	preparePgliteData,
	signIn,
	targetVerdict,
	timeGet,
	withExampleOnPostgres,
	withServer
} from './lib.js';

const PORT = Number(process.env.BENCH_NEEDS_PORT ?? 4717);
const ROWS = 20_000;
const PLACES = 2_000;
const EXTRA_GROUPS = 6;
const DATABASE = `concerto_bench_needs_${process.pid}`;
const SEX_AGE = ['f+children', 'm+children', 'f+adults', 'm+adults', 'elderly'];

/** Synthetic cercles under Mali's regions and more population groups for ER, in the database. */
const FILL_SQL = [
	`insert into location (pcode, name, level, parent_id)
	 select r.pcode || 'B' || lpad(g::text, 4, '0'), 'Cercle ' || r.name || ' ' || g, 2, r.id
	 from location r
	 cross join generate_series(1, ceil(${PLACES}::numeric /
		(select count(*) from location where level = 1 and parent_id = (select id from location where pcode = 'ML')))::int) g
	 where r.level = 1 and r.retired_at is null and r.parent_id = (select id from location where pcode = 'ML')
	 on conflict (pcode) do nothing`,
	`insert into population_group (cluster_id, code, name_fr, name_en, position)
	 select c.id, 'bench-' || g, 'Groupe ' || g, 'Group ' || g, 100 + g
	 from cluster c cross join generate_series(1, ${EXTRA_GROUPS}) g where c.code = 'ER'
	 on conflict do nothing`
];

const FIND_SQL = {
	plan: `select p.id from plan p join plan_cluster pc on pc.plan_id = p.id join cluster c on c.id = pc.cluster_id
	       where c.code = 'ER' order by p.year desc limit 1`,
	places: `select l.pcode, r.pcode as region from location l join location r on r.id = l.parent_id
	         where l.level = 2 and l.pcode like 'ML%B%' order by l.pcode limit ${PLACES}`,
	groups: `select g.code from population_group g join cluster c on c.id = g.cluster_id where c.code = 'ER' order by g.position`
};

/** Fills the database and reads what the file needs; `query` runs one statement and returns its rows. */
async function prepare(query) {
	const started = performance.now();
	for (const statement of FILL_SQL) await query(statement);
	const [plan] = await query(FIND_SQL.plan);
	if (!plan) throw new Error('the example workspace has no plan with the ER cluster');
	const places = await query(FIND_SQL.places);
	const groups = (await query(FIND_SQL.groups)).map((g) => g.code);
	log(
		`  ${places.length} admin2 places and ${groups.length} population groups ready in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
	return { planId: plan.id, file: needsFile(places, groups) };
}

/** An HXL CSV of ROWS rows, people targeted never above people in need (no warning to confirm). */
function needsFile(places, groups) {
	const lines = [
		[
			'Région',
			'Cercle',
			'Groupe',
			...SEX_AGE.map((s) => `Besoin ${s}`),
			...SEX_AGE.map((s) => `Ciblés ${s}`)
		].join(','),
		[
			'#adm1+code',
			'#adm2+code',
			'#population+type',
			...SEX_AGE.map((s) => `#inneed+${s}`),
			...SEX_AGE.map((s) => `#targeted+${s}`)
		].join(',')
	];
	let seed = 7;
	const random = (max) => (seed = (seed * 48271) % 2147483647) % max;
	for (let i = 0; i < ROWS; i++) {
		const place = places[i % places.length];
		const group = groups[Math.floor(i / places.length) % groups.length];
		const inNeed = SEX_AGE.map(() => 100 + random(5000));
		const targeted = inNeed.map((n) => random(n + 1));
		lines.push([place.region, place.pcode, group, ...inNeed, ...targeted].join(','));
	}
	return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Preview then confirmation through the API; null when the API has no needs routes yet. */
async function importByApi(base, token, planId, file) {
	const auth = { authorization: `Bearer ${token}` };
	const query = new URLSearchParams({ cluster: 'ER', source: 'Banc d’essai', sourceDate: '2016-10-25' });
	const started = performance.now();
	const preview = await fetch(`${base}/api/v1/plans/${planId}/needs/import?${query}`, {
		method: 'POST',
		headers: {
			...auth,
			'content-type': 'text/csv',
			'content-disposition': 'attachment; filename="besoins.hxl.csv"'
		},
		body: file
	});
	if (preview.status === 404) return null;
	const report = await preview.json();
	if (preview.status !== 200 || !report.uploadId)
		throw new Error(`preview HTTP ${preview.status}: ${JSON.stringify(report).slice(0, 300)}`);
	const previewed = performance.now();
	const confirm = await fetch(`${base}/api/v1/needs-imports/${report.uploadId}/confirm`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: '{}'
	});
	const saved = await confirm.json();
	if (confirm.status !== 200)
		throw new Error(`confirm HTTP ${confirm.status}: ${JSON.stringify(saved).slice(0, 300)}`);
	return {
		via: 'API',
		rows: report.figures,
		preview: previewed - started,
		confirm: performance.now() - previewed,
		revision: saved.number
	};
}

/** The same through the import pages: the upload form, then the confirmation form. */
async function importByPages(base, jar, planId, file) {
	const page = `${base}/plans/${planId}/clusters/ER/needs/import`;
	const headers = { cookie: jar.header(), origin: base, accept: 'text/html' };
	const form = new FormData();
	form.set('source', 'Banc d’essai');
	form.set('sourceDate', '2016-10-25');
	form.set('file', new Blob([file], { type: 'text/csv' }), 'besoins.hxl.csv');
	const started = performance.now();
	const preview = await fetch(`${page}?/preview`, {
		method: 'POST',
		headers,
		body: form,
		redirect: 'manual'
	});
	await preview.arrayBuffer();
	const staged = preview.headers.get('location');
	if (preview.status !== 303 || !staged) throw new Error(`preview page HTTP ${preview.status}`);
	const previewed = performance.now();
	const confirm = await fetch(`${base}${staged}?/confirm`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
		body: '',
		redirect: 'manual'
	});
	await confirm.arrayBuffer();
	const done = confirm.headers.get('location') ?? '';
	if (confirm.status !== 303 || !done.includes('saved='))
		throw new Error(`confirm page HTTP ${confirm.status} ${done}`);
	return {
		via: 'pages',
		rows: ROWS,
		preview: previewed - started,
		confirm: performance.now() - previewed,
		revision: Number(done.split('saved=')[1])
	};
}

async function measure(kind, server, token, planId, file) {
	const jar = await signIn(server.base);
	const result =
		(await importByApi(server.base, token, planId, file)) ??
		(await importByPages(server.base, jar, planId, file));
	const total = result.preview + result.confirm;
	log(
		`  ${kind} import of ${result.rows} needs rows (HXL CSV, ${kb(file.length)}) through the ${result.via}: preview ${seconds(result.preview)} + ` +
			`confirmation ${seconds(result.confirm)} = ${seconds(total)} (revision ${result.revision}) — ` +
			targetVerdict(total, 10_000, '10 s')
	);
	const needs = `/plans/${planId}/clusters/ER/needs`;
	for (const path of [needs, `${needs}?region=ML06`, `${needs}/export?format=hxl`]) {
		await timeGet(server.base, path, { jar });
		const { ms, body } = await timeGet(server.base, path, { jar });
		log(
			`  ${kind} GET ${path.replace(planId, ':plan')}: ${ms.toFixed(0)} ms, ${kb(gzipSync(body).length)} gzipped`
		);
	}
}

async function onPostgres() {
	await withExampleOnPostgres(DATABASE, PORT, async (server, env) => {
		const client = await openPostgres(env.DATABASE_URL);
		const { planId, file } = await prepare(async (statement) => (await client.query(statement)).rows);
		await client.end();
		await measure('PostgreSQL', server, createToken(env, 'bench-needs'), planId, file);
	});
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('needs', PORT);
	const db = await openPglite(dataDir);
	const { planId, file } = await prepare(async (statement) => (await db.query(statement)).rows);
	await db.close();
	const token = createToken({ ...env, CONCERTO_DATA_DIR: dataDir }, 'bench-needs');
	await withServer({ port: PORT, dataDir, env }, (server) => measure('PGlite', server, token, planId, file));
}

/** `build: false` runs on the build already in place (BENCH_BUILD_DIR), however old. */
export async function benchNeedsImport({ build = true } = {}) {
	if (build) ensureBuild();
	await onPostgres();
	await onPglite();
}

if (isMain(import.meta.url)) await benchNeedsImport({ build: process.env.BENCH_NO_BUILD !== '1' });
