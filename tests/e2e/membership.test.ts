import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { membership } from '$lib/server/db/schema';
import { addToPipeline } from '$lib/server/memberships/memberships';
import { m } from '$lib/paraglide/messages';
import { addCluster, addOrganisation, addUser, ctxFor, PASSWORD } from '../actors';
import { expectNoAxeViolations, open, signInThroughPage, submitForm, useE2e } from './harness';

describe('partner pipeline in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-pipeline-coordinator@example.org';
	let clusterId: string;
	let civilProtection: string;

	beforeAll(async () => {
		clusterId = await addCluster(e2e.db, 'RPE2E');
		const userId = await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination RP E2E',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const ctx = await ctxFor(e2e.db, userId);
		const add = async (
			name: string,
			acronym: string,
			type: 'government' | 'private-sector',
			stage: string
		) => {
			const organisationId = await addOrganisation(e2e.db, { name, acronym, type });
			await addToPipeline(ctx, clusterId, { organisationId, stage, at: '2016-10-24' });
			return organisationId;
		};
		civilProtection = await add(
			'Direction générale de la Protection civile',
			'DGPC-E2E',
			'government',
			'prospect'
		);
		await add("Agence pour la promotion de l'emploi des jeunes", 'APEJ-E2E', 'government', 'prospect');
		await add('Agence de développement du Nord', 'ADN-E2E', 'government', 'member');
		await add('Conseil national du patronat', 'CNPM-E2E', 'private-sector', 'prospect');
	});

	it('the coordinator filters government prospects, moves one to contacted with a note, sees the history', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `/clusters/${clusterId}/pipeline`);
		expect(await page.locator('h1').textContent()).toContain(
			m.membership_pipeline_title({}, { locale: 'fr' })
		);

		await page.locator('#search-type').selectOption('government');
		await page.locator('#search-stage').selectOption('prospect');
		await submitForm(page, page.locator('form[role=search] button'));
		const url = new URL(page.url());
		expect([url.searchParams.get('type'), url.searchParams.get('stage')]).toEqual(['government', 'prospect']);
		const rows = page.locator('main table tbody tr');
		expect(await rows.count()).toBe(2);
		const listed = await page.locator('main table').textContent();
		expect(listed).toContain('DGPC-E2E');
		expect(listed).toContain('APEJ-E2E');
		expect(listed).not.toContain('CNPM-E2E'); // private sector
		expect(listed).not.toContain('ADN-E2E'); // already a member
		// The tab of the stage is the current one, and counts the government services at that stage.
		const current = page.locator('nav.stages a[aria-current=page]');
		expect(await current.textContent()).toBe(
			m.membership_stage_count(
				{ stage: m.membership_stage_prospect({}, { locale: 'fr' }), count: '2' },
				{ locale: 'fr' }
			)
		);
		await expectNoAxeViolations(page);

		await page.locator('main table a', { hasText: 'DGPC-E2E' }).click();
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toMatch(
			new RegExp(`^/clusters/${clusterId}/pipeline/[0-9a-f-]{36}$`)
		);

		const note = 'Appel au directeur ; rendez-vous fixé au 3 novembre';
		await page.locator('form[action="?/move"] [name=stage]').selectOption('contacted');
		await page.locator('form[action="?/move"] [name=note]').fill(note);
		await submitForm(page, page.locator('form[action="?/move"] button'));
		expect(new URL(page.url()).search).toBe('?moved');
		expect(await page.locator('[role=status]').textContent()).toBe(m.membership_moved({}, { locale: 'fr' }));

		const history = await page
			.locator('table.history tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
			);
		expect(history).toHaveLength(2);
		expect(history[0]).toEqual(['24/10/2016', 'Prospect', 'Coordination RP E2E', '']);
		expect(history[1]!.slice(1)).toEqual([
			m.membership_stage_contacted({}, { locale: 'fr' }),
			'Coordination RP E2E',
			note
		]);
		await expectNoAxeViolations(page);

		const [stored] = await e2e.db
			.select()
			.from(membership)
			.where(eq(membership.organisationId, civilProtection));
		expect(stored!.stage).toBe('contacted');
	});

	it('refuses a malformed date with a message in French and records nothing', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const [row] = await e2e.db
			.select()
			.from(membership)
			.where(eq(membership.organisationId, civilProtection));
		await open(page, `/clusters/${clusterId}/pipeline/${row!.id}`);
		// As a browser without a date picker sends what the user typed.
		await page
			.locator('form[action="?/move"] [name=at]')
			.evaluate((input) => input.setAttribute('type', 'text'));
		await page.locator('form[action="?/move"] [name=at]').fill('31/02/2016');
		await page.locator('form[action="?/move"] [name=stage]').selectOption('interested');
		await submitForm(page, page.locator('form[action="?/move"] button'));
		expect(await page.locator('main').textContent()).toContain(m.membership_error_date({}, { locale: 'fr' }));
		const [after] = await e2e.db.select().from(membership).where(eq(membership.id, row!.id));
		expect(after!.stage).toBe('contacted');
	});
});
