// Projects at scale: 5,000 projects over 10 plans (bench/projects-data.js) on PostgreSQL and on
// PGlite. Measures (1) the server time of the filtered project list — API and page, as the
// administrator and as a visitor — and of the 3W view, loopback round trips, sequential, after a
// warm-up, against 100 ms on PostgreSQL; (2) the XLSX export of the biggest plan (time, target
// 5 s) and the server's peak RSS during it on a fresh server, with that plan at 1,000 then 5,000
// projects: the export streams, so the peak should not grow with the plan.
import {
	concerto,
	ensureBuild,
	fillPglite,
	fillPostgres,
	isMain,
	log,
	mb,
	medianAndP95,
	memoryOf,
	preparePgliteData,
	signIn,
	startServer,
	stopServer,
	targetVerdict,
	timeGet,
	timeRequests,
	waitForOk,
	withPostgresDatabase,
	withServer
} from './lib.js';
import { BIGGEST, FILL_SQL, growSql, PLAN_COUNT, TOTAL } from './projects-data.js';

const PORT = Number(process.env.BENCH_PROJECTS_PORT ?? 4719);
const RUNS = 20;
const TARGET_MS = 100;
const EXPORT_TARGET_MS = 5000;
const GROWN = 5000;
const DATABASE = `concerto_bench_projects_${process.pid}`;

async function json(base, path, jar) {
	const res = await fetch(base + path, { headers: jar ? { cookie: jar.header() } : {} });
	if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
	return res.json();
}

/** The plans' ids by year, the biggest first, and an organisation that appeals in it. */
async function ids(base, jar) {
	const biggest = (await json(base, `/api/v1/plans?year=2031`, jar)).items[0].id;
	const other = (await json(base, `/api/v1/plans?year=2032`, jar)).items[0].id;
	const page = await json(base, `/api/v1/projects?plan=${biggest}&limit=1`, jar);
	return { biggest, other, organisation: page.items[0].organisation.id, total: page.total };
}

function paths({ biggest, organisation }) {
	return [
		'/api/v1/me',
		`/api/v1/projects?plan=${biggest}`,
		`/api/v1/projects?plan=${biggest}&status=approved,published&place=ML06`,
		`/api/v1/projects?plan=${biggest}&organisation=${organisation}&cluster=ER`,
		`/api/v1/projects?plan=${biggest}&q=moyens&offset=500`,
		`/api/v1/projects/who-what-where?plan=${biggest}`,
		`/projects?plan=${biggest}`,
		`/projects?plan=${biggest}&status=published&place=ML07`,
		`/projects/3w?plan=${biggest}`
	];
}

const short = (path, plan) => path.replace(plan, '{plan}');

async function measureLists(base, kind, target) {
	const jar = await signIn(base);
	const plan = await ids(base, jar);
	log(`  ${kind}: biggest plan ${plan.total} projects (of ${TOTAL} in ${PLAN_COUNT} plans)`);
	for (const path of paths(plan)) {
		const timing = await timeRequests(base, path, { runs: RUNS, jar, redirect: 'manual' });
		const verdict = target && path !== '/api/v1/me' ? ` — ${targetVerdict(timing.p95, TARGET_MS)}` : '';
		log(`  ${kind} ${short(path, plan.biggest)}: ${medianAndP95(timing)}${verdict}`);
	}
	// Visitors see the published projects of published plans (the bench plans are published).
	for (const path of [`/api/v1/projects?plan=${plan.biggest}`, `/projects?plan=${plan.biggest}`]) {
		try {
			const timing = await timeRequests(base, path, { runs: RUNS, redirect: 'manual' });
			log(`  ${kind} visitor ${short(path, plan.biggest)}: ${medianAndP95(timing)}`);
		} catch (error) {
			log(`  ${kind} visitor ${short(path, plan.biggest)}: FAILED (${error.message})`);
		}
	}
	return { jar, plan };
}

async function timeExport(base, jar, planId, format = 'xlsx') {
	return timeGet(base, `/api/v1/projects?plan=${planId}&format=${format}`, { jar });
}

async function measureExports(base, kind, jar, plan, projects) {
	for (const format of ['xlsx', 'csv', 'iati']) {
		const times = [];
		let last;
		for (let i = 0; i < 3; i++) {
			last = await timeExport(base, jar, plan.biggest, format);
			times.push(last.ms);
		}
		times.sort((a, b) => a - b);
		const verdict = format === 'xlsx' ? ` — ${targetVerdict(times[1], EXPORT_TARGET_MS, '5 s')}` : '';
		log(
			`  ${kind} ${format.toUpperCase()} export of the biggest plan (${projects} projects): median ${(times[1] / 1000).toFixed(2)} s, ${(last.body.length / 1024).toFixed(0)} KB${verdict}`
		);
	}
}

