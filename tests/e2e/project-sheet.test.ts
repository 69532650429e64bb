import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { person, populationGroup, project, projectSectionComment, user } from '$lib/server/db/schema';
import { openWindow } from '$lib/server/projects/window';
import { m } from '$lib/paraglide/messages';
import { PASSWORD } from '../actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../projects';
import { addPlan } from '../plans';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	submitWithEnter,
	useE2e
} from './harness';

const fr = { locale: 'fr' as const };
/** Text as a reader sees it: French numbers group digits with narrow no-break spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

describe('a project sheet from draft to publication, in the browser', () => {
	const e2e = useE2e();
	let world: ProjectWorld;
	const emails: Record<string, string> = {};
	let projectId = '';
	let idpGroup = '';
	let returneesGroup = '';
	let draftOfA = '';
	let orgBName = '';

	beforeAll(async () => {
		world = await seedProjectWorld(e2e.db, { passwords: true });
		for (const [who, id] of Object.entries(world.users)) {
			const [row] = await e2e.db.select({ email: user.email }).from(user).where(eq(user.id, id));
			emails[who] = row!.email;
		}
		const groups = await e2e.db
			.select({ id: populationGroup.id, code: populationGroup.code })
			.from(populationGroup)
			.where(eq(populationGroup.clusterId, world.clusterEr));
		orgBName = (await e2e.db.query.organisation.findFirst({ where: (o, { eq }) => eq(o.id, world.orgB) }))!
			.name;
		idpGroup = groups.find((g) => g.code === 'idp')!.id;
		returneesGroup = groups.find((g) => g.code === 'returnees')!.id;
		await e2e.db.insert(person).values({ name: 'Aminata Traoré', organisationId: world.orgA });
		// The coordinator opens the cluster's submission window (the window helper's own page is tested apart).
		const cluster = await e2e.db.query.cluster.findFirst({ where: (c, { eq }) => eq(c.id, world.clusterEr) });
		await openWindow(await world.as('coordinator'), world.plan.id, cluster!.code, { deadline: '2099-12-31' });
		// A project of organisation A in the 2016 plan, to carry over.
		const { plan: earlier } = await addPlan(e2e.db, [world.clusterEr], {
			year: 2016,
			titleFr: 'Mali — PRH 2016'
		});
		await addProject(e2e.db, world, {
			planId: earlier.id,
			titleFr: 'Relance 2016 à Gao',
			objectives: 'Objectifs de 2016'
		});
		// Numbered apart from those `createProject` hands out in the same plan and cluster.
		draftOfA = (
			await addProject(e2e.db, world, { status: 'draft', titleFr: 'Brouillon confidentiel', number: 900 })
		).id;
	});

	async function signedIn(who: string, width = 1280) {
		const page = await e2e.newPage({ width });
		await signInThroughPage(page, emails[who]!, PASSWORD);
		return page;
	}

	const save = (page: Page) =>
		submitForm(page, page.getByRole('button', { name: m.projectpage_save_next({}, fr), exact: true }).last());

	/** The checklist of the project page: how many things are still missing. */
	async function missingCount(page: Page) {
		await open(page, `/projects/${projectId}`);
		const checklist = page.locator('section.checklist');
		if (await checklist.locator('.done').count()) return 0;
		return checklist.locator('li').count();
	}

	it('lets a focal point create a project, fill in each step and see the checklist shrink to nothing', async () => {
		const page = await signedIn('focalPointA');
		await open(page, '/projects/new');
		await expectNoAxeViolations(page);
		// Other test files' plans may be newer: choose this one, and the form shows its clusters.
		await page.locator('#field-planId').selectOption(world.plan.id);
		await submitForm(page, page.getByRole('button', { name: m.projectpage_new_update({}, fr) }).first());
		await page.locator('#field-clusterId').selectOption(world.clusterEr);
		expect(await page.locator(`input[name=organisationId][value="${world.orgA}"]`).isChecked()).toBe(true);
		await page.locator('#field-titleFr').fill('Relance des moyens d’existence à Gao');
		await submitForm(page, page.getByRole('button', { name: m.projectpage_new_create({}, fr) }).last());
		const path = new URL(page.url()).pathname;
		expect(path).toMatch(/^\/projects\/[0-9a-f-]+\/edit\/general$/);
		projectId = path.split('/')[2]!;
		const [row] = await e2e.db.select().from(project).where(eq(project.id, projectId));
		expect(row!.code).toMatch(/^MLI-17\/.+\/\d{4}$/);
		expect(await page.locator('h1').textContent()).toContain(row!.code);

		const counts = [await missingCount(page)];
		expect(counts[0]).toBeGreaterThanOrEqual(8);

		// General: texts, dates, marker, and a partner found in the directory.
		await open(page, `/projects/${projectId}/edit/general`);
		await expectNoAxeViolations(page);
		await page.locator('#field-objectives').fill('Relancer les activités génératrices de revenus');
		await page.locator('#field-description').fill('Cash for work et appui aux AGR des ménages retournés');
		await page.locator('#field-startsOn').fill('2017-03-01');
		await page.locator('#field-endsOn').fill('2018-02-28');
		await page.locator('#field-genderAgeMarker').selectOption('2T');
		await page.locator('#find-partnerIds').fill(orgBName);
		// Enter in the search box searches, on the same step (the form's first button saves and goes on).
		await submitWithEnter(page, page.locator('#find-partnerIds'));
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/general`);
		// The search kept what was typed; the end date is past the plan's and is refused by the field.
		expect(await page.locator('#field-objectives').inputValue()).toBe(
			'Relancer les activités génératrices de revenus'
		);
		await page.getByLabel(orgBName).check();
		await save(page);
		expect(await page.locator('#field-endsOn-error').textContent()).toContain('2017-12-31');
		expect(await page.getByLabel(orgBName).isChecked()).toBe(true);
		await expectNoAxeViolations(page);
		await page.locator('#field-endsOn').fill('2017-12-31');
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/clusters`);
		counts.push(await missingCount(page));

		// Places: a region and a cercle of another region, with people targeted.
		await open(page, `/projects/${projectId}/edit/places`);
		await page.locator(`[id="field-people.${world.places['ML06']}"]`).fill('1 000');
		await page.locator(`[id="field-people.${world.places['ML0701']}"]`).fill('500');
		await expectNoAxeViolations(page);
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/beneficiaries`);
		counts.push(await missingCount(page));

		// Beneficiaries: the grid must add up to the people of the places.
		await open(page, `/projects/${projectId}/edit/beneficiaries`);
		await page.locator(`[id="field-b.${idpGroup}.girls"]`).fill('700');
		await page.locator(`[id="field-b.${returneesGroup}.women"]`).fill('800');
		await save(page);
		counts.push(await missingCount(page));

		// Budget: more rows without JavaScript, two lines and their sum.
		await open(page, `/projects/${projectId}/edit/budget`);
		expect(await page.locator('select[name$=".category"]').count()).toBe(3);
		await page.locator('[id="field-line.0.category"]').selectOption('staff');
		await page.locator('[id="field-line.0.description"]').fill('Animateurs');
		await page.locator('[id="field-line.0.amountUsd"]').fill('12 000');
		await submitForm(page, page.getByRole('button', { name: m.projectpage_budget_more({}, fr) }));
		expect(await page.locator('select[name$=".category"]').count()).toBe(8);
		expect(await page.locator('[id="field-line.0.amountUsd"]').inputValue()).toBe('12 000');
		await page.locator('[id="field-line.5.category"]').selectOption('supplies');
		await page.locator('[id="field-line.5.description"]').fill('Kits de démarrage');
		await page.locator('[id="field-line.5.amountUsd"]').fill('8 000,50');
		await page.locator('#field-budgetUsd').fill('20 000,50');
		await expectNoAxeViolations(page);
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/questions`);
		await open(page, `/projects/${projectId}/edit/budget`);
		expect(plain(await page.locator('#budget-sum').textContent())).toContain('20 000,50');
		counts.push(await missingCount(page));

		// Contacts: the appealing organisation's staff are offered.
		await open(page, `/projects/${projectId}/edit/contacts`);
		await page.getByLabel('Aminata Traoré').check();
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/attachments`);
		counts.push(await missingCount(page));

		// Framework: an indicator ticked without a target is refused; with one, its activity counts too.
		await open(page, `/projects/${projectId}/edit/framework`);
		const indicator = world.frameworks.er.indicators[0]!.id;
		await page.locator(`[id="field-indicator.${indicator}"]`).check();
		await save(page);
		expect(await page.locator(`#indicator-${indicator}-error`).textContent()).toContain(
			m.projectpage_error_target_needed({}, fr)
		);
		await page.locator(`[id="field-target.${indicator}.${world.places['ML06']}"]`).fill('300');
		await expectNoAxeViolations(page);
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/places`);

		await open(page, `/projects/${projectId}`);
		expect(await page.locator('section.checklist').textContent()).toContain(
			m.projectpage_checklist_done({}, fr)
		);
		counts.push(0);
		for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeLessThan(counts[i - 1]!);
		const sheet = page.locator('#section-budget');
		expect(await sheet.textContent()).toContain('Kits de démarrage');
		expect(await page.locator('#section-general').textContent()).toContain(orgBName);
		expect(await page.locator('main').textContent()).toContain(m.projectwindow_status_open({}, fr));
		await expectNoAxeViolations(page);

		await submitForm(page, page.getByRole('button', { name: m.projectpage_move_submit({}, fr) }));
		expect(await page.locator('main [role=status]').first().textContent()).toContain(
			m.projectpage_moved_submit({}, fr)
		);
		expect(await page.locator('.tags').textContent()).toContain(m.projectlist_status_submitted({}, fr));
		// Submitted: the editor is closed to the partner.
		await open(page, `/projects/${projectId}/edit/budget`);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`);
	});

	it('lets the coordinator return it with a comment on the budget, refusing a return without one', async () => {
		const page = await signedIn('coordinator');
		await open(page, `/projects/${projectId}`);
		expect(await page.locator('main').textContent()).toContain(m.reviews_cost_title({}, fr));
		// Not approving needs a reason: refused beside the comment box, nothing changed.
		await submitForm(page, page.getByRole('button', { name: m.projectpage_move_reject({}, fr) }));
		expect(await page.locator('#decision-error').textContent()).toContain(
			m.projects_error_reject_comment({}, fr)
		);
		expect(await page.locator('.tags').textContent()).toContain(m.projectlist_status_submitted({}, fr));
		const returnForm = page.locator('#return form');
		// Folded until asked for.
		expect(await page.locator('#return-comment').isVisible()).toBe(false);
		await page.locator('#return summary').click();
		await page.locator('#return-comment').fill('Merci de revoir');
		await submitForm(page, returnForm.getByRole('button', { name: m.projectpage_move_return({}, fr) }));
		expect(await page.locator('#return-error').textContent()).toContain(
			m.projects_error_return_comments({}, fr)
		);
		expect(await page.locator('#return-comment').inputValue()).toBe('Merci de revoir');
		await expectNoAxeViolations(page);

		await page
			.locator('#section-comment-budget')
			.fill('Les kits de démarrage sont trop chers : 6 000 USD au plus.');
		await submitForm(page, returnForm.getByRole('button', { name: m.projectpage_move_return({}, fr) }));
		expect(await page.locator('main [role=status]').first().textContent()).toContain(
			m.projectpage_moved_return({}, fr)
		);
		const comments = await e2e.db
			.select()
			.from(projectSectionComment)
			.where(eq(projectSectionComment.projectId, projectId));
		expect(comments.map((c) => [c.section, c.versionNumber])).toEqual([['budget', 1]]);
	});

	it('shows the partner the comment beside the budget; the partner corrects and resubmits', async () => {
		const page = await signedIn('focalPointA', 360);
		await open(page, `/projects/${projectId}`);
		expect(await page.locator('#section-budget .comment').textContent()).toContain('6 000 USD au plus');
		expect(await page.locator('#section-places .comment').count()).toBe(0);
		await expectNoSidewaysScroll(page);

		await open(page, `/projects/${projectId}/edit/budget`);
		expect(await page.locator('.step .comment').textContent()).toContain('6 000 USD au plus');
		expect(
			await page.locator('nav.steps li', { hasText: m.projectpage_step_budget({}, fr) }).textContent()
		).toContain(m.projectpage_step_commented({}, fr));
		await expectNoAxeViolations(page);
		await page.locator('[id="field-line.1.amountUsd"]').fill('6 000');
		// The stated total no longer adds up: refused at the total, what was typed kept.
		await save(page);
		expect(await page.locator('#field-budgetUsd-error').textContent()).toContain('18000.00');
		expect(await page.locator('[id="field-line.1.amountUsd"]').inputValue()).toBe('6 000');
		await page.locator('#field-budgetUsd').fill('');
		await save(page);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/edit/questions`);

		await open(page, `/projects/${projectId}`);
		await submitForm(page, page.getByRole('button', { name: m.projectpage_move_submit({}, fr) }));
		expect(await page.locator('.tags').textContent()).toContain(m.projectlist_status_submitted({}, fr));
		// Answered: the comment no longer shows once resubmitted.
		expect(await page.locator('#section-budget .comment').count()).toBe(0);
	});

	it('refuses a stale save with what changed, keeping what the user typed', async () => {
		// Two editors on a draft: the second saves over the first's change.
		const page = await signedIn('focalPointA');
		await open(page, `/projects/${draftOfA}/edit/general`);
		await page.locator('#field-description').fill('Ma version');
		const other = await signedIn('coordinator');
		await open(other, `/projects/${draftOfA}/edit/general`);
		await other.locator('#field-objectives').fill('Objectifs revus par le cluster');
		await save(other);
		await save(page);
		const alert = page.locator('main [role=alert]');
		expect(await alert.textContent()).toContain(m.projects_field_objectives({}, fr));
		expect(await page.locator('#field-description').inputValue()).toBe('Ma version');
		const [row] = await e2e.db.select().from(project).where(eq(project.id, draftOfA));
		expect([row!.objectives, row!.description]).toEqual([
			'Objectifs revus par le cluster',
			'Appui aux ménages vulnérables'
		]);
	});

	it('lets the coordinator approve it from the review panel, and publish it', async () => {
		const page = await signedIn('coordinator');
		// The review panel leads to this page's decision form.
		await open(page, `/projects/${projectId}/review`);
		await submitForm(page, page.getByRole('link', { name: m.reviews_decision_link({}, fr) }));
		expect(new URL(page.url()).hash).toBe('#moves');
		// The decision recalls the reviews and leads back to the scores.
		expect(await page.locator('#moves .reviews a').getAttribute('href')).toBe(
			`/projects/${projectId}/review`
		);
		// Not approving without a reason is refused; the page comes back at the decision, not at its top.
		await submitForm(
			page,
			page.getByRole('button', { name: m.projectpage_move_reject({}, fr), exact: true })
		);
		expect(new URL(page.url()).hash).toBe('#moves');
		expect(await page.locator('#moves').textContent()).toContain(m.projects_error_reject_comment({}, fr));
		await page.locator('#decision-comment').fill('Projet solide');
		await submitForm(
			page,
			page.getByRole('button', { name: m.projectpage_move_approve({}, fr), exact: true })
		);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`);
		expect(new URL(page.url()).hash).toBe('#main');
		expect(await page.locator('main [role=status]').first().textContent()).toContain(
			m.projectpage_moved_approve({}, fr)
		);
		expect(await page.locator('.tags').textContent()).toContain(m.projectlist_status_approved({}, fr));
		await submitForm(page, page.getByRole('button', { name: m.projectpage_move_publish({}, fr) }));
		expect(await page.locator('.tags').textContent()).toContain(m.projectlist_status_published({}, fr));
		const history = await page.locator('#history-title ~ * tbody').textContent();
		expect(history).toContain('Projet solide');
		expect(history).toContain('Merci de revoir');
		await expectNoAxeViolations(page);
	});

	it('compares versions 1 and 2 side by side, the budget change highlighted', async () => {
		const page = await signedIn('focalPointA');
		await open(page, `/projects/${projectId}/versions?from=1&to=2`);
		const changed = page.locator('tr.changed');
		const labels = (await changed.locator('th').allTextContents()).map((s) => s.trim());
		expect(labels.some((l) => l.startsWith(m.projects_field_budget_lines({}, fr)))).toBe(true);
		expect(labels.some((l) => l.startsWith(m.projects_field_budget({}, fr)))).toBe(true);
		expect(labels.some((l) => l.startsWith(m.projects_field_title_fr({}, fr)))).toBe(false);
		const lines = changed.filter({ hasText: m.projects_field_budget_lines({}, fr) });
		expect(plain(await lines.locator('del').textContent())).toContain('8 000,5');
		expect(plain(await lines.locator('ins').textContent())).toContain('6 000');
		await expectNoAxeViolations(page);
		await page.getByLabel(m.projectpage_only_changed({}, fr)).check();
		await submitForm(page, page.getByRole('button', { name: m.projectpage_compare({}, fr), exact: true }));
		expect(await page.locator('tbody tr:not(.changed) th[scope=row]').count()).toBe(0);
	});

	it('keeps a focal point of another organisation out of a draft, page and editor', async () => {
		const page = await signedIn('focalPointB');
		expect((await open(page, `/projects/${draftOfA}`))!.status()).toBe(404);
		expect((await open(page, `/projects/${draftOfA}/edit/general`))!.status()).toBe(404);
		expect((await open(page, `/projects/${draftOfA}/versions`))!.status()).toBe(404);
		// A published project is readable, not editable.
		expect((await open(page, `/projects/${projectId}`))!.status()).toBe(200);
		expect((await open(page, `/projects/${projectId}/edit/general`))!.status()).toBe(403);
		const [row] = await e2e.db
			.select({ status: project.status })
			.from(project)
			.where(and(eq(project.id, draftOfA), eq(project.status, 'draft')));
		expect(row).toBeDefined();
	});

	it('starts a project from one of an earlier plan, carrying its sheet over', async () => {
		const page = await signedIn('focalPointA');
		await open(page, `/projects/new?planId=${world.plan.id}`);
		await page.locator('#field-clusterId').selectOption(world.clusterEr);
		await page.getByLabel(/Relance 2016 à Gao/).check();
		await page.locator('#field-titleFr').fill('Relance à Gao, deuxième année');
		await submitForm(page, page.getByRole('button', { name: m.projectpage_new_create({}, fr) }).last());
		expect(new URL(page.url()).pathname).toMatch(/\/edit\/general$/);
		expect(await page.locator('#field-titleFr').inputValue()).toBe('Relance à Gao, deuxième année');
		expect(await page.locator('#field-objectives').inputValue()).toBe('Objectifs de 2016');
		// Dates belong to the old plan: to be given again.
		expect(await page.locator('#field-startsOn').inputValue()).toBe('');
		await open(page, new URL(page.url()).pathname.replace(/\/edit\/general$/, ''));
		expect(await page.locator('#section-places').textContent()).toContain('Gao (ML07)');
		expect(await page.locator('main').textContent()).toContain(m.projectpage_carried_from({}, fr));
	});
});
