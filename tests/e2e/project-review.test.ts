import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { projectReview, reviewCriterion, user } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { PASSWORD } from '../actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../projects';
import { addReviewer } from '$lib/server/projects/reviews/review-fixtures';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

const fr = { locale: 'fr' as const };

describe('project review in the browser', () => {
	const e2e = useE2e();
	let world: ProjectWorld;
	let projectId = '';
	let reviewerId = '';
	const emails: Record<string, string> = {};

	beforeAll(async () => {
		world = await seedProjectWorld(e2e.db, { passwords: true });
		projectId = (
			await addProject(e2e.db, world, {
				status: 'submitted',
				titleFr: 'Relance de l’élevage à Gao',
				budgetUsd: '150000.00',
				peopleTargeted: 3000
			})
		).id;
		await addProject(e2e.db, world, { status: 'approved', budgetUsd: '60000.00', peopleTargeted: 3000 });
		reviewerId = await addReviewer(e2e.db, 'Aminata Évaluatrice', { password: PASSWORD });
		for (const [who, id] of Object.entries({ ...world.users, reviewer: reviewerId })) {
			const [row] = await e2e.db.select({ email: user.email }).from(user).where(eq(user.id, id));
			emails[who] = row!.email;
		}
	});

	it('lets the coordinator find and assign a reviewer, refusing the appealing organisation’s staff', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, emails.coordinator!, PASSWORD);
		await open(page, `/projects/${projectId}/review`);
		const main = page.locator('main');
		expect(await main.textContent()).toContain(m.reviews_scores_none({}, fr));
		// 50.00 USD a person against a median of 35.00 (this project and one approved at 20.00).
		expect(await main.textContent()).toContain(m.reviews_cost_above({ percent: '43' }, fr));

		// The appealing organisation's focal point, by the name seedWorld gave them (other files' worlds
		// share this database).
		const focalA = `focal-a ${emails.focalPointA!.slice('focal-a-'.length, -'@example.org'.length)}`;
		await page.locator('#find').fill(focalA);
		await submitForm(page, page.getByRole('button', { name: m.reviews_find_button({}, fr) }));
		const partner = page.locator('.candidates li', { hasText: focalA });
		expect(await partner.textContent()).toContain(m.reviews_candidate_conflict({}, fr));
		expect(await partner.locator('button').count()).toBe(0);

		await page.locator('#find').fill('aminata');
		await submitForm(page, page.getByRole('button', { name: m.reviews_find_button({}, fr) }));
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		await submitForm(page, page.getByRole('button', { name: 'Désigner Aminata Évaluatrice' }));
		expect(await page.locator('main [role=status]').textContent()).toContain(
			m.reviews_assigned({ name: 'Aminata Évaluatrice' }, fr)
		);
		const rows = await e2e.db.select().from(projectReview).where(eq(projectReview.projectId, projectId));
		expect(rows.map((r) => r.reviewerUserId)).toEqual([reviewerId]);
	});

	it('lets the reviewer score, be told what is missing, and hand the review in', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, emails.reviewer!, PASSWORD);
		await open(page, '/reviews');
		const todo = page.locator('section', { has: page.locator('#todo-title') });
		expect(await todo.textContent()).toContain('Relance de l’élevage à Gao');
		await expectNoAxeViolations(page);
		await todo.getByRole('link', { name: /Relance de l’élevage à Gao/ }).click();
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/review/mine`);

		const criteria = page.locator('fieldset.criterion');
		expect(await criteria.count()).toBe(6); // the five defaults and the recommendation
		await criteria.nth(0).getByLabel('4').check();
		await page.locator('#field-comment').fill('Bon ancrage communautaire');
		await submitForm(page, page.getByRole('button', { name: m.reviews_hand_in({}, fr) }));
		// Refused: each missing score named next to its criterion; what was typed is kept.
		expect(await page.locator('main [role=alert]').count()).toBe(1);
		expect(await criteria.nth(1).textContent()).toContain(
			m.reviews_error_score_missing({ label: 'Faisabilité' }, fr)
		);
		expect(await page.locator('#field-comment').inputValue()).toBe('Bon ancrage communautaire');
		expect(await criteria.nth(0).getByLabel('4').isChecked()).toBe(true);
		await expectNoAxeViolations(page);

		for (const [i, score] of [3, 2, 4, 3].entries())
			await criteria
				.nth(i + 1)
				.getByLabel(String(score))
				.check();
		await page.getByLabel(m.reviews_recommendation_revise({}, fr)).check();
		await submitForm(page, page.getByRole('button', { name: m.reviews_hand_in({}, fr) }));
		expect(await page.locator('main [role=status]').textContent()).toContain(
			m.reviews_handed_in_notice({}, fr)
		);
		await expectNoSidewaysScroll(page);
		const [row] = await e2e.db
			.select()
			.from(projectReview)
			.where(and(eq(projectReview.projectId, projectId), eq(projectReview.reviewerUserId, reviewerId)));
		expect(Object.values(row!.scores).sort()).toEqual([2, 3, 3, 4, 4]);
		expect([row!.recommendation, row!.comment, row!.submittedAt !== null]).toEqual([
			'revise',
			'Bon ancrage communautaire',
			true
		]);

		// The panel is the coordinators': a reviewer is sent to their own review.
		await open(page, `/projects/${projectId}/review`);
		expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/review/mine`);
	});

	it('keeps everyone else out of the review', async () => {
		for (const [who, status] of [
			['focalPointB', 404],
			['focalPointA', 403],
			['observer', 404]
		] as const) {
			const page = await e2e.newPage();
			await signInThroughPage(page, emails[who]!, PASSWORD);
			expect((await open(page, `/projects/${projectId}/review/mine`))!.status()).toBe(status);
			expect((await open(page, `/projects/${projectId}/review`))!.status()).toBe(status);
		}
		const visitor = await e2e.newPage();
		await open(visitor, `/projects/${projectId}/review`);
		expect(new URL(visitor.url()).pathname).toBe('/sign-in');
	});

	it('shows the coordinator the scores side by side, with the decision on the project page', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, emails.coordinator!, PASSWORD);
		await open(page, `/projects/${projectId}/review`);
		const table = page.locator('table.scores');
		expect(await table.locator('thead').textContent()).toContain('Aminata Évaluatrice');
		const feasibility = table.locator('tbody tr', { hasText: 'Faisabilité' });
		expect((await feasibility.locator('td').allTextContents()).map((s) => s.trim())).toEqual(['3', '3']);
		expect(await table.locator('tfoot').textContent()).toContain('16 / 25');
		expect(await page.locator('main').textContent()).toContain('Bon ancrage communautaire');
		const decide = page.getByRole('link', { name: m.reviews_decision_link({}, fr) });
		expect(await decide.getAttribute('href')).toBe(`/projects/${projectId}#moves`);
		await expectNoAxeViolations(page);

		// Taking off a reviewer who has scored asks first: their review would go with them.
		await submitForm(
			page,
			page.getByRole('button', { name: `${m.reviews_remove({}, fr)} Aminata Évaluatrice` })
		);
		expect(await page.locator('#committee [role=alert]').textContent()).toContain(
			m.reviews_error_remove_confirm({ name: 'Aminata Évaluatrice' }, fr)
		);
		const confirm = page.getByRole('button', {
			name: m.reviews_remove_confirm({ name: 'Aminata Évaluatrice' }, fr)
		});
		expect(await confirm.count()).toBe(1);
		await expectNoAxeViolations(page);
		const reviews = await e2e.db.select().from(projectReview).where(eq(projectReview.projectId, projectId));
		expect(reviews.map((r) => r.reviewerUserId)).toEqual([reviewerId]);
	});

	it('lets the coordinator keep the cluster’s criteria; a partner only reads them', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, emails.coordinator!, PASSWORD);
		await open(page, `/clusters/${world.clusterEr}/review-criteria`);
		await page.locator('#labelFr-new').fill('Durabilité');
		await page.locator('#labelEn-new').fill('Sustainability');
		await page.locator('#maxScore-new').fill('3');
		await submitForm(page, page.getByRole('button', { name: m.reviews_add({}, fr), exact: true }));
		expect(await page.locator('main [role=status]').textContent()).toContain(
			m.reviews_criteria_saved({}, fr)
		);
		await submitForm(
			page,
			page.getByRole('button', { name: m.reviews_move_up_label({ label: 'Durabilité' }, fr) })
		);
		const items = await page
			.locator('ol.criteria > li input[name=labelFr]')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		expect(items.slice(-2)).toEqual(['Durabilité', 'Coordination avec les autres acteurs']);

		const feasibility = page.locator('ol.criteria > li', { has: page.locator('input[value="Faisabilité"]') });
		await feasibility.locator('input[name=maxScore]').fill('2');
		await submitForm(page, feasibility.getByRole('button', { name: /Enregistrer/ }));
		// A review gave 3 on it: refused, next to the field.
		expect(await page.locator('main').textContent()).toContain(
			m.reviews_error_max_below_scores({ highest: 3 }, fr)
		);
		await expectNoAxeViolations(page);

		await submitForm(page, page.getByRole('button', { name: 'Archiver Durabilité' }));
		const [archived] = await e2e.db
			.select()
			.from(reviewCriterion)
			.where(eq(reviewCriterion.labelFr, 'Durabilité'));
		expect(archived!.archived).toBe(true);
		expect(await page.locator('ul.archived').textContent()).toContain('Durabilité');

		// A cluster without criteria starts from the defaults at the press of a button.
		const admin = await e2e.newPage();
		await signInThroughPage(admin, emails.admin!, PASSWORD);
		await open(admin, `/clusters/${world.clusterWash}/review-criteria`);
		expect(await admin.locator('main').textContent()).toContain(m.reviews_criteria_none({}, fr));
		await submitForm(admin, admin.getByRole('button', { name: m.reviews_use_defaults({}, fr) }));
		expect(await admin.locator('ol.criteria > li').count()).toBe(5);
		expect(await admin.getByRole('button', { name: m.reviews_use_defaults({}, fr) }).count()).toBe(0);

		const partner = await e2e.newPage();
		await signInThroughPage(partner, emails.focalPointA!, PASSWORD);
		await open(partner, `/clusters/${world.clusterEr}/review-criteria`);
		expect(await partner.locator('main form').count()).toBe(0);
		expect(await partner.locator('main ol').textContent()).toContain('Faisabilité');
	});
});
