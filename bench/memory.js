// Memory on PostgreSQL: a server on a fresh database with the example workspace, a bounded load of
// requests over the pages of issue 2 (loopback only), then the server's peak RSS (VmHWM).
// Target: under 300 MB. Also prints requests per second and latency percentiles of the load.
import { join } from 'node:path';
import {
	ADMIN,
	checkPages,
	concerto,
	createDatabase,
	dropDatabase,
	ensureBuild,
	firstLine,
	isMain,
	log,
	mb,
	memoryOf,
	percentile,
	resolvePages,
	setUpIfEmpty,
	signIn,
	startServer,
	stopServer,
	tmp,
	waitForOk
} from './lib.js';

const PORT = Number(process.env.BENCH_MEMORY_PORT ?? 4713);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const TIME_LIMIT_MS = 5 * 60_000;
const TARGET = 300 * 1024 * 1024;
const DATABASE = `concerto_bench_${process.pid}`;

async function load(base, pages, jar) {
	const latencies = [];
	const statuses = new Map();
	let next = 0;
	const deadline = performance.now() + TIME_LIMIT_MS;
	const started = performance.now();
	async function worker() {
		while (next < REQUESTS && performance.now() < deadline) {
			const page = pages[next++ % pages.length];
			const t0 = performance.now();
			const res = await fetch(base + page.path, {
				redirect: 'manual',
				headers: { accept: 'text/html', ...(page.signedIn ? { cookie: jar.header() } : {}) }
			});
			await res.arrayBuffer();
			latencies.push(performance.now() - t0);
			statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
		}
	}
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const seconds = (performance.now() - started) / 1000;
	return { count: latencies.length, seconds, latencies, statuses };
}

export async function benchMemory() {
	ensureBuild();
	const databaseUrl = createDatabase(DATABASE);
	const env = { DATABASE_URL: databaseUrl, CONCERTO_DATA_DIR: join(tmp, 'memory-files') };
	const server = startServer({ port: PORT, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		const afterStart = memoryOf(server.child.pid);
		const example = concerto(['example', 'load'], { DATABASE_URL: databaseUrl });
		if (example.ok) log('memory: example workspace loaded with `concerto example load`');
		else {
			log(`memory: no example workspace (${firstLine(example.reason)}); first administrator through /setup`);
			await setUpIfEmpty(server.base);
		}
		const jar = await signIn(server.base, ADMIN);
		const pages = await checkPages(server.base, jar, await resolvePages(server.base, jar));
		for (const page of pages.filter((p) => p.missing)) log(`  skipped ${page.path}: ${page.missing}`);
		const loaded = pages.filter((p) => !p.missing);
		log(
			`memory: ${REQUESTS} requests, concurrency ${CONCURRENCY}, over ${loaded.map((p) => p.path).join(' ')}`
		);
		const result = await load(server.base, loaded, jar);
		const after = memoryOf(server.child.pid);
		const p = (q) => `${percentile(result.latencies, q).toFixed(1)} ms`;
		log(
			`  ${result.count} requests in ${result.seconds.toFixed(1)} s: ${(result.count / result.seconds).toFixed(0)} requests/s, ` +
				`latency p50 ${p(50)}, p95 ${p(95)}, p99 ${p(99)}; statuses ${[...result.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`
		);
		log(`  RSS after start ${mb(afterStart.rss)}, after the load ${mb(after.rss)}`);
		log(
			`memory: peak RSS (VmHWM) ${mb(after.hwm)} on PostgreSQL — target < 300 MB: ${after.hwm < TARGET ? 'within target' : 'OVER TARGET'}`
		);
		return {
			peakRss: after.hwm,
			requestsPerSecond: result.count / result.seconds,
			p95: percentile(result.latencies, 95)
		};
	} finally {
		await stopServer(server);
		dropDatabase(DATABASE);
	}
}

if (isMain(import.meta.url)) await benchMemory();
