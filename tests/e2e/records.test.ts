import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvent, organisation, person } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
import { expectNoAxeViolations, open, signInThroughPage, submitForm, useE2e } from './harness';

describe('duplicates and merging in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-records-coordinator@example.org';
	const focal = 'e2e-records-focal@example.org';
	let kept: string;
	let merged: string;
	let salimata: string;

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, 'ERREC');
		kept = await addOrganisation(e2e.db, { name: 'Médecins du Monde Records', acronym: 'MDMR' });
		merged = await addOrganisation(e2e.db, { name: 'Medecins du monde records ' });
		await e2e.db
			.update(organisation)
			.set({ emailDomains: ['mdm-records.org'] })
			.where(eq(organisation.id, kept));
		await e2e.db
			.update(organisation)
			.set({ emailDomains: ['mdm-recrods.org'] })
			.where(eq(organisation.id, merged));
		const people = await e2e.db
			.insert(person)
			.values([
				{ name: 'Salimata Coulibaly', email: 'salimata@mdm-recrods.org', organisationId: merged },
				{ name: 'Drissa Sanogo', organisationId: merged }
			])
			.returning({ id: person.id });
		salimata = people[0]!.id;
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination Records',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		await addUser(e2e.db, {
			email: focal,
			name: 'Point focal Records',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId: kept }]
		});
	});

	it('a coordinator finds two records of one organisation, merges them and sees the people moved', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/duplicates?kind=organisations&limit=200');
		const row = page.locator('tbody tr', { hasText: 'Médecins du Monde Records' }).filter({
			hasText: 'Medecins du monde records'
		});
		expect(await row.count()).toBe(1);
		const reasons = await row.locator('td').nth(1).textContent();
		expect(reasons).toContain(m.records_reason_similar_name({ score: '1' }, { locale: 'fr' }));
		expect(reasons).toContain('mdm-records.org');
		await expectNoAxeViolations(page);

		await row.getByRole('link', { name: m.records_merge({}, { locale: 'fr' }) }).click();
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toMatch(
			/^\/duplicates\/organisations\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/
		);
		// Side by side: the record to be deleted has the two people.
		expect(await page.locator('main table').textContent()).toContain(
			m.records_link_person_organisation_id({}, { locale: 'fr' })
		);
		await expectNoAxeViolations(page);

		await page.locator(`input[name=keep][value="${kept}"]`).check();
		await submitForm(page, page.locator('main form button'));
		expect(page.url()).toContain(`/organisations/${kept}?saved`);

		await open(page, `/people?organisation=${kept}`);
		const list = await page.locator('main').textContent();
		expect(list).toContain('Salimata Coulibaly');
		expect(list).toContain('Drissa Sanogo');

		expect(await e2e.db.select().from(organisation).where(eq(organisation.id, merged))).toEqual([]);
		const [stored] = await e2e.db.select().from(organisation).where(eq(organisation.id, kept));
		expect(stored!.emailDomains.sort()).toEqual(['mdm-records.org', 'mdm-recrods.org']);
		const events = await e2e.db.select().from(auditEvent).where(eq(auditEvent.entityId, kept));
		expect(events.some((e) => e.action === 'merge' && e.actorLabel === coordinator)).toBe(true);
	});

	it("a coordinator merges two people, hands over one's data and erases it on request", async () => {
		const [a, b] = await e2e.db
			.insert(person)
			.values([
				{ name: 'Oumou Sangaré', email: 'oumou@mdm-records.org', organisationId: kept },
				{ name: 'Oumou SANGARE', email: 'Oumou@MDM-records.org', phone: '+223 76 11 22 33' }
			])
			.returning({ id: person.id });
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `/duplicates/people/${a!.id}/${b!.id}`);
		await expectNoAxeViolations(page);
		await page.locator(`input[name=keep][value="${a!.id}"]`).check();
		await submitForm(page, page.locator('main form button'));
		expect(page.url()).toContain(`/people/${a!.id}?saved`);
		const [oumou] = await e2e.db.select().from(person).where(eq(person.id, a!.id));
		expect(oumou).toMatchObject({ organisationId: kept, phone: '+223 76 11 22 33' });

		const file = await page.request.get(`/people/${a!.id}/personal-data`);
		expect(file.status()).toBe(200);
		expect(file.headers()['content-disposition']).toMatch(
			/^attachment; filename="donnees-personnelles-oumou/
		);
		expect(((await file.json()) as { person: { phone: string } }).person.phone).toBe('+223 76 11 22 33');

		await open(page, `/people/${a!.id}/erase`);
		await expectNoAxeViolations(page);
		await submitForm(page, page.locator('main form button'));
		expect(page.url()).toContain(`/people/${a!.id}?saved`);
		expect(await page.locator('main').textContent()).not.toMatch(/oumou|76 11 22 33/i);
		const [erased] = await e2e.db.select().from(person).where(eq(person.id, a!.id));
		expect(erased).toMatchObject({
			email: null,
			phone: null,
			organisationId: kept,
			erasedAt: expect.any(Date)
		});
	});

	it('refuses a focal point: no list, no merge page, and a forged merge changes nothing', async () => {
		const other = await addOrganisation(e2e.db, { name: 'Médecins du Monde Records (bis)' });
		const page = await e2e.newPage();
		await signInThroughPage(page, focal, PASSWORD);
		expect((await page.goto('/duplicates'))!.status()).toBe(403);
		expect((await page.goto(`/duplicates/organisations/${kept}/${other}`))!.status()).toBe(403);
		const forged = await page.request.post(`/duplicates/organisations/${kept}/${other}`, {
			form: { keep: kept },
			headers: { origin: e2e.baseUrl },
			maxRedirects: 0
		});
		expect(forged.status()).toBe(403);
		expect(await e2e.db.select().from(organisation).where(eq(organisation.id, other))).toHaveLength(1);
		const erase = await page.request.post(`/people/${salimata}/erase`, {
			form: {},
			headers: { origin: e2e.baseUrl },
			maxRedirects: 0
		});
		expect(erase.status()).toBe(403);
		expect((await page.request.get(`/people/${salimata}/personal-data`)).status()).toBe(403);
		const [stillThere] = await e2e.db.select().from(person).where(eq(person.id, salimata));
		expect(stillThere).toMatchObject({ email: 'salimata@mdm-recrods.org', erasedAt: null });
	});
});
