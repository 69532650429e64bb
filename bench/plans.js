// Response plan at scale: a framework of 30 objectives, 150 activities and 600 indicators with
// targets for 60 places (bench/plans-data.js) on PostgreSQL and on PGlite. Measures (1) the server
// time of the framework page and of the framework API — loopback round trips, sequential, after a
// warm-up — against 150 ms; (2) the bytes the framework page costs on a first load in Chromium,
// all assets included, HTML gzipped (target 120 KB).
import {
	ensureBuild,
	isMain,
	kb,
	log,
	measureOnBothDatabases,
	medianAndP95,
	signIn,
	targetVerdict,
	timeRequests
} from './lib.js';
import { launchBrowser, weigh } from './page-weight.js';
import { FILL_SQL, SIZES } from './plans-data.js';

const PORT = Number(process.env.BENCH_PLANS_PORT ?? 4716);
const RUNS = 20;
const TARGET_MS = 150;
const TARGET_BYTES = 120 * 1024;

async function planId(base, jar) {
	const res = await fetch(`${base}/api/v1/plans?year=2018`, { headers: { cookie: jar.header() } });
	return (await res.json()).items[0].id;
}

async function measure(base, kind) {
	const jar = await signIn(base);
	const id = await planId(base, jar);
	for (const path of [`/plans/${id}/clusters/ER/framework`, `/api/v1/plans/${id}/framework?cluster=ER`]) {
		const timing = await timeRequests(base, path, { runs: RUNS, jar });
		log(
			`  ${kind} ${path.replace(id, '{plan}')}: ${medianAndP95(timing)} — ${targetVerdict(timing.p95, TARGET_MS)}`
		);
	}
	const browser = await launchBrowser();
	try {
		const page = { path: `/plans/${id}/clusters/ER/framework`, signedIn: true };
		const weight = await weigh(browser, base, page, jar);
		log(
			`  ${kind} framework page, first load: ${weight.items.length} requests, ${kb(weight.compressed)} compressed` +
				` (${kb(weight.wire)} on the wire) — ${targetVerdict(weight.compressed, TARGET_BYTES, '120 KB')}`
		);
	} finally {
		await browser.close();
	}
}

export async function benchPlans() {
	ensureBuild();
	log(
		`  a framework of ${SIZES.objectives} objectives, ${SIZES.activities} activities, ${SIZES.indicators} indicators, targets in ${SIZES.places} places`
	);
	await measureOnBothDatabases('plans', PORT, FILL_SQL, measure);
}

if (isMain(import.meta.url)) await benchPlans();
