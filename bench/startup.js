// Start-up: time from spawning `node build` to the first 200 on `/`, on PGlite with existing data.
// Target: under 5 s (median of 5 starts).
import {
	ensureBuild,
	isMain,
	log,
	median,
	preparePgliteData,
	startServer,
	stopServer,
	waitForOk
} from './lib.js';

const PORT = Number(process.env.BENCH_STARTUP_PORT ?? 4711);
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const TARGET_MS = 5000;

export async function benchStartup() {
	ensureBuild();
	const data = await preparePgliteData('startup-pglite', PORT);
	log(
		`startup: PGlite data in ${data.dataDir.replace(process.cwd() + '/', '')} (${data.example ? 'example workspace' : 'set up through /setup: the example loader is not written yet'})`
	);
	const times = [];
	for (let i = 0; i < RUNS; i++) {
		const since = performance.now();
		const server = startServer({ port: PORT, dataDir: data.dataDir, env: data.env });
		try {
			times.push(await waitForOk(server, { path: '/', since }));
		} finally {
			await stopServer(server);
		}
		log(`  start ${i + 1}: ${(times.at(-1) / 1000).toFixed(2)} s`);
	}
	const result = { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
	const verdict = result.medianMs < TARGET_MS ? 'within target' : 'OVER TARGET';
	log(
		`startup: median ${(result.medianMs / 1000).toFixed(2)} s of ${RUNS} (min ${(result.minMs / 1000).toFixed(2)}, max ${(result.maxMs / 1000).toFixed(2)}) — target < 5 s: ${verdict}`
	);
	return result;
}

if (isMain(import.meta.url)) await benchStartup();
