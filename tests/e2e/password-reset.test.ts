import { beforeAll, describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { addUser, PASSWORD } from '../actors';
import { open, signInThroughPage, submitForm, useE2e } from './harness';

describe('password reset by e-mail, through a real SMTP server', () => {
	const e2e = useE2e();
	const email = 'e2e-reset@example.org';
	const newPassword = 'un nouveau mot de passe';

	beforeAll(async () => {
		await addUser(e2e.db, { email, name: 'Réinitialisation E2E', password: PASSWORD });
	});

	it('mails a link that sets a new password, which then signs in; the old one no longer does', async () => {
		const page = await e2e.newPage();
		// An address without an account gets the same answer, and no mail.
		await open(page, '/forgot-password');
		await page.locator('#email').fill('e2e-nobody@example.org');
		await submitForm(page);
		expect(await page.locator('[role=status]').textContent()).toBe(
			m.reset_request_sent({}, { locale: 'fr' })
		);

		await open(page, '/forgot-password');
		await page.locator('#email').fill(email);
		await submitForm(page);
		expect(await page.locator('[role=status]').textContent()).toBe(
			m.reset_request_sent({}, { locale: 'fr' })
		);

		const mail = await e2e.waitForMail((mail) => mail.to.includes(email));
		expect(mail.subject).toBe(m.mail_reset_subject({}, { locale: 'fr' }));
		const link = mail.text.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0];
		expect(link, mail.text).toBeDefined();
		expect(link!.startsWith(`${e2e.baseUrl}/reset-password`)).toBe(true);

		await open(page, link!);
		await page.locator('#password').fill(newPassword);
		await submitForm(page);
		expect(await page.locator('[role=status]').textContent()).toBe(m.reset_done({}, { locale: 'fr' }));

		const fresh = await e2e.newPage();
		await signInThroughPage(fresh, email, newPassword);
		expect(new URL(fresh.url()).pathname).toBe('/');

		const old = await e2e.newPage();
		await open(old, '/sign-in');
		await old.locator('#email').fill(email);
		await old.locator('#password').fill(PASSWORD);
		await submitForm(old);
		expect(await old.locator('[role=alert]').textContent()).toBe(m.sign_in_failed({}, { locale: 'fr' }));

		// The link is spent.
		await open(page, link!);
		await page.locator('#password').fill('encore un autre mot de passe');
		await submitForm(page);
		expect(await page.locator('[role=alert]').textContent()).toBe(m.reset_invalid({}, { locale: 'fr' }));

		// The address without an account was asked for first: by now its mail would have come.
		await expect(e2e.waitForMail((mail) => mail.to.includes('e2e-nobody@example.org'), 0)).rejects.toThrow(
			/no such mail/
		);
	});
});
