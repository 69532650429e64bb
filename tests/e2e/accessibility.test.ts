import { beforeAll, describe, expect, it } from 'vitest';
import { person } from '$lib/server/db/schema';
import { addCluster, addOrganisation, addUser, ctxFor, PASSWORD } from '../actors';
import { addPlan } from '../plans';
import { createStrategicObjective } from '$lib/server/plans/framework/items';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

/** ~1 s a page (load and axe) on a quiet machine; the suite's two lanes may halve the speed. */
const PAGE_LOOP_TIMEOUT = 180_000;

/**
 * Every main page passes axe-core and fits a 360-pixel phone screen, for a visitor and for an
 * administrator (who sees every page), and with a form's error messages showing.
 */
describe('accessibility (axe-core) on the main pages', () => {
	const e2e = useE2e();
	const admin = 'e2e-a11y-admin@example.org';
	const ids = { organisation: '', person: '', cluster: '', user: '', plan: '', objective: '' };

	beforeAll(async () => {
		ids.organisation = await addOrganisation(e2e.db, {
			name: 'Agence pour la Réinsertion E2E',
			acronym: 'ARE',
			type: 'government'
		});
		ids.cluster = await addCluster(e2e.db, 'A11Y');
		ids.user = await addUser(e2e.db, {
			email: admin,
			name: 'Admin Accessibilité',
			password: PASSWORD,
			grants: [{ role: 'admin' }]
		});
		const [row] = await e2e.db
			.insert(person)
			.values({
				name: 'Mariam Sangaré',
				jobTitle: 'Chargée de suivi-évaluation',
				email: 'mariam@example.org',
				phone: '+223 20 00 00 00',
				organisationId: ids.organisation
			})
			.returning({ id: person.id });
		ids.person = row!.id;
		ids.plan = (await addPlan(e2e.db, [ids.cluster], { status: 'published' })).plan.id;
		const adminCtx = await ctxFor(e2e.db, ids.user);
		ids.objective = (await createStrategicObjective(adminCtx, ids.plan, { titleFr: 'Sauver des vies' })).id;
	});
	const part = () => `/plans/${ids.plan}/clusters/A11Y`;

	const visitorPages = ['/', '/sign-in', '/forgot-password', '/clusters', '/locations', '/plans'];
	const adminPages = () => [
		'/organisations',
		'/organisations/new',
		`/organisations/${ids.organisation}`,
		`/organisations/${ids.organisation}/edit`,
		'/people',
		'/people/new',
		`/people/${ids.person}`,
		`/people/${ids.person}/edit`,
		`/clusters/${ids.cluster}`,
		'/clusters/new',
		'/profile',
		'/admin',
		'/admin/users',
		`/admin/users/${ids.user}`,
		'/admin/audit',
		'/admin/outbox',
		'/plans',
		'/plans/new',
		`/plans/${ids.plan}`,
		`/plans/${ids.plan}/edit`,
		`/plans/${ids.plan}/versions?from=0&to=1`,
		`/plans/${ids.plan}/print`,
		part(),
		`${part()}/chapters/new`,
		`${part()}/framework`,
		`${part()}/framework?add=cluster-objective&parent=${ids.objective}`,
		`${part()}/framework/logframe`,
		`${part()}/needs`,
		`${part()}/needs/import`,
		`${part()}/needs/revisions`,
		`${part()}/needs/groups`
	];

	for (const width of [1280, 360]) {
		describe(`${width} px wide`, () => {
			it(
				'pages a visitor sees',
				async () => {
					const page = await e2e.newPage({ width });
					for (const path of visitorPages) {
						const response = await open(page, path);
						expect(response!.status(), path).toBe(200);
						await expectNoAxeViolations(page);
						if (width === 360) await expectNoSidewaysScroll(page);
					}
				},
				PAGE_LOOP_TIMEOUT
			);

			it(
				'pages an administrator sees',
				async () => {
					const page = await e2e.newPage({ width });
					await signInThroughPage(page, admin, PASSWORD);
					for (const path of adminPages()) {
						const response = await open(page, path);
						expect(response!.status(), path).toBe(200);
						await expectNoAxeViolations(page);
						if (width === 360) await expectNoSidewaysScroll(page);
					}
				},
				PAGE_LOOP_TIMEOUT
			);

			it('a form showing its error messages', async () => {
				const page = await e2e.newPage({ width });
				await signInThroughPage(page, admin, PASSWORD);
				await open(page, '/organisations/new');
				await page.locator('[name=website]').fill('pas une adresse');
				await page
					.locator('form [required]')
					.evaluateAll((fields) => fields.forEach((f) => f.removeAttribute('required')));
				await page.locator('[name=website]').evaluate((f) => f.setAttribute('type', 'text'));
				await submitForm(page);
				expect(await page.locator('[aria-invalid=true]').count()).toBeGreaterThan(0);
				await expectNoAxeViolations(page);
				if (width === 360) await expectNoSidewaysScroll(page);
			});

			it('the 403 page', async () => {
				const page = await e2e.newPage({ width });
				// An administrator may do everything: a user without any role is refused.
				const observer = `e2e-a11y-observer-${width}@example.org`;
				await addUser(e2e.db, { email: observer, name: 'Observateur', password: PASSWORD });
				await signInThroughPage(page, observer, PASSWORD);
				const response = await open(page, '/organisations/new');
				expect(response!.status()).toBe(403);
				await expectNoAxeViolations(page);
			});
		});
	}
});
