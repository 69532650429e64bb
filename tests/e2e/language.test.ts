import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { user } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addUser, PASSWORD } from '../actors';
import { loaded, signInThroughPage, submitForm, useE2e } from './harness';

describe('French first, English second', () => {
	const e2e = useE2e();
	const email = 'e2e-language@example.org';

	beforeAll(async () => {
		await addUser(e2e.db, { email, name: 'Langue E2E', password: PASSWORD });
	});

	const languageOf = (page: Page) => page.locator('html').getAttribute('lang');
	const navText = (page: Page) => page.locator('header nav').textContent();
	const switchLanguage = async (page: Page) => {
		await loaded(page);
		await submitForm(page, page.locator('header form[action="/language"] button'));
	};

	it('a visitor switches to English and back; the choice sticks after a reload', async () => {
		const page = await e2e.newPage({ locale: 'fr-FR' });
		await page.goto('/clusters');
		expect(await languageOf(page)).toBe('fr');
		expect(await navText(page)).toContain(m.nav_home({}, { locale: 'fr' }));

		await switchLanguage(page);
		expect(await languageOf(page)).toBe('en');
		// Back on the page the visitor was on.
		expect(new URL(page.url()).pathname).toBe('/clusters');
		expect(await navText(page)).toContain(m.nav_home({}, { locale: 'en' }));
		await page.reload();
		expect(await languageOf(page)).toBe('en');
		await page.goto('/sign-in');
		expect(await page.locator('h1').textContent()).toBe(m.sign_in_title({}, { locale: 'en' }));

		await switchLanguage(page);
		expect(await languageOf(page)).toBe('fr');
		await page.reload();
		expect(await page.locator('h1').textContent()).toBe(m.sign_in_title({}, { locale: 'fr' }));
	});

	it('a browser that asks for English gets English until the visitor chooses', async () => {
		const page = await e2e.newPage({ locale: 'en-GB' });
		await page.goto('/sign-in');
		expect(await languageOf(page)).toBe('en');
	});

	it("a signed-in user's choice is kept on their account and follows them to another browser", async () => {
		const page = await e2e.newPage({ locale: 'fr-FR' });
		await signInThroughPage(page, email, PASSWORD);
		expect(await languageOf(page)).toBe('fr');
		await switchLanguage(page);
		expect(await languageOf(page)).toBe('en');
		const [stored] = await e2e.db.select({ locale: user.locale }).from(user).where(eq(user.email, email));
		expect(stored!.locale).toBe('en');

		const elsewhere = await e2e.newPage({ locale: 'fr-FR' });
		await signInThroughPage(elsewhere, email, PASSWORD);
		expect(await languageOf(elsewhere)).toBe('en');
		expect(await navText(elsewhere)).toContain(m.nav_home({}, { locale: 'en' }));
	});
});
