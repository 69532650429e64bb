import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { organisation } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addOrganisation, addUser, PASSWORD } from '../actors';
import { open, signInThroughPage, submitForm, useE2e } from './harness';

describe('directory in the browser', () => {
	const e2e = useE2e();
	const admin = 'e2e-admin@example.org';
	const focal = 'e2e-focal-a@example.org';
	let orgA: string;
	let orgB: string;

	beforeAll(async () => {
		orgA = await addOrganisation(e2e.db, { name: 'ONG Alpha E2E', acronym: 'ALPHA', type: 'national-ngo' });
		orgB = await addOrganisation(e2e.db, { name: 'ONG Bêta E2E', acronym: 'BETA', type: 'national-ngo' });
		await addUser(e2e.db, {
			email: admin,
			name: 'Admin E2E',
			password: PASSWORD,
			grants: [{ role: 'admin' }]
		});
		await addUser(e2e.db, {
			email: focal,
			name: 'Point focal Alpha',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId: orgA }]
		});
	});

	const organisationsNamed = async (name: string) =>
		(await e2e.db.select({ n: count() }).from(organisation).where(eq(organisation.name, name)))[0]!.n;

	it('signs in with e-mail and password, after a wrong password is refused', async () => {
		const page = await e2e.newPage();
		await open(page, '/sign-in');
		await page.locator('#email').fill(admin);
		await page.locator('#password').fill('not my password');
		await submitForm(page);
		expect(await page.locator('[role=alert]').textContent()).toBe(m.sign_in_failed({}, { locale: 'fr' }));
		expect(new URL(page.url()).pathname).toBe('/sign-in');

		await signInThroughPage(page, admin, PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.locator('header').textContent()).toContain('Admin E2E');
		// The session survives a reload: it is a cookie backed by the database.
		await page.reload();
		expect(await page.locator('header').textContent()).toContain('Admin E2E');
	});

	it('creates an organisation through its form; a mistake is explained and nothing is saved', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, admin, PASSWORD);
		await open(page, '/organisations/new');

		// First try without a type: the page says what to change, in French, and keeps what was typed.
		const name = 'Association <b>Relèvement</b> & Paix <img src=x onerror="window.__injected=1">';
		await page.locator('[name=name]').fill(name);
		await page.locator('[name=acronym]').fill('ARP');
		await page.locator('[name=type]').evaluate((select) => select.removeAttribute('required'));
		await submitForm(page);
		expect(await page.locator('main').textContent()).toContain(m.directory_error_type({}, { locale: 'fr' }));
		expect(await page.locator('[name=name]').inputValue()).toBe(name);
		expect(await organisationsNamed(name)).toBe(0);

		await page.locator('[name=type]').selectOption('national-ngo');
		await page.locator('[name=country]').fill('mli');
		await submitForm(page);
		expect(page.url()).toMatch(/\/organisations\/[0-9a-f-]{36}\?saved/);
		expect(await organisationsNamed(name)).toBe(1);
		// The HTML typed into the name is shown as text, never run.
		expect(await page.locator('h1').textContent()).toContain(name);
		expect(await page.locator('main img[src=x]').count()).toBe(0);
		expect(
			await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)
		).toBeUndefined();
		expect(await page.locator('main').textContent()).toContain('MLI');

		// It is in the list, found without its accents.
		await page.goto('/organisations?q=relevement');
		expect(await page.locator('main').textContent()).toContain('Relèvement');
	});

	it('refuses a focal point on another organisation: 403 page, and a forged post changes nothing', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, focal, PASSWORD);

		// Their own organisation: the edit form opens.
		const own = await page.goto(`/organisations/${orgA}/edit`);
		expect(own!.status()).toBe(200);
		expect(await page.locator('[name=name]').inputValue()).toBe('ONG Alpha E2E');

		// Another organisation: a 403 page that says why, in the user's language.
		const other = await page.goto(`/organisations/${orgB}/edit`);
		expect(other!.status()).toBe(403);
		expect(await page.locator('main').textContent()).toContain(m.error_forbidden({}, { locale: 'fr' }));
		expect(await page.locator('[name=name]').count()).toBe(0);

		// Posting the form anyway, with the user's own session, is refused the same way.
		const forged = await page.request.post(`/organisations/${orgB}/edit?/save`, {
			form: { name: 'Prise par Alpha', type: 'national-ngo' },
			headers: { origin: e2e.baseUrl },
			maxRedirects: 0
		});
		expect(forged.status()).toBe(403);
		const body = (await forged.text()).replace(/&#39;|&#x27;|&apos;/g, "'");
		expect(body).toContain(m.error_forbidden({}, { locale: 'fr' }));
		const [stored] = await e2e.db.select().from(organisation).where(eq(organisation.id, orgB));
		expect(stored!.name).toBe('ONG Bêta E2E');
	});

	it('sends a visitor to the sign-in page', async () => {
		const page = await e2e.newPage();
		await page.goto(`/organisations/${orgA}`);
		expect(new URL(page.url()).pathname).toBe('/sign-in');
	});
});
