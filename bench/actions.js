// Action tracker at scale: 20,000 action items of 200 meetings (cluster ER of the example) on
// PostgreSQL and on PGlite. Measures the server time of the tracker page and of the API with the
// filters people use — loopback round trips, sequential, after a warm-up — against 100 ms on
// PostgreSQL (PGlite is reported, for information).
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
	log,
	median,
	percentile,
	preparePgliteData,
	signIn,
	startServer,
	stopServer,
	waitForOk
} from './lib.js';

const PORT = Number(process.env.BENCH_ACTIONS_PORT ?? 4718);
const RUNS = 20;
const TARGET_MS = 100;
const DATABASE = `concerto_bench_actions_${process.pid}`;
export const ACTION_COUNT = 20_000;

/** 200 meetings of cluster ER with 100 actions each: due dates over two years, a quarter done. */
const FILL_SQL = [
	`insert into meeting (cluster_id, title, kind, held_on, state)
	 select c.id, 'Réunion de référence ' || n, 'cluster-meeting', date '2015-01-05' + n * 7, 'published'
	 from cluster c, generate_series(1, 200) n where c.code = 'ER'`,
	`with orgs as (select id, row_number() over (order by name) - 1 as i, count(*) over () as n from organisation)
	 insert into action_item (cluster_id, meeting_id, description, responsible_text, responsible_organisation_id, due_on, status)
	 select m.cluster_id, m.id,
	   'Action ' || k || ' de la ' || m.title || ' : réviser les chiffres des personnes ciblées et partager les données',
	   case when k % 3 = 0 then 'Coordinateur CRP' when k % 3 = 1 then 'Partenaires du CRP' else '' end,
	   case when k % 3 = 0 then null else (select o.id from orgs o where o.i = k % o.n) end,
	   m.held_on + (k % 90),
	   case when k % 4 = 0 then 'done' when k % 17 = 0 then 'cancelled' else 'open' end
	 from meeting m, generate_series(1, 100) k where m.title like 'Réunion de référence %'`,
	`analyze action_item`
];

/** `/api/v1/me` first: what any signed-in request costs on this machine now, for comparison. */
const PATHS = [
	'/api/v1/me',
	'/actions',
	'/actions?cluster=ER&status=open',
	'/actions?overdue=1',
	'/actions?responsible=coordinateur',
	'/actions?q=chiffres&dueFrom=2016-01-01&dueTo=2016-06-30',
	'/actions?offset=10000',
	'/api/v1/action-items?limit=50',
	'/api/v1/action-items?cluster=ER&overdue=1&limit=50'
];

async function timed(base, jar, path) {
	const started = performance.now();
	const res = await fetch(base + path, {
		redirect: 'manual',
		headers: { cookie: jar.header(), 'accept-encoding': 'identity' }
	});
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
	return performance.now() - started;
}

/** Signs in and checks the session works (a session lost while the example loads is retried). */
async function session(base) {
	for (let attempt = 1; ; attempt++) {
		const jar = await signIn(base);
		const res = await fetch(`${base}/api/v1/action-items?limit=1`, { headers: { cookie: jar.header() } });
		if (res.ok) return { jar, total: (await res.json()).total };
		if (attempt === 3) throw new Error(`signed in, but the API answers ${res.status}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

async function measure(base, kind, target) {
	const { jar, total } = await session(base);
	log(`  ${kind}: ${total} action items`);
	for (const path of PATHS) {
		for (let i = 0; i < 3; i++) await timed(base, jar, path);
		const times = [];
		for (let i = 0; i < RUNS; i++) times.push(await timed(base, jar, path));
		const p95 = percentile(times, 95);
		const verdict = target
			? ` — target < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'within target' : 'OVER TARGET'}`
			: '';
		log(`  ${kind} ${path}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${verdict}`);
	}
}

async function onPostgres() {
	const url = createDatabase(DATABASE);
	const env = { DATABASE_URL: url };
	// Loaded and filled before the server starts, so that its own first start has nothing to load.
	for (const args of [['migrate'], ['example', 'load']]) {
		const run = concerto(args, env);
		if (!run.ok) throw new Error(`concerto ${args.join(' ')} failed: ${run.reason}`);
	}
	const client = new pg.Client(url);
	await client.connect();
	for (const statement of FILL_SQL) await client.query(statement);
	await client.end();
	const server = startServer({ port: PORT, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		await measure(server.base, 'PostgreSQL', true);
	} catch (error) {
		throw new Error(`${error.message}\n${server.output().slice(-3000)}`, { cause: error });
	} finally {
		await stopServer(server);
		dropDatabase(DATABASE);
	}
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('actions', PORT);
	const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { unaccent, pg_trgm } });
	for (const statement of FILL_SQL) await db.exec(statement);
	await db.close();
	const server = startServer({ port: PORT, dataDir, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		await measure(server.base, 'PGlite', false);
	} finally {
		await stopServer(server);
	}
}

export async function benchActions() {
	// BENCH_SKIP_BUILD=1: measure the build in BENCH_BUILD_DIR as it is, even if sources changed since.
	if (process.env.BENCH_SKIP_BUILD !== '1') ensureBuild();
	log(`  ${ACTION_COUNT} action items in 200 meetings of cluster ER`);
	await onPostgres();
	if (process.env.BENCH_ACTIONS_PGLITE !== '0') await onPglite();
}

if (isMain(import.meta.url)) await benchActions();
