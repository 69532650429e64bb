// Response plan at scale: a framework of 30 objectives, 150 activities and 600 indicators with
// targets for 60 places (bench/plans-data.js) on PostgreSQL and on PGlite. Measures (1) the server
// time of the framework page and of the framework API — loopback round trips, sequential, after a
// warm-up — against 150 ms; (2) the bytes the framework page costs on a first load in Chromium,
// all assets included, HTML gzipped (target 120 KB).
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
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
import { launchBrowser, weigh } from './page-weight.js';
import { FILL_SQL, SIZES } from './plans-data.js';

const PORT = Number(process.env.BENCH_PLANS_PORT ?? 4716);
const RUNS = 20;
const TARGET_MS = 150;
const TARGET_BYTES = 120 * 1024;
const DATABASE = `concerto_bench_plans_${process.pid}`;

async function timed(base, jar, path) {
	const started = performance.now();
	const res = await fetch(base + path, { headers: { cookie: jar.header(), 'accept-encoding': 'identity' } });
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
	return performance.now() - started;
}

async function planId(base, jar) {
	const res = await fetch(`${base}/api/v1/plans?year=2018`, { headers: { cookie: jar.header() } });
	return (await res.json()).items[0].id;
}

async function measure(base, kind) {
	const jar = await signIn(base);
	const id = await planId(base, jar);
	for (const path of [`/plans/${id}/clusters/ER/framework`, `/api/v1/plans/${id}/framework?cluster=ER`]) {
		for (let i = 0; i < 3; i++) await timed(base, jar, path);
		const times = [];
		for (let i = 0; i < RUNS; i++) times.push(await timed(base, jar, path));
		const p95 = percentile(times, 95);
		log(
			`  ${kind} ${path.replace(id, '{plan}')}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` +
				` — target < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'within target' : 'OVER TARGET'}`
		);
	}
	const browser = await launchBrowser();
	try {
		const page = { path: `/plans/${id}/clusters/ER/framework`, signedIn: true };
		const weight = await weigh(browser, base, page, jar);
		log(
			`  ${kind} framework page, first load: ${weight.items.length} requests, ${kb(weight.compressed)} compressed` +
				` (${kb(weight.wire)} on the wire) — target < 120 KB: ${weight.compressed < TARGET_BYTES ? 'within target' : 'OVER TARGET'}`
		);
	} finally {
		await browser.close();
	}
}

async function onPostgres() {
	const url = createDatabase(DATABASE);
	const env = { DATABASE_URL: url };
	const server = startServer({ port: PORT, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		const example = concerto(['example', 'load'], env);
		if (!example.ok) throw new Error(`example load failed: ${example.reason}`);
		const client = new pg.Client(url);
		await client.connect();
		for (const statement of FILL_SQL) await client.query(statement);
		await client.end();
		await measure(server.base, 'PostgreSQL');
	} finally {
		await stopServer(server);
		dropDatabase(DATABASE);
	}
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('plans', PORT);
	const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { unaccent, pg_trgm } });
	for (const statement of FILL_SQL) await db.exec(statement);
	await db.close();
	const server = startServer({ port: PORT, dataDir, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		await measure(server.base, 'PGlite');
	} finally {
		await stopServer(server);
	}
}

export async function benchPlans() {
	ensureBuild();
	log(
		`  a framework of ${SIZES.objectives} objectives, ${SIZES.activities} activities, ${SIZES.indicators} indicators, targets in ${SIZES.places} places`
	);
	await onPostgres();
	await onPglite();
}

if (isMain(import.meta.url)) await benchPlans();
