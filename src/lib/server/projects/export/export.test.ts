import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { seedProjectList, type ProjectListWorld } from '../../../../../tests/project-list';
import type { Who } from '../../../../../tests/actors';
import { readTable } from '../../spreadsheets/read-table';
import { toHxlTable } from '../../spreadsheets/hxl';
import { ValidationError } from '../../errors';
import { project } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { exportProjects } from './export-projects';
import { projectPages } from './project-pages';

const schemas = fileURLToPath(
	new URL('../../../../../../shared/fixtures/iati/IATI-Schemas/', import.meta.url)
);
const scratch = mkdtempSync(join(tmpdir(), 'concerto-iati-'));

/** xmllint (Debian's libxml2-utils) against the IATI 2.03 activity schema: its complaints, or ''. */
function iatiSchemaErrors(xml: string | Uint8Array, name = 'export.xml'): string {
	const file = join(scratch, name);
	writeFileSync(file, xml);
	const run = spawnSync(
		'xmllint',
		['--noout', '--schema', join(schemas, 'iati-activities-schema.xsd'), file],
		{
			encoding: 'utf8'
		}
	);
	if (run.error)
		throw new Error(
			`xmllint is needed to validate IATI files (apt-get install libxml2-utils): ${run.error.message}`
		);
	return run.status === 0 ? '' : run.stderr;
}