/**
 * A fresh server: signed in, warmed up with a list and the export of a smaller plan, then the
 * biggest plan exported to XLSX twice while RSS is sampled. Returns the peaks.
 */
async function measureMemory(options, kind, projects) {
	const server = startServer({ port: PORT, ...options });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		const jar = await signIn(server.base);
		const plan = await ids(server.base, jar);
		await timeExport(server.base, jar, plan.other);
		await timeExport(server.base, jar, plan.other);
		const before = memoryOf(server.child.pid);
		let sampled = before.rss;
		const sampler = setInterval(() => {
			try {
				sampled = Math.max(sampled, memoryOf(server.child.pid).rss);
			} catch {
				/* the process is gone */
			}
		}, 10);
		let ms = 0;
		try {
			for (let i = 0; i < 2; i++) ms = (await timeExport(server.base, jar, plan.biggest)).ms;
		} finally {
			clearInterval(sampler);
		}
		const after = memoryOf(server.child.pid);
		log(
			`  ${kind} memory, XLSX export of ${projects} projects: RSS before ${mb(before.rss)}, highest sampled during ${mb(sampled)}, ` +
				`peak (VmHWM) ${mb(before.hwm)} → ${mb(after.hwm)}; export ${(ms / 1000).toFixed(2)} s`
		);
		return { before, after, sampled };
	} catch (error) {
		throw new Error(`${error.message}\n${server.output().slice(-3000)}`, { cause: error });
	} finally {
		await stopServer(server);
	}
}

function memoryVerdict(kind, small, large) {
	const growth = large.sampled - small.sampled;
	log(
		`  ${kind} memory: highest RSS during the export ${mb(small.sampled)} at ${BIGGEST} projects, ${mb(large.sampled)} at ${GROWN} ` +
			`(${growth >= 0 ? '+' : ''}${mb(growth)}) — ${Math.abs(growth) < 40 * 1024 * 1024 ? 'flat' : 'GROWS WITH THE PLAN'}`
	);
}

async function onPostgres() {
	await withPostgresDatabase(DATABASE, async (env) => {
		for (const args of [['migrate'], ['example', 'load']]) {
			const run = concerto(args, env);
			if (!run.ok) throw new Error(`concerto ${args.join(' ')} failed: ${run.reason}`);
		}
		await fillPostgres(env.DATABASE_URL, FILL_SQL);
		await withServer({ port: PORT, env }, async (server) => {
			try {
				const { jar, plan } = await measureLists(server.base, 'PostgreSQL', true);
				await measureExports(server.base, 'PostgreSQL', jar, plan, BIGGEST);
			} catch (error) {
				throw new Error(`${error.message}\n${server.output().slice(-3000)}`, { cause: error });
			}
		});
		const small = await measureMemory({ env }, 'PostgreSQL', BIGGEST);
		await fillPostgres(env.DATABASE_URL, growSql(BIGGEST, GROWN));
		const large = await measureMemory({ env }, 'PostgreSQL', GROWN);
		memoryVerdict('PostgreSQL', small, large);
		await withServer({ port: PORT, env }, async (server) => {
			const jar = await signIn(server.base);
			await measureExports(server.base, 'PostgreSQL', jar, await ids(server.base, jar), GROWN);
		});
	});
}

async function onPglite() {
	const { dataDir, env } = await preparePgliteData('projects', PORT);
	await fillPglite(dataDir, FILL_SQL);
	await withServer({ port: PORT, dataDir, env }, async (server) => {
		const { jar, plan } = await measureLists(server.base, 'PGlite', false);
		await measureExports(server.base, 'PGlite', jar, plan, BIGGEST);
	});
	const small = await measureMemory({ dataDir, env }, 'PGlite', BIGGEST);
	await fillPglite(dataDir, growSql(BIGGEST, GROWN));
	const large = await measureMemory({ dataDir, env }, 'PGlite', GROWN);
	memoryVerdict('PGlite', small, large);
}

export async function benchProjects() {
	// BENCH_SKIP_BUILD=1: measure the build in BENCH_BUILD_DIR as it is, even if sources changed since.
	if (process.env.BENCH_SKIP_BUILD !== '1') ensureBuild();
	log(`  ${TOTAL} projects in ${PLAN_COUNT} plans, the biggest ${BIGGEST} (then ${GROWN} for memory)`);
	await onPostgres();
	if (process.env.BENCH_PROJECTS_PGLITE !== '0') await onPglite();
}

if (isMain(import.meta.url)) await benchProjects();
