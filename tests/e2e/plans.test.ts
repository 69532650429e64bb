import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { plan, planChapter } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
import { addMali } from '../plans';
import { expectNoAxeViolations, open, signInThroughPage, submitForm, useE2e } from './harness';

describe('response plan in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-plan-coordinator@example.org';
	const partner = 'e2e-plan-partner@example.org';
	const fr = { locale: 'fr' } as const;
	let planId = '';

	beforeAll(async () => {
		await addMali(e2e.db);
		const clusterId = await addCluster(e2e.db, 'PLE2E');
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination plan E2E',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, { name: 'ONG Plan E2E', acronym: 'OPE2E' });
		await addUser(e2e.db, {
			email: partner,
			name: 'Partenaire plan E2E',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
	});

	it('creates a plan, its framework as a tree and targets by place, with the mismatch shown', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/plans/new');
		await page.locator('[name=titleFr]').fill('Mali — HRP E2E');
		await page.locator('[name=peopleInNeed]').fill('3 700 000');
		await page.locator('[name=endsOn]').fill('2016-01-01');
		await submitForm(page);
		expect(await page.locator('main').textContent()).toContain(m.plans_error_period({}, fr));

		await page.locator('[name=endsOn]').fill('2027-12-31');
		await submitForm(page);
		expect(page.url()).toMatch(/\/plans\/[0-9a-f-]{36}\?saved/);
		planId = new URL(page.url()).pathname.split('/')[2]!;
		expect((await page.locator('main').textContent())?.replace(/\s/g, ' ')).toContain('3 700 000');

		const framework = `/plans/${planId}/clusters/PLE2E/framework`;
		const add = async (label: string, title: string, extra?: () => Promise<void>) => {
			await page
				.getByRole('link', { name: `+ ${label}` })
				.first()
				.click();
			await page.locator('[name=titleFr]').fill(title);
			await extra?.();
			await submitForm(page, page.locator('main form button', { hasText: m.action_create({}, fr) }));
		};
		await open(page, framework);
		await add(m.framework_add_strategic({}, fr), 'Sauver des vies');
		await add(m.framework_add_objective({}, fr), "Restaurer l'autorité de l'État");
		await add(m.framework_add_activity({}, fr), 'Réhabiliter des bâtiments administratifs');
		await add(m.framework_add_indicator({}, fr), 'Bâtiments réhabilités', async () => {
			await page.locator('[name=unit]').selectOption('number');
			await page.locator('[name=target]').fill('12');
		});
		const tree = await page.locator('ol.tree').textContent();
		for (const code of ['SO1', 'CO1.1', 'A1.1.1', 'I1.1.1.1']) expect(tree).toContain(code);

		await page.getByRole('link', { name: m.framework_set_targets({}, fr) }).click();
		await page.locator('[name="t.ML06"]').fill('5');
		await page.locator('[name="t.ML07"]').fill('-1');
		await submitForm(page);
		expect(await page.locator('main').textContent()).toContain(m.plans_error_negative({}, fr));
		await page.locator('[name="t.ML07"]').fill('4');
		await submitForm(page);
		expect(await page.locator('main').textContent()).toContain(m.framework_mismatch_hint({}, fr));
		await open(page, framework);
		expect(await page.locator('.mismatch').count()).toBe(1);
		await expectNoAxeViolations(page);
	});

	it('writes chapters whose formatting is kept and whose script is removed', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const chapterNamed = async (title: string) =>
			(await e2e.db.select().from(planChapter).where(eq(planChapter.titleFr, title)))[0]!;

		// With the editor (a small script): a word made bold is saved as formatting.
		await open(page, `/plans/${planId}/clusters/PLE2E/chapters/new`);
		await page.locator('[name=titleFr]').fill('Stratégie de réponse');
		await page.locator('[contenteditable=true]').first().click();
		await page.keyboard.type('Restaurer ');
		await page
			.locator('main button', { hasText: m.richtext_bold({}, fr) })
			.first()
			.click();
		await page.keyboard.type("l'autorité de l'État");
		await submitForm(page, page.locator('main form button', { hasText: m.action_create({}, fr) }));
		expect((await chapterNamed('Stratégie de réponse')).bodyFr).toMatch(
			/<(strong|b)>l'autorité de l'État<\/(strong|b)>/
		);

		// Without it (script blocked, as on a failed 2G load): the HTML typed is sanitised on the server.
		await page.route('**/rich-text.js', (route) => route.abort());
		await open(page, `/plans/${planId}/clusters/PLE2E/chapters/new`);
		await page.locator('[name=titleFr]').fill('Scénarios');
		await page
			.locator('[name=bodyFr]')
			.fill(
				'<p>Crue du <i>Niger</i></p><script>window.__injected = 1</script><a href="javascript:alert(1)" onclick="x()">lien</a>'
			);
		await submitForm(page, page.locator('main form button', { hasText: m.action_create({}, fr) }));
		const body = (await chapterNamed('Scénarios')).bodyFr;
		expect(body).toContain('<i>Niger</i>');
		expect(body).not.toMatch(/script|javascript:|onclick/);
		expect(await page.locator('main').textContent()).toContain('Crue du Niger');
		expect(
			await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)
		).toBeUndefined();
	});

	it('shows a draft plan to a partner without edit links, and refuses their writes', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, partner, PASSWORD);
		const response = await open(page, `/plans/${planId}/clusters/PLE2E/framework`);
		expect(response?.status()).toBe(200);
		expect(await page.locator('ol.tree').textContent()).toContain('I1.1.1.1');
		expect(await page.locator('a.edit, a.add').count()).toBe(0);
		const refused = await page.request.post(`/plans/${planId}/clusters/PLE2E/framework?/save`, {
			form: { level: 'strategic-objective', titleFr: 'Intrus' },
			headers: { origin: e2e.baseUrl }
		});
		expect(refused.status()).toBe(403);
	});

	it('refuses a form another site posts with the coordinator’s cookies', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const forged = await page.request.post(`/plans/${planId}?/status`, {
			form: { status: 'closed' },
			headers: { origin: 'https://evil.example' }
		});
		expect(forged.status()).toBe(403);
		const [row] = await e2e.db.select({ status: plan.status }).from(plan).where(eq(plan.id, planId));
		expect(row!.status).toBe('draft');
	});

	it('opens the published plan to visitors on a printable page', async () => {
		const visitor = await e2e.newPage();
		expect((await open(visitor, `/plans/${planId}/print`))?.status()).toBe(404);

		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `/plans/${planId}`);
		await submitForm(page, page.locator('main form button', { hasText: m.plans_publish({}, fr) }));
		const [row] = await e2e.db.select({ status: plan.status }).from(plan).where(eq(plan.id, planId));
		expect(row!.status).toBe('published');

		await open(visitor, `/plans/${planId}/print`);
		const text = await visitor.locator('main').textContent();
		expect(text).toContain('Mali — HRP E2E');
		expect(text).toContain('I1.1.1.1');
		expect(text).toContain("l'autorité de l'État");
	});
});
