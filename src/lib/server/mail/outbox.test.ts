import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { startSmtpServer, type TestSmtpServer } from '../../../../tests/smtp';
import { mailOutbox, setting } from '../db/schema';
import { configureMail, deliverQueuedMail, queueMail } from './outbox';
import { listMail, retryMail } from '../admin/outbox';
import { addUser, ctxFor } from '../../../../tests/actors';

describe(`mail outbox [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let smtp: TestSmtpServer;

	beforeAll(async () => {
		smtp = await startSmtpServer();
	});
	afterAll(async () => {
		await smtp?.close();
	});
	beforeEach(async () => {
		await t.db.delete(setting).where(eq(setting.key, 'mail.hold'));
	});

	/** The outbox is read and retried by administrators, through the admin module. */
	let adminId: string | undefined;
	async function adminCtx() {
		adminId ??= await addUser(t.db, {
			email: 'postmaster@example.org',
			name: 'Postmaster',
			grants: [{ role: 'admin' }]
		});
		return ctxFor(t.db, adminId);
	}

	const rowOf = async (id: string) => (await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;

	it('delivers a queued mail through the SMTP server and marks it sent', async () => {
		configureMail({ smtpUrl: smtp.url });
		const queued = await queueMail(t.db, {
			to: 'awa.diallo@example.org',
			subject: 'Réunion du cluster — jeudi 10 h',
			body: 'Bonjour,\nLa réunion a lieu à Gao, salle « Relèvement ».\nhttps://concerto.example.org/x?token=a=b'
		});
		expect(queued.status).toBe('queued');
		expect(await deliverQueuedMail(t.db)).toBe(1);

		const mail = await smtp.waitFor((m) => m.to.includes('awa.diallo@example.org'));
		expect(mail.subject).toBe('Réunion du cluster — jeudi 10 h');
		expect(mail.text).toBe(
			'Bonjour,\nLa réunion a lieu à Gao, salle « Relèvement ».\nhttps://concerto.example.org/x?token=a=b'
		);
		const row = await rowOf(queued.id);
		expect(row).toMatchObject({ status: 'sent', attempts: 1, error: null });
		expect(row.sentAt).toBeInstanceOf(Date);
		// Nothing left to send: a second round sends nothing again.
		expect(await deliverQueuedMail(t.db)).toBe(0);
		expect(smtp.mails.filter((m) => m.to.includes('awa.diallo@example.org'))).toHaveLength(1);
	});

	it('keeps every mail held while the installation holds mail, even with SMTP configured', async () => {
		configureMail({ smtpUrl: smtp.url });
		await t.db.insert(setting).values({ key: 'mail.hold', value: true });
		const held = await queueMail(t.db, {
			to: 'real.person@example.org',
			subject: 'Test',
			body: 'Ne pas envoyer'
		});
		expect(held.status).toBe('held');
		expect(await deliverQueuedMail(t.db)).toBe(0);
		expect((await rowOf(held.id)).status).toBe('held');
		expect(smtp.mails.some((m) => m.to.includes('real.person@example.org'))).toBe(false);
		// Administrators read it in the outbox.
		expect((await listMail(await adminCtx())).items.map((m) => m.id)).toContain(held.id);
	});

	it('keeps mail in the outbox when no SMTP server is configured', async () => {
		configureMail({});
		const held = await queueMail(t.db, { to: 'nobody@example.org', subject: 'Sans SMTP', body: '…' });
		expect(held.status).toBe('held');
		expect(await deliverQueuedMail(t.db)).toBe(0);
		expect((await rowOf(held.id)).status).toBe('held');
	});

	it('records a refused delivery as failed with the reason, and sends it again on retry', async () => {
		const refusing = await startSmtpServer({ refuse: true });
		try {
			configureMail({ smtpUrl: refusing.url });
			const queued = await queueMail(t.db, { to: 'refused@example.org', subject: 'Refusé', body: '…' });
			expect(await deliverQueuedMail(t.db)).toBe(0);
			const failed = await rowOf(queued.id);
			expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
			expect(failed.error).toMatch(/550|relay refused/);

			configureMail({ smtpUrl: smtp.url });
			await retryMail(await adminCtx(), queued.id);
			expect(await deliverQueuedMail(t.db)).toBe(1);
			expect(await rowOf(queued.id)).toMatchObject({ status: 'sent', attempts: 2 });
			await smtp.waitFor((m) => m.to.includes('refused@example.org'));
		} finally {
			await refusing.close();
		}
	});

	it('two instances delivering at the same time never send a mail twice', async () => {
		configureMail({ smtpUrl: smtp.url });
		const recipients = Array.from({ length: 8 }, (_, i) => `once-${i}@example.org`);
		for (const to of recipients) await queueMail(t.db, { to, subject: 'Une fois', body: '…' });
		const other = await t.connectAgain();
		const sent = await Promise.all([deliverQueuedMail(t.db), deliverQueuedMail(other.db)]);
		expect(sent[0] + sent[1]).toBe(recipients.length);
		await smtp.waitFor((m) => m.to.includes(recipients.at(-1)!));
		for (const to of recipients) expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
	});
});
