// Minutes import: the reference report (../shared/reference/compte-rendu-crp-2016-10-20.txt) sent
// to `POST /api/v1/meetings/import?cluster=ER` on PGlite with the example workspace, 20 sequential
// requests after a warm-up, as plain text and as a DOCX made of the same lines (target < 1 s each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import {
	createToken,
	ensureBuild,
	isMain,
	log,
	medianAndP95,
	preparePgliteData,
	root,
	targetVerdict,
	timeRuns,
	withServer
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
	const token = createToken({ ...env, CONCERTO_DATA_DIR: dataDir }, 'bench-minutes');
	await withServer({ port: PORT, dataDir, env }, async (server) => {
		for (const [kind, body, type] of [
			['text', REPORT, 'text/plain; charset=utf-8'],
			['DOCX', reportDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
		]) {
			const timing = await timeRuns(RUNS, () => timedImport(server.base, token, body, type));
			const { draft } = timing.last;
			log(
				`  reference report as ${kind}: ${medianAndP95(timing)} ` +
					`(${draft.agenda.length} agenda items, ${draft.actions.length} actions, ${draft.participants.length} participants)` +
					` — ${targetVerdict(timing.p95, 1000)}`
			);
		}
	});
}

if (isMain(import.meta.url)) await benchMinutesImport();
