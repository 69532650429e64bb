import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { planQuestion, submissionWindow } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addDays, today } from '$lib/server/calendar/agenda';
import { formatDate } from '$lib/format';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
import { addPlan } from '../plans';
import { expectNoAxeViolations, open, signInThroughPage, submitForm, useE2e } from './harness';

const fr = { locale: 'fr' } as const;
const CLUSTER = 'SWE2E';

describe('submission window and plan questions in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-window-coordinator@example.org';
	const partner = 'e2e-window-partner@example.org';
	let page = '';
	let planClusterId = '';

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, CLUSTER);
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination Fenêtre E2E',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, { name: 'ONG Fenêtre E2E', acronym: 'OFE2E' });
		await addUser(e2e.db, {
			email: partner,
			name: 'Partenaire Fenêtre E2E',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
		const { plan, planClusterIds } = await addPlan(e2e.db, [clusterId]);
		page = `/plans/${plan.id}/clusters/${CLUSTER}/submissions`;
		planClusterId = planClusterIds[clusterId]!;
	});

	it('lets the coordinator open the window with a deadline, then close it', async () => {
		const browser = await e2e.newPage();
		await signInThroughPage(browser, coordinator, PASSWORD);
		await open(browser, page);
		expect(await browser.locator('main .submission-deadline').textContent()).toContain(
			m.projectwindow_status_never({}, fr)
		);
		await expectNoAxeViolations(browser);

		// A day in the past is refused, with the reason beside the field.
		await browser.locator('#field-deadline').fill(addDays(today(), -2));
		await submitForm(browser, browser.getByRole('button', { name: m.projectwindow_open_action({}, fr) }));
		expect(await browser.locator('#field-deadline-error').textContent()).toContain(formatDate(today(), 'fr'));

		const deadline = addDays(today(), 14);
		await browser.locator('#field-deadline').fill(deadline);
		await submitForm(browser, browser.getByRole('button', { name: m.projectwindow_open_action({}, fr) }));
		expect(await browser.locator('[role=status]').first().textContent()).toContain(
			m.projectwindow_opened({}, fr)
		);
		const state = await browser.locator('main .submission-deadline').textContent();
		expect(state).toContain(m.projectwindow_status_open({}, fr));
		expect(state).toContain(formatDate(deadline, 'fr'));
		expect(state).toContain(m.projectwindow_days_left({ count: 14 }, fr));
		// Words apart: "inclus · encore 14 jours", not "inclus· encore".
		expect(state!.replace(/\s+/g, ' ')).toContain(` · ${m.projectwindow_days_left({ count: 14 }, fr)}`);

		await submitForm(browser, browser.getByRole('button', { name: m.projectwindow_close_action({}, fr) }));
		expect(await browser.locator('main .submission-deadline').textContent()).toContain(
			m.projectwindow_status_closed({}, fr)
		);
		const [row] = await e2e.db
			.select()
			.from(submissionWindow)
			.where(eq(submissionWindow.planClusterId, planClusterId));
		expect([row!.status, row!.deadline]).toEqual(['closed', deadline]);
	});

	it('lets the coordinator add, correct, reorder and delete questions; partners only read them', async () => {
		const browser = await e2e.newPage();
		await signInThroughPage(browser, coordinator, PASSWORD);
		await open(browser, page);
		await open(browser, `${page}?add#add`);
		const form = browser.locator('.question-form');
		await form.locator('#field-labelFr').fill('Les communautés ont-elles été consultées ?');
		await form.locator('#field-kind').selectOption('choice');
		await form.locator('input[name=required]').check();
		await form.locator('input[name=choiceFr]').nth(1).fill('Oui');
		await submitForm(browser, form.getByRole('button', { name: m.action_create({}, fr) }));
		// One choice only: refused, what was typed is still there.
		expect(await browser.locator('.question-form [role=alert]').textContent()).toContain(
			m.projectwindow_error_choices_needed({}, fr)
		);
		expect(await browser.locator('.question-form input[name=choiceFr]').nth(0).inputValue()).toBe('');
		expect(await browser.locator('.question-form input[name=choiceFr]').nth(1).inputValue()).toBe('Oui');
		await browser.locator('.question-form input[name=choiceFr]').nth(2).fill('Non');
		await browser.locator('.question-form input[name=choiceEn]').nth(2).fill('No');
		await submitForm(
			browser,
			browser.locator('.question-form').getByRole('button', { name: m.action_create({}, fr) })
		);
		expect(await browser.locator('ol.questions').textContent()).toContain(
			'Les communautés ont-elles été consultées ?'
		);

		await open(browser, `${page}?add#add`);
		await browser.locator('.question-form #field-labelFr').fill('Nombre de staff local');
		await browser.locator('.question-form #field-kind').selectOption('number');
		await submitForm(
			browser,
			browser.locator('.question-form').getByRole('button', { name: m.action_create({}, fr) })
		);

		const questions = await e2e.db
			.select()
			.from(planQuestion)
			.where(eq(planQuestion.planClusterId, planClusterId))
			.orderBy(planQuestion.position);
		expect(questions.map((q) => [q.labelFr, q.kind, q.required])).toEqual([
			['Les communautés ont-elles été consultées ?', 'choice', true],
			['Nombre de staff local', 'number', false]
		]);
		expect(questions[0]!.choices).toEqual([
			{ code: 'oui', labelFr: 'Oui', labelEn: 'Oui' },
			{ code: 'non', labelFr: 'Non', labelEn: 'No' }
		]);

		await open(browser, `${page}?edit=${questions[1]!.id}`);
		await submitForm(browser, browser.getByRole('button', { name: m.projectwindow_move_up({}, fr) }));
		// The question moved stays open for more moves.
		expect(await browser.locator('ol.questions > li').first().getAttribute('id')).toBe(
			`q-${questions[1]!.id}`
		);
		expect(await browser.locator('.question-form #field-labelFr').inputValue()).toBe('Nombre de staff local');
		await expectNoAxeViolations(browser);
		await submitForm(
			browser,
			browser.locator('.question-form').getByRole('button', { name: m.action_delete({}, fr) })
		);
		expect(await browser.locator('ol.questions > li').count()).toBe(1);

		const reader = await e2e.newPage();
		await signInThroughPage(reader, partner, PASSWORD);
		await open(reader, page);
		expect(await reader.locator('ol.questions').textContent()).toContain(
			'Les communautés ont-elles été consultées ?'
		);
		expect(await reader.locator('main form').count()).toBe(0);
		expect(await reader.locator('main .submission-deadline').textContent()).toContain(
			m.projectwindow_status_closed({}, fr)
		);
	});
});
