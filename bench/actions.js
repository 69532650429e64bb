// Action tracker at scale: 20,000 action items of 200 meetings (cluster ER of the example) on
// PostgreSQL and on PGlite. Measures the server time of the tracker page and of the API with the
// filters people use — loopback round trips, sequential, after a warm-up — against 100 ms on
// PostgreSQL (PGlite is reported, for information).
import {
	concerto,
	ensureBuild,
	fillPglite,
	fillPostgres,
	isMain,
	log,
	medianAndP95,
	preparePgliteData,
	signIn,
	targetVerdict,
	timeRequests,
	withPostgresDatabase,
	withServer
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
		const timing = await timeRequests(base, path, { runs: RUNS, jar, redirect: 'manual' });
		const verdict = target ? ` — ${targetVerdict(timing.p95, TARGET_MS)}` : '';
		log(`  ${kind} ${path}: ${medianAndP95(timing)}${verdict}`);
	}
}

async function onPostgres() {
	await withPostgresDatabase(DATABASE, async (env) => {
		// Loaded and filled before the server starts, so that its own first start has nothing to load.
		for (const args of [['migrate'], ['example', 'load']]) {
			const run = concerto(args, env);
			if (!run.ok) throw new Error(`concerto ${args.join(' ')} failed: ${run.reason}`);
		}
		await fillPostgres(env.DATABASE_URL, FILL_SQL);
		await withServer({ port: PORT, env }, async (server) => {
			try {
				await measure(server.base, 'PostgreSQL', true);
			} catch (error) {
				throw new Error(`${error.message}\n${server.output().slice(-3000)}`, { cause: error });
			}
		});
	});
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('actions', PORT);
	await fillPglite(dataDir, FILL_SQL);
	await withServer({ port: PORT, dataDir, env }, (server) => measure(server.base, 'PGlite', false));
}

export async function benchActions() {
	// BENCH_SKIP_BUILD=1: measure the build in BENCH_BUILD_DIR as it is, even if sources changed since.
	if (process.env.BENCH_SKIP_BUILD !== '1') ensureBuild();
	log(`  ${ACTION_COUNT} action items in 200 meetings of cluster ER`);
	await onPostgres();
	if (process.env.BENCH_ACTIONS_PGLITE !== '0') await onPglite();
}

if (isMain(import.meta.url)) await benchActions();
