import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { calendarEvent, workPlan, workPlanActivity } from '$lib/server/db/schema';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

describe('calendar events and work plans in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-events-coordinator@example.org';
	const partner = 'e2e-events-partner@example.org';
	let clusterId = '';

	beforeAll(async () => {
		clusterId = await addCluster(e2e.db, 'EVE2E');
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination calendrier',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, {
			name: 'Conseil norvégien pour les réfugiés E2E',
			acronym: 'NRCE2E'
		});
		await addUser(e2e.db, {
			email: partner,
			name: 'Partenaire calendrier',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
	});

	it('lets a coordinator create a training and a deadline, refusing an end before the start', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/calendar/events/new?cluster=EVE2E');
		await expectNoAxeViolations(page);
		await page.locator('#field-kind').selectOption('training');
		await page.locator('#field-title').fill('Formation OPS');
		await page.locator('#field-startsOn').fill('2016-10-21');
		await page.locator('#field-startTime').fill('10:00');
		await page.locator('#field-endTime').fill('09:00');
		await page.locator('#field-place').fill('bureau de NRC');
		await submitForm(page, page.locator('main form button', { hasText: 'Créer' }));
		// Refused, named beside the field, nothing saved, what was typed kept.
		expect(await page.locator('#field-endTime-error').textContent()).toBe(
			"L'heure de fin doit venir après l'heure de début."
		);
		expect(await page.locator('#field-place').inputValue()).toBe('bureau de NRC');
		expect(await e2e.db.select().from(calendarEvent).where(eq(calendarEvent.clusterId, clusterId))).toEqual(
			[]
		);
		await expectNoAxeViolations(page);

		await page.locator('#field-endTime').fill('12:00');
		await submitForm(page, page.locator('main form button', { hasText: 'Créer' }));
		expect(new URL(page.url()).pathname).toMatch(/^\/calendar\/events\/[0-9a-f-]{36}$/);
		const text = (await page.locator('main').textContent())!;
		expect(text).toContain('Formation OPS');
		expect(text).toContain('vendredi 21/10/2016, 10:00–12:00');
		expect(text).toContain('bureau de NRC');
		const id = new URL(page.url()).pathname.split('/').pop();
		expect(await page.locator(`a[href="/calendar/events/${id}/event.ics"]`).count()).toBe(1);
		await expectNoAxeViolations(page);

		await open(page, '/calendar/events/new?cluster=EVE2E');
		await page.locator('#field-kind').selectOption('deadline');
		await page.locator('#field-title').fill('Clôture des soumissions OPS');
		await page.locator('#field-startsOn').fill('2016-10-31');
		await submitForm(page, page.locator('main form button', { hasText: 'Créer' }));
		expect(await page.locator('main').textContent()).toContain('lundi 31/10/2016 (toute la journée)');

		const rows = await e2e.db.select().from(calendarEvent).where(eq(calendarEvent.clusterId, clusterId));
		expect(rows.map((r) => [r.kind, r.title, r.startsOn, r.startTime, r.endTime, r.place]).sort()).toEqual([
			['deadline', 'Clôture des soumissions OPS', '2016-10-31', null, null, null],
			['training', 'Formation OPS', '2016-10-21', '10:00', '12:00', 'bureau de NRC']
		]);
	});

	it('lets a partner read an event but not change it', async () => {
		const [event] = await e2e.db.select().from(calendarEvent).where(eq(calendarEvent.title, 'Formation OPS'));
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, partner, PASSWORD);
		await open(page, `/calendar/events/${event!.id}`);
		expect(await page.locator('main').textContent()).toContain('bureau de NRC');
		expect(await page.locator(`a[href="/calendar/events/${event!.id}/edit"]`).count()).toBe(0);
		await expectNoSidewaysScroll(page);
		const response = await open(page, `/calendar/events/${event!.id}/edit`);
		expect(response!.status()).toBe(403);
	});

	it('builds the Q4 2016 work plan with two activities, one found in the directory', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/calendar/work-plans?cluster=EVE2E');
		await expectNoAxeViolations(page);
		await page.locator('#field-year').fill('2016');
		await page.locator('#field-quarter').selectOption('4');
		await submitForm(page, page.locator('main form[method=POST] button'));
		expect(await page.locator('h1').textContent()).toBe('Plan de travail T4 2016 — EVE2E');

		// First activity: a role as responsible.
		await page.locator('#field-activity').fill('Cartographie des partenaires (3W)');
		await page.locator('#field-responsibleText').fill('Coordinateur CRP');
		await page.locator('#field-startsOn').fill('2016-10-01');
		await page.locator('#field-endsOn').fill('2016-11-15');
		await submitForm(page, page.locator('main form button', { hasText: 'Ajouter une activité' }));
		expect(await page.locator('[role=status]').textContent()).toContain('Activité enregistrée');

		// Second: the organisation searched in the directory, what was typed kept across the search.
		await page.locator('#field-activity').fill('Formation OPS des partenaires');
		await page.locator('#field-startsOn').fill('2016-10-21');
		await page.locator('#field-endsOn').fill('2017-01-10');
		await page.locator('#orgQuery').fill('norvegien');
		await submitForm(page, page.locator('main form button', { hasText: 'Chercher' }));
		expect(await page.locator('#field-activity').inputValue()).toBe('Formation OPS des partenaires');
		await page.getByLabel('Conseil norvégien pour les réfugiés E2E (NRCE2E)').check();
		await expectNoAxeViolations(page);
		await submitForm(page, page.locator('main form button', { hasText: 'Ajouter une activité' }));
		// Past the quarter: saved, with a warning.
		expect(await page.locator('[role=status]').textContent()).toContain(
			'Les dates sortent du trimestre T4 2016'
		);

		const rows = (await page.locator('main table tbody tr').allInnerTexts()).map((r) =>
			r.replace(/\s+/g, ' ').trim()
		);
		expect(rows[0]).toContain('Cartographie des partenaires (3W) Coordinateur CRP 01/10/2016 15/11/2016');
		expect(rows[1]).toContain('Formation OPS des partenaires');
		expect(rows[1]).toContain('NRCE2E');
		expect(rows[1]).toContain('hors trimestre');

		// Reorder: the training first.
		await submitForm(page, page.getByRole('button', { name: 'Monter « Formation OPS des partenaires »' }));
		const first = await page.locator('main table tbody tr').first().textContent();
		expect(first).toContain('Formation OPS des partenaires');
		await expectNoAxeViolations(page);

		const [plan] = await e2e.db.select().from(workPlan).where(eq(workPlan.clusterId, clusterId));
		expect(plan).toMatchObject({ year: 2016, quarter: 4 });
		const activities = await e2e.db
			.select()
			.from(workPlanActivity)
			.where(eq(workPlanActivity.workPlanId, plan!.id));
		expect(activities.map((a) => [a.position, a.activity]).sort()).toEqual([
			[1, 'Formation OPS des partenaires'],
			[2, 'Cartographie des partenaires (3W)']
		]);

		// The same quarter again is refused, naming it.
		await open(page, '/calendar/work-plans?cluster=EVE2E');
		await page.locator('#field-year').fill('2016');
		await page.locator('#field-quarter').selectOption('4');
		await submitForm(page, page.locator('main form[method=POST] button'));
		expect(await page.locator('#field-quarter-error').textContent()).toBe(
			'Le plan de travail T4 2016 du cluster EVE2E existe déjà.'
		);
	});
});
