// Minutes import: the reference report (../shared/reference/compte-rendu-crp-2016-10-20.txt) sent
// to `POST /api/v1/meetings/import?cluster=ER` on PGlite with the example workspace, 20 sequential
// requests after a warm-up, as plain text and as a DOCX made of the same lines (target < 1 s each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import {
	ADMIN,
	concerto,
	ensureBuild,
	isMain,
	log,
	median,
	percentile,
	preparePgliteData,
	root,
	startServer,
	stopServer,
	waitForOk
} from './lib.js';

const PORT = Number(process.env.BENCH_MINUTES_PORT ?? 4718);
const RUNS = 20;
const REPORT = readFileSync(join(root, '../shared/reference/compte-rendu-crp-2016-10-20.txt'));

/** The report's lines as a Word document: paragraphs, and a table row for each tab-separated line. */
function reportDocx() {
	const escape = (t) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
	const paragraph = (t) => `<w:p><w:r><w:t xml:space="preserve">${escape(t)}</w:t></w:r></w:p>`;
	const body = REPORT.toString('utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) =>
			l.includes('\t')
				? `<w:tbl><w:tr>${l
						.split('\t')
						.map((c) => `<w:tc>${paragraph(c)}</w:tc>`)
						.join('')}</w:tr></w:tbl>`
				: paragraph(l)
		)
		.join('');
	return zipSync({
		'[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
		'word/document.xml': strToU8(
			`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`
		)
	});
}

async function timedImport(base, token, body, type) {
	const started = performance.now();
	const res = await fetch(`${base}/api/v1/meetings/import?cluster=ER`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': type },
		body
	});
	const draft = await res.json();
	if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(draft).slice(0, 200)}`);
	return { ms: performance.now() - started, draft };
}

export async function benchMinutesImport() {
	ensureBuild();
	const { dataDir, env } = await preparePgliteData('minutes', PORT);
	const token = concerto(['token', 'create', '--email', ADMIN.email, '--name', 'bench-minutes'], {
		...env,
		CONCERTO_DATA_DIR: dataDir
	})
		.stdout.trim()
		.split('\n')
		.pop()
		.trim();
	const server = startServer({ port: PORT, dataDir, env });
	try {
		await waitForOk(server, { path: '/healthz', timeoutMs: 120_000 });
		for (const [kind, body, type] of [
			['text', REPORT, 'text/plain; charset=utf-8'],
			['DOCX', reportDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
		]) {
			for (let i = 0; i < 3; i++) await timedImport(server.base, token, body, type);
			const times = [];
			let draft;
			for (let i = 0; i < RUNS; i++)
				({ ms: times[i], draft } = await timedImport(server.base, token, body, type));
			const p95 = percentile(times, 95);
			log(
				`  reference report as ${kind}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
					`(${draft.agenda.length} agenda items, ${draft.actions.length} actions, ${draft.participants.length} participants)` +
					` — target < 1000 ms: ${p95 < 1000 ? 'within target' : 'OVER TARGET'}`
			);
		}
	} finally {
		await stopServer(server);
	}
}

if (isMain(import.meta.url)) await benchMinutesImport();
