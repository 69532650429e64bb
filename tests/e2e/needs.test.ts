import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { and, asc, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import {
	activity,
	importUpload,
	indicator,
	location,
	needFigure,
	needRevision,
	populationGroup
} from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import { saveNeeds } from '$lib/server/plans/needs/save';
import {
	createActivity,
	createClusterObjective,
	createIndicator,
	createStrategicObjective
} from '$lib/server/plans/framework/items';
import { readTable } from '$lib/server/spreadsheets/read-table';
import { addCluster, addOrganisation, addUser, ctxFor, PASSWORD } from '../actors';
import { addPlan } from '../plans';
import { loaded, open, signInThroughPage, submitForm, useE2e } from './harness';

const fr = { locale: 'fr' } as const;
const CLUSTER = 'NDE2E';
/** The plan's sex and age groups, in the grid's column order. */
const GIRLS = 0;
const BOYS = 1;
const WOMEN = 2;
const ELDERLY = 4;

/** Text as a reader sees it: numbers grouped with any kind of space, lines folded. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const number = (n: number) => plain(formatNumber(n, 'fr'));

/** The grid's input for a place and population group: `part` i is people in need, t people targeted. */
async function cell(page: Page, pcode: string, group: string, part: 'i' | 't', column: number) {
	const row = await page.locator(`input[type=hidden][value="${pcode}/${group}"]`).getAttribute('name');
	return page.locator(`input[name="${row!.slice(1)}${part}${column}"]`);
}

/** A row's two totals as shown: in need, then targeted. */
async function rowTotals(input: Locator) {
	return (await input.locator('xpath=ancestor::tr[1]').locator('td.tot').allTextContents()).map(plain);
}

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement).name);

