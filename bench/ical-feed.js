// Calendar at scale: a cluster with 2,000 events (plus meetings, action items and a work plan) on
// PostgreSQL and on PGlite. Measures the server time of the cluster's public iCalendar feed and of a
// user's own feed (loopback round trips, sequential, after a warm-up) against 200 ms, prints their
// size, and the time and first-load weight of the month view of the calendar page.
// BENCH_SKIP_BUILD=1 uses the build in BENCH_BUILD_DIR as it is (while others edit the sources).
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
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

const PORT = Number(process.env.BENCH_ICAL_PORT ?? 4718);
const RUNS = 20;
const TARGET_MS = 200;
const EVENTS = 2000;
const CODE = 'ICAL';
// A fixed secret for the admin's own feed, stored as the app stores it: its SHA-256.
const TOKEN = 'cal_' + 'b'.repeat(32);

/**
 * 2,000 events over the feed's window (the past year and the years ahead): two thirds with times,
 * one in ten over three days, text with the commas and semicolons that iCalendar escapes. Then 100
 * meetings, 300 open action items and a work plan of 40 activities.
 */
const FILL_SQL = [
	`insert into cluster (code, name_fr, name_en) values ('${CODE}', 'Cluster iCalendar', 'iCalendar cluster')`,
	`insert into calendar_event (cluster_id, kind, title, starts_on, start_time, end_time, ends_on, place, notes)
	 select c.id, (array['meeting','training','deadline','milestone','other'])[1 + i % 5],
	   'Évènement ' || i || ', atelier; session ' || (i % 7),
	   current_date - 300 + (i % 900),
	   case when i % 3 = 0 then null else lpad((8 + i % 8)::text, 2, '0') || ':00' end,
	   case when i % 3 = 0 then null else lpad((9 + i % 8)::text, 2, '0') || ':30' end,
	   case when i % 10 = 0 then current_date - 300 + (i % 900) + 2 else null end,
	   'Bureau ' || (i % 20) || ', Bamako', 'Notes de l''évènement ' || i || E'\\nSeconde ligne.'
	 from cluster c, generate_series(1, ${EVENTS}) i where c.code = '${CODE}'`,
	`insert into meeting (cluster_id, title, kind, held_on, start_time, end_time, place, state)
	 select c.id, 'Réunion ' || i, 'cluster-meeting', current_date - 300 + i * 9, '14:30', '16:30', 'PNUD', 'held'
	 from cluster c, generate_series(1, 100) i where c.code = '${CODE}'`,
	`insert into action_item (cluster_id, description, responsible_text, due_on)
	 select c.id, 'Action ' || i || ' : partager la matrice', 'Coordinateur CRP', current_date - 200 + i * 3
	 from cluster c, generate_series(1, 300) i where c.code = '${CODE}'`,
	`insert into work_plan (cluster_id, year, quarter)
	 select c.id, extract(year from current_date)::int, extract(quarter from current_date)::int
	 from cluster c where c.code = '${CODE}'`,
	`insert into work_plan_activity (work_plan_id, position, activity, responsible_text, starts_on, ends_on)
	 select w.id, i, 'Activité ' || i, 'OCHA', current_date - 30 + i, current_date + i * 2
	 from work_plan w join cluster c on c.id = w.cluster_id, generate_series(1, 40) i where c.code = '${CODE}'`,
	`insert into calendar_feed (user_id, token_hash)
	 select id, '${createHash('sha256').update(TOKEN).digest('hex')}' from "user" where email = 'admin@example.org'`
];

/** The machine's load while measuring: on a shared machine a busy neighbour slows every figure. */
const load = () => `load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;

function verdict(timing, target) {
	return `${medianAndP95(timing)} (${load()}) — ${targetVerdict(timing.p95, target)}`;
}

async function measure(base, kind) {
	for (const [label, path] of [
		['cluster feed', `/calendar/clusters/${CODE}/calendar.ics`],
		['own feed', `/calendar/feeds/${TOKEN}/calendar.ics`]
	]) {
		const timing = await timeRequests(base, path, { runs: RUNS });
		const { last } = timing;
		const events = (last.body.toString('utf8').match(/BEGIN:VEVENT/g) ?? []).length;
		log(
			`  ${kind} ${label}: ${events} VEVENTs, ${kb(last.body.length)} (${kb(gzipSync(last.body).length)} gzipped), ${last.type}`
		);
		log(`  ${kind} ${label}: ${verdict(timing, TARGET_MS)}`);
	}
	const jar = await signIn(base);
	const page = `/calendar?cluster=${CODE}`;
	const timing = await timeRequests(base, page, { runs: RUNS, jar });
	log(`  ${kind} ${page} (month view): ${verdict(timing, TARGET_MS)}`);
	const browser = await launchBrowser();
	try {
		const weight = await weigh(browser, base, { path: page, signedIn: true }, jar);
		log(
			`  ${kind} ${page}, first load: ${weight.items.length} requests, ${kb(weight.compressed)} compressed (${kb(weight.wire)} on the wire)`
		);
	} finally {
		await browser.close();
	}
}

export async function benchIcalFeed() {
	if (process.env.BENCH_SKIP_BUILD !== '1') ensureBuild();
	log(`  a cluster with ${EVENTS} events, 100 meetings, 300 open action items, 40 work plan activities`);
	await measureOnBothDatabases('ical', PORT, FILL_SQL, measure);
}

if (isMain(import.meta.url)) await benchIcalFeed();