describe(`project exports [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectListWorld;

	beforeAll(async () => {
		w = await seedProjectList(t.db);
		await t.db
			.update(project)
			.set({ objectives: 'Relancer <l’économie> locale', description: '' })
			.where(eq(project.id, w.projects.a.id));
	});
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));

	async function download(who: Who, query: Record<string, unknown>) {
		const file = await exportProjects(await w.as(who), { plan: w.plan.id, ...query });
		const bytes = new Uint8Array(await new Response(file.body as ReadableStream<Uint8Array>).arrayBuffer());
		return { ...file, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
	}

	it('writes CSV, one row per project and place, markup and quotes kept as text', async () => {
		const file = await download('admin', { format: 'csv' });
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect(file.filename).toMatch(/^projects-ML-2017-\d{4}-\d{2}-\d{2}\.csv$/);
		expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = file.text.slice(1).split('\r\n');
		expect(lines[0]).toMatch(/^Code du projet,Titre \(français\),Titre \(anglais\),Organisation,/);
		expect(file.text.match(/\uFEFF/g)).toHaveLength(1);
		// a, b, c, d in one place each, e in two: six rows after the header.
		expect(lines.filter(Boolean)).toHaveLength(7);
		expect(file.text).toContain(
			`${w.projects.a.code},"Relèvement des <b>moyens</b> d’existence & ""AGR""",Livelihoods <recovery>,`
		);
		expect(file.text).toContain(',Brouillon,100000.1,1000,ML06,Tombouctou,,,1000,2017-01-01,2017-12-31');
	});

	it('writes HXL with hashtags under the headers and codes for machines', async () => {
		const file = await download('admin', { format: 'hxl', status: 'published' });
		expect(file.filename).toMatch(/\.hxl\.csv$/);
		const [sheet] = await readTable(file.bytes, file.filename, 'fr');
		const table = toHxlTable(sheet!, 'fr');
		expect(table.hashtags).toEqual([
			'#activity+code',
			'#activity+name+i_fr',
			'#activity+name+i_en',
			'#org+name',
			'#org+acronym',
			'#org+impl+name',
			'#sector+code',
			'#status',
			'#value+budget+usd',
			'#targeted+total',
			'#adm1+code',
			'#adm1+name',
			'#adm2+code',
			'#adm2+name',
			'#targeted',
			'#date+start',
			'#date+end'
		]);
		const col = (tag: string) => table.hashtags.indexOf(tag);
		const d = table.rows.find((r) => r[0] === w.projects.d.code)!;
		expect(d[col('#status')]).toBe('published');
		expect(d[col('#sector+code')]).toBe(w.washCode);
		expect(d[col('#org+impl+name')]).toMatch(/^Organisation A /);
		expect([d[col('#adm1+code')], d[col('#adm2+code')], d[col('#targeted')]]).toEqual([
			'ML06',
			'ML0601',
			'500'
		]);
		expect(table.rows.map((r) => r[0])).toEqual([w.projects.b.code, w.projects.d.code]);
	});

	it('writes XLSX that reads back with the same rows', async () => {
		const file = await download('admin', { format: 'xlsx', organisation: w.orgB });
		expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const [sheet] = await readTable(file.bytes, file.filename, 'fr');
		expect(sheet!.name).toBe('Projets');
		expect(sheet!.rows[0]![0]).toBe('Code du projet');
		const rows = sheet!.rows.slice(1);
		expect(rows.map((r) => [r[0], r[7], r[10], r[14]])).toEqual([
			[w.projects.c.code, 'Brouillon', 'ML08', '700'],
			[w.projects.d.code, 'Publié', 'ML06', '500'],
			[w.projects.e.code, 'Soumis', 'ML06', '1000'],
			[w.projects.e.code, 'Soumis', 'ML07', '2000']
		]);
	});

	it('writes IATI 2.03 activity XML that the schema validates, text escaped', async () => {
		// The validator run here does tell a bad file from a good one.
		const bad = `${schemas}tests/activity-tests/should-fail/humanitarian/03-humanitarian-scope-no-code.xml`;
		const good = `${schemas}tests/activity-tests/should-pass/humanitarian/03-humanitarian-scope.xml`;
		const { readFileSync } = await import('node:fs');
		expect(iatiSchemaErrors(readFileSync(bad), 'bad.xml')).not.toBe('');
		expect(iatiSchemaErrors(readFileSync(good), 'good.xml')).toBe('');

		const file = await download('admin', { format: 'iati' });
		expect(file.contentType).toBe('application/xml; charset=utf-8');
		expect(file.filename).toMatch(/\.iati\.xml$/);
		expect(iatiSchemaErrors(file.bytes)).toBe('');
		expect(file.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<iati-activities version="2\.03"/);
		expect(file.text.match(/<iati-activity /g)).toHaveLength(5);
		expect(file.text).toContain(
			'<narrative>Relèvement des &lt;b&gt;moyens&lt;/b&gt; d’existence &amp; &quot;AGR&quot;</narrative>'
		);
		expect(file.text).toContain('<narrative xml:lang="en">Livelihoods &lt;recovery&gt;</narrative>');
		expect(file.text).toContain(
			'<description type="2"><narrative>Relancer &lt;l’économie&gt; locale</narrative>'
		);
		expect(file.text).not.toContain('<b>');
		const d = activityOf(file.text, w.projects.d.code);
		expect(d).toContain(
			`<iati-identifier>CONCERTO-ORG-${w.orgB}-${w.projects.d.code.replaceAll('/', '-')}</iati-identifier>`
		);
		expect(d).toContain('humanitarian="1"');
		expect(d).toContain('default-currency="USD"');
		expect(d).toMatch(/<participating-org ref="CONCERTO-ORG-[^"]+" type="21" role="2">/);
		expect(d).toContain(`<participating-org ref="CONCERTO-ORG-${w.orgA}" type="21" role="4">`);
		expect(d).toContain('<recipient-country code="ML" percentage="100"/>');
		expect(d).toContain('<location ref="ML0601">');
		expect(d).toContain('<feature-designation code="ADM2"/>');
		expect(d).toContain('<activity-date type="1" iso-date="2017-01-01"/>');
		expect(d).toContain('<activity-date type="3" iso-date="2017-12-31"/>');
		expect(d).toContain('<humanitarian-scope type="2" vocabulary="99" code="HRP-ML-2017">');
		expect(d).toContain('<value currency="USD" value-date="2017-01-01">50000.00</value>');
		expect(d).toMatch(/<sector vocabulary="99" code="WA[0-9A-F]{4}">/);
		expect(activityOf(file.text, w.projects.c.code)).toContain('<activity-status code="1"/>');
	});

	it('exports only what the user may see, with the list’s filters', async () => {
		const forB = await download('focalPointB', { format: 'iati' });
		expect(forB.text.match(/<iati-activity /g)).toHaveLength(4);
		expect(forB.text).not.toContain(w.projects.a.code);
		expect(iatiSchemaErrors(forB.bytes)).toBe('');
		const none = await download('admin', { format: 'iati', place: 'ML99' });
		expect(none.text).not.toContain('<iati-activity ');
		const empty = await download('admin', { format: 'xlsx', cluster: 'NOPE' });
		const [sheet] = await readTable(empty.bytes, empty.filename, 'fr');
		expect(sheet!.rows).toHaveLength(1);
	});

	it('refuses an unknown format, naming it', async () => {
		const error = await exportProjects(await w.as('admin'), { plan: w.plan.id, format: 'pdf' }).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'format', message: 'Format inconnu : choisissez csv, xlsx, hxl ou iati.' }
		]);
	});

	it('reads the projects in pages by code, each once', async () => {
		const { sql } = await import('drizzle-orm');
		const seen: string[][] = [];
		for await (const page of projectPages(t.db, sql`${project.planId} = ${w.plan.id}`, 2))
			seen.push(page.map((p) => p.code));
		expect(seen.map((p) => p.length)).toEqual([2, 2, 1]);
		expect(seen.flat()).toEqual(Object.values(w.projects).map((p) => p.code));
	});
});

function activityOf(xml: string, code: string): string {
	return xml.split('</iati-activity>').find((part) => part.includes(code.replaceAll('/', '-')))!;
}