describe('needs grid, imports and logframe in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-needs-coordinator@example.org';
	const colleague = 'e2e-needs-colleague@example.org';
	const partner = 'e2e-needs-partner@example.org';
	let clusterId = '';
	let coordinatorId = '';

	beforeAll(async () => {
		clusterId = await addCluster(e2e.db, CLUSTER);
		coordinatorId = await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination Besoins E2E',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		await addUser(e2e.db, {
			email: colleague,
			name: 'Gestion information Besoins E2E',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, { name: 'ONG Besoins E2E', acronym: 'OBE2E' });
		await addUser(e2e.db, {
			email: partner,
			name: 'Partenaire Besoins E2E',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
	});

	/** A new plan with this cluster, and a first revision of its needs when rows are given. */
	async function planWithNeeds(rows: Parameters<typeof figureRow>[] = []) {
		const { plan, planClusterIds } = await addPlan(e2e.db, [clusterId]);
		if (rows.length)
			await saveNeeds(await ctxFor(e2e.db, coordinatorId), plan.id, CLUSTER, {
				source: 'OCHA, HNO 2017',
				sourceDate: '2016-10-25',
				baseRevision: 0,
				rows: rows.map((r) => figureRow(...r))
			});
		return {
			id: plan.id,
			planClusterId: planClusterIds[clusterId]!,
			grid: `/plans/${plan.id}/clusters/${CLUSTER}/needs`
		};
	}

	function figureRow(pcode: string, group: string, inNeed: object, targeted: object = {}) {
		return { pcode, group, inNeed, targeted };
	}

	async function revisions(planClusterId: string) {
		return e2e.db
			.select()
			.from(needRevision)
			.where(eq(needRevision.planClusterId, planClusterId))
			.orderBy(asc(needRevision.number));
	}

	/** A revision's figures by "P-code/group". */
	async function figures(revisionId: string) {
		const rows = await e2e.db
			.select({
				pcode: location.pcode,
				group: populationGroup.code,
				inNeed: needFigure.inNeed,
				targeted: needFigure.targeted
			})
			.from(needFigure)
			.innerJoin(location, eq(location.id, needFigure.locationId))
			.innerJoin(populationGroup, eq(populationGroup.id, needFigure.populationGroupId))
			.where(eq(needFigure.revisionId, revisionId));
		return Object.fromEntries(
			rows.map((r) => [`${r.pcode}/${r.group}`, { inNeed: r.inNeed, targeted: r.targeted }])
		);
	}

	const saveButton = (page: Page) => page.getByRole('button', { name: m.needs_save({}, fr) });

	it('works like a spreadsheet: keys, paste from Excel, live totals and flags; warnings confirmed before saving', async () => {
		const needs = await planWithNeeds();
		const page = await e2e.newPage();
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, needs.grid);
		// The button that recomputes totals without script is not needed with it.
		expect(await page.locator('#needs-recalc').isVisible()).toBe(false);

		// Typing: arrows and Enter move between cells; arriving in a cell selects what it holds.
		const idpGirls = await cell(page, 'ML06', 'idp', 'i', GIRLS);
		const idpBoys = await cell(page, 'ML06', 'idp', 'i', BOYS);
		const returneesBoys = await cell(page, 'ML06', 'returnees', 'i', BOYS);
		await idpGirls.click();
		await page.keyboard.type('1200');
		await page.keyboard.press('ArrowRight');
		expect(await focusedName(page)).toBe(await idpBoys.getAttribute('name'));
		await page.keyboard.type('1100');
		await page.keyboard.press('Enter');
		expect(await focusedName(page)).toBe(await returneesBoys.getAttribute('name'));
		await page.keyboard.type('300');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.type('1000');
		expect(await idpBoys.inputValue()).toBe('1000');
		expect(await rowTotals(idpGirls)).toEqual([number(2200), '']);
		expect(await rowTotals(returneesBoys)).toEqual([number(300), '']);

		// More people targeted than in need is flagged on the cell as it is typed.
		const idpGirlsTargeted = await cell(page, 'ML06', 'idp', 't', GIRLS);
		const flagged = async () =>
			/\bover\b/.test((await idpGirlsTargeted.locator('..').getAttribute('class')) ?? '');
		await idpGirlsTargeted.click();
		await page.keyboard.type('1300');
		expect(await flagged()).toBe(true);
		expect(await idpGirlsTargeted.getAttribute('title')).toBe(
			m.needs_warning_targeted_above(
				{ targeted: formatNumber(1300, 'fr'), inNeed: formatNumber(1200, 'fr') },
				fr
			)
		);
		await page.keyboard.press('Backspace');
		await page.keyboard.press('Backspace');
		expect(await flagged()).toBe(false);
		await page.keyboard.type('00');
		expect(await flagged()).toBe(true);

		// Two rows copied from Excel (in need, then targeted, for the five columns) pasted into one cell.
		const excel = [
			'500\t400\t300\t200\t100\t250\t200\t150\t100\t50',
			'1 000\t900\t800\t700\t600\t1 200\t900\t800\t700\t600'
		]
			.map((line) => `${line}\r\n`)
			.join('');
		await page.evaluate((text) => navigator.clipboard.writeText(text), excel);
		const gaoIdpGirls = await cell(page, 'ML07', 'idp', 'i', GIRLS);
		await gaoIdpGirls.click();
		await page.keyboard.press('Control+V');
		const gaoReturneesGirls = await cell(page, 'ML07', 'returnees', 'i', GIRLS);
		expect(await gaoReturneesGirls.inputValue()).toBe('1 000');
		expect(await (await cell(page, 'ML07', 'returnees', 't', ELDERLY)).inputValue()).toBe('600');
		expect(await (await cell(page, 'ML07', 'host', 'i', GIRLS)).inputValue()).toBe('');
		expect(await rowTotals(gaoIdpGirls)).toEqual([number(1500), number(750)]);
		expect(await rowTotals(gaoReturneesGirls)).toEqual([number(4000), number(4200)]);
		const over = page.locator('table.needs-grid td.over');
		expect(await over.count()).toBe(2);
		expect(await over.nth(1).locator('input').getAttribute('name')).toBe(
			await (await cell(page, 'ML07', 'returnees', 't', GIRLS)).getAttribute('name')
		);
		// Column totals: girls in need over the three rows, then the grid's totals.
		const footer = (await page.locator('table.needs-grid tfoot td').allTextContents()).map(plain);
		expect(footer[GIRLS]).toBe(number(1200 + 500 + 1000));
		expect(footer[5]).toBe(number(2200 + 300 + 1500 + 4000));
		expect(footer[11]).toBe(number(1300 + 750 + 4200));

		// Saving asks to confirm the two warnings first, and saves nothing until then.
		await page.locator('#field-source').fill('OCHA, aperçu des besoins humanitaires 2017');
		await page.locator('#field-sourceDate').fill('2016-10-25');
		await submitForm(page, saveButton(page));
		expect(await page.locator('main').textContent()).toContain(m.needs_warning_confirm({ count: 2 }, fr));
		expect(await revisions(needs.planClusterId)).toEqual([]);
		expect(await (await cell(page, 'ML07', 'returnees', 'i', GIRLS)).inputValue()).toBe('1 000');
		expect(await page.locator('table.needs-grid td.over').count()).toBe(2);

		await page.locator('input[name=confirm]').check();
		await submitForm(page, saveButton(page));
		expect(new URL(page.url()).searchParams.get('saved')).toBe('1');
		expect(await page.locator('[role=status]').textContent()).toContain(m.needs_saved({ number: 1 }, fr));
		const [revision, ...others] = await revisions(needs.planClusterId);
		expect(others).toEqual([]);
		expect(revision).toMatchObject({
			number: 1,
			source: 'OCHA, aperçu des besoins humanitaires 2017',
			sourceDate: '2016-10-25'
		});
		expect(await figures(revision!.id)).toEqual({
			'ML06/idp': { inNeed: { girls: 1200, boys: 1000 }, targeted: { girls: 1300 } },
			'ML06/returnees': { inNeed: { boys: 300 }, targeted: {} },
			'ML07/idp': {
				inNeed: { girls: 500, boys: 400, women: 300, men: 200, elderly: 100 },
				targeted: { girls: 250, boys: 200, women: 150, men: 100, elderly: 50 }
			},
			'ML07/returnees': {
				inNeed: { girls: 1000, boys: 900, women: 800, men: 700, elderly: 600 },
				targeted: { girls: 1200, boys: 900, women: 800, men: 700, elderly: 600 }
			}
		});
	});

	it('saves without its script: Enter in a cell recomputes the totals, the button saves', async () => {
		const needs = await planWithNeeds();
		const page = await e2e.newPage();
		await page.route('**/needs-grid.js', (route) => route.abort());
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, needs.grid);
		expect(await page.locator('#needs-recalc').isVisible()).toBe(true);

		await page.locator('#field-source').fill('Évaluation conjointe Kidal');
		await page.locator('#field-sourceDate').fill('2016-11-02');
		const women = await cell(page, 'ML08', 'host', 'i', WOMEN);
		await women.fill('2 500');
		await (await cell(page, 'ML08', 'host', 't', WOMEN)).fill('2000');
		await Promise.all([page.waitForURL(/\/needs\?\/add$/), women.press('Enter')]);
		await loaded(page);
		expect(await rowTotals(await cell(page, 'ML08', 'host', 'i', WOMEN))).toEqual([
			number(2500),
			number(2000)
		]);
		expect(await revisions(needs.planClusterId)).toEqual([]);

		await submitForm(page, saveButton(page));
		expect(new URL(page.url()).searchParams.get('saved')).toBe('1');
		const [revision] = await revisions(needs.planClusterId);
		expect(revision).toMatchObject({ source: 'Évaluation conjointe Kidal', sourceDate: '2016-11-02' });
		expect(await figures(revision!.id)).toEqual({
			'ML08/host': { inNeed: { women: 2500 }, targeted: { women: 2000 } }
		});
	});

	it('refuses a save from a page left open on an older revision, naming what changed', async () => {
		const needs = await planWithNeeds([
			['ML06', 'idp', { girls: 1000 }],
			['ML07', 'idp', { girls: 400, boys: 350 }]
		]);
		const mine = await e2e.newPage();
		const theirs = await e2e.newPage();
		await signInThroughPage(mine, coordinator, PASSWORD);
		await signInThroughPage(theirs, colleague, PASSWORD);
		await open(mine, needs.grid);
		await open(theirs, needs.grid);

		await (await cell(theirs, 'ML06', 'idp', 'i', GIRLS)).fill('1500');
		await submitForm(theirs, saveButton(theirs));
		expect(new URL(theirs.url()).searchParams.get('saved')).toBe('2');

		await (await cell(mine, 'ML07', 'idp', 'i', BOYS)).fill('999');
		await submitForm(mine, saveButton(mine));
		const alert = plain(await mine.locator('main [role=alert]').first().textContent());
		expect(alert).toContain('Gestion information Besoins E2E');
		const changed = m.needs_change_line(
			{
				place: 'Tombouctou (ML06)',
				group: 'Personnes déplacées internes',
				column: `${m.needs_in_need({}, fr)} — Filles`,
				before: formatNumber(1000, 'fr'),
				after: formatNumber(1500, 'fr')
			},
			fr
		);
		expect(alert).toContain(plain(changed));
		// Nothing of either save is lost or overwritten.
		const stored = await revisions(needs.planClusterId);
		expect(stored.map((r) => r.number)).toEqual([1, 2]);
		expect(await figures(stored[1]!.id)).toEqual({
			'ML06/idp': { inNeed: { girls: 1500 }, targeted: {} },
			'ML07/idp': { inNeed: { girls: 400, boys: 350 }, targeted: {} }
		});
		// The page now starts from the latest revision: saving again is a choice made knowingly.
		expect(await mine.locator('input[name=baseRevision]').inputValue()).toBe('2');
	});

	it('imports an HXL file: a bad row refuses it whole, a good one is previewed, confirmed and compared', async () => {
		const needs = await planWithNeeds([['ML06', 'idp', { girls: 1000, boys: 900 }, { girls: 500 }]]);
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const hxl = (rows: string[]) =>
			Buffer.from(
				[
					'Région,Groupe,Besoin filles,Besoin garçons,Ciblés filles',
					'#adm1 +code,#population +type,#inneed +f +children,#inneed +m +children,#targeted +f +children',
					...rows
				].join('\n') + '\n'
			);
		const upload = async (name: string, rows: string[]) => {
			await open(page, `${needs.grid}/import`);
			await page.locator('#field-file').setInputFiles({ name, mimeType: 'text/csv', buffer: hxl(rows) });
			await page.locator('#field-source').fill('OCHA, révision des cibles');
			await page.locator('#field-sourceDate').fill('2016-10-25');
			await submitForm(page, page.getByRole('button', { name: m.needs_import_submit({}, fr) }));
		};

		await upload('besoins-erreur.csv', ['ML06,idp,1200,900,500', 'ML99,returnees,100,,', 'ML07,host,300,,']);
		expect(new URL(page.url()).pathname).toBe(`${needs.grid}/import`);
		expect(await page.locator('main').textContent()).toContain(m.needs_import_refused({}, fr));
		const error = page.locator('main table tr', { hasText: 'ML99' });
		expect((await error.locator('td').allTextContents()).map(plain)).toEqual([
			'4',
			expect.stringMatching(/^A\s*#adm1\s*\+code$/),
			plain(m.needs_error_pcode_unknown({ pcode: 'ML99' }, fr))
		]);
		expect((await revisions(needs.planClusterId)).length).toBe(1);
		expect(
			await e2e.db
				.select()
				.from(importUpload)
				.where(and(eq(importUpload.kind, 'needs'), eq(importUpload.filename, 'besoins-erreur.csv')))
		).toEqual([]);

		await upload('besoins-revises.csv', ['ML06,idp,1200,900,500', 'ML07,host,300,,']);
		expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${needs.grid}/import/[0-9a-f-]{36}$`));
		expect(await page.locator('main').textContent()).toContain(m.needs_import_waiting({}, fr));
		expect((await revisions(needs.planClusterId)).length).toBe(1);
		await submitForm(page, page.getByRole('button', { name: m.needs_import_confirm({}, fr) }));
		expect(new URL(page.url()).searchParams.get('saved')).toBe('2');
		const stored = await revisions(needs.planClusterId);
		expect(await figures(stored[1]!.id)).toEqual({
			'ML06/idp': { inNeed: { girls: 1200, boys: 900 }, targeted: { girls: 500 } },
			'ML07/host': { inNeed: { girls: 300 }, targeted: {} }
		});

		await open(page, `${needs.grid}/revisions`);
		const listed = await page.locator('main table tbody tr').allTextContents();
		expect(await page.locator('main table tbody tr td:first-child').allTextContents()).toEqual(['2', '1']);
		expect(plain(listed[0]!)).toContain('OCHA, révision des cibles');
		expect(plain(listed[1]!)).toContain('OCHA, HNO 2017');
		await page.getByRole('link', { name: m.needs_compare_previous({}, fr) }).click();
		await loaded(page);
		expect(new URL(page.url()).search).toBe('?from=1&to=2');
		const tombouctou = page.locator('main table tr', { hasText: 'Tombouctou (ML06)' });
		expect((await tombouctou.locator('td.changed').allTextContents()).map(plain)).toEqual([
			`${number(1000)} ${number(1200)}`
		]);
		expect(await tombouctou.locator('td.changed del').textContent()).toBe(formatNumber(1000, 'fr'));
		const gao = page.locator('main table tr', { hasText: 'Gao (ML07)' });
		expect(await gao.textContent()).toContain(m.needs_row_added({}, fr));
	});

	it('downloads the logframe, takes it back with an activity and an indicator added, codes previewed', async () => {
		const needs = await planWithNeeds();
		const ctx = await ctxFor(e2e.db, coordinatorId);
		const so = await createStrategicObjective(ctx, needs.id, { titleFr: 'Protéger les civils' });
		const co = await createClusterObjective(ctx, needs.id, CLUSTER, {
			titleFr: "Restaurer l'autorité de l'État",
			strategicObjectiveId: so.id
		});
		const act = await createActivity(ctx, needs.id, CLUSTER, {
			titleFr: "Redéployer l'administration",
			clusterObjectiveId: co.id
		});
		await createIndicator(ctx, needs.id, CLUSTER, {
			titleFr: 'Agents redéployés',
			activityId: act.id,
			unit: 'people',
			periodRule: 'latest',
			placeRule: 'sum',
			disaggregation: 'none',
			target: '1 500'
		});
		const framework = `/plans/${needs.id}/clusters/${CLUSTER}/framework`;
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `${framework}/logframe`);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: m.logframe_download_xlsx({}, fr) }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
		const bytes = new Uint8Array(readFileSync((await download.path())!));
		expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
		const [sheet] = await readTable(bytes, download.suggestedFilename(), 'fr');
		expect(sheet!.rows.slice(1).map((r) => r[1])).toEqual(['SO1', 'CO1.1', 'A1.1.1', 'I1.1.1.1']);

		// Offline: one activity under the objective, and its indicator, added at the end of the sheet.
		const book = XLSX.read(bytes, { type: 'array' });
		const first = book.Sheets[book.SheetNames[0]!]!;
		const rows = XLSX.utils.sheet_to_json<string[]>(first, { header: 1, raw: false, defval: '' });
		const width = rows[0]!.length;
		const row = (values: string[]) => [...values, ...Array<string>(width - values.length).fill('')];
		rows.push(
			row(['Activité', 'nouvelle', 'CO1.1', '', 'Former les greffiers']),
			row([
				'Indicateur',
				'',
				'nouvelle',
				'',
				'Greffiers formés',
				'',
				'people',
				'sum',
				'sum',
				'sex',
				'0',
				'40'
			])
		);
		book.Sheets[book.SheetNames[0]!] = XLSX.utils.aoa_to_sheet(rows);
		const edited = Buffer.from(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

		await page.locator('#field-file').setInputFiles({
			name: 'cadre-logique-complete.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: edited
		});
		await submitForm(page, page.getByRole('button', { name: m.logframe_submit({}, fr) }));
		const created = async (title: string) =>
			(await page.locator('main table tr', { hasText: title }).locator('td').allTextContents()).map(plain);
		expect((await created('Former les greffiers')).slice(1, 5)).toEqual([
			'A1.1.2',
			m.logframe_level_activity({}, fr),
			'CO1.1',
			'Former les greffiers'
		]);
		expect((await created('Greffiers formés')).slice(1, 5)).toEqual([
			'I1.1.2.1',
			m.logframe_level_indicator({}, fr),
			'A1.1.2',
			'Greffiers formés'
		]);
		expect(await e2e.db.select().from(activity).where(eq(activity.titleFr, 'Former les greffiers'))).toEqual(
			[]
		);

		await submitForm(page, page.getByRole('button', { name: m.logframe_confirm({}, fr) }));
		expect(await page.locator('[role=status]').textContent()).toContain(
			m.logframe_imported({ created: '2', updated: '0' }, fr)
		);
		await open(page, framework);
		const tree = plain(await page.locator('ol.tree').textContent());
		expect(tree).toContain('A1.1.2');
		expect(tree).toContain('Former les greffiers');
		expect(tree).toContain('I1.1.2.1');
		expect(tree).toContain('Greffiers formés');
		const [stored] = await e2e.db.select().from(indicator).where(eq(indicator.titleFr, 'Greffiers formés'));
		expect(stored).toMatchObject({ unit: 'people', disaggregation: 'sex' });
	});

	it('shows the figures to a partner without a way to save, and refuses their post', async () => {
		const needs = await planWithNeeds([['ML07', 'returnees', { women: 4321 }, { women: 1234 }]]);
		const page = await e2e.newPage();
		await signInThroughPage(page, partner, PASSWORD);
		expect((await open(page, needs.grid))?.status()).toBe(200);
		const grid = plain(await page.locator('table.needs-grid').textContent());
		expect(grid).toContain(number(4321));
		expect(grid).toContain(number(1234));
		expect(await page.locator('table.needs-grid input').count()).toBe(0);
		expect(await saveButton(page).count()).toBe(0);

		const refused = await page.request.post(`${needs.grid}?/save`, {
			form: {
				cols: 'girls,boys,women,men,elderly',
				baseRevision: '1',
				r0: 'ML07/returnees',
				'0i2': '1',
				source: 'Intrus',
				sourceDate: '2016-10-25'
			},
			headers: { origin: e2e.baseUrl }
		});
		expect(refused.status()).toBe(403);
		expect((await revisions(needs.planClusterId)).map((r) => r.number)).toEqual([1]);
	});
});
