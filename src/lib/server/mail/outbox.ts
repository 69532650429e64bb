import { and, eq, lt, or } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database, Executor } from '../db/client';
import { mailOutbox, setting } from '../db/schema';

export interface Mail {
	to: string;
	subject: string;
	body: string;
}

const STALE_CLAIM_MS = 10 * 60_000;

let transport: Transporter | undefined;
let from = 'Concerto <no-reply@concerto.invalid>';

/** Without an SMTP URL every mail stays in the outbox, where administrators read it. */
export function configureMail(options: { smtpUrl?: string; from?: string }) {
	transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
	if (options.from) from = options.from;
}

/** Stores the mail; call deliverQueuedMail after the transaction commits. */
export async function queueMail(db: Executor, mail: Mail) {
	const status = transport && !(await mailIsHeld(db)) ? 'queued' : 'held';
	const [row] = await db
		.insert(mailOutbox)
		.values({ recipient: mail.to, subject: mail.subject, body: mail.body, status })
		.returning();
	return row!;
}

/** The example workspace holds real people's addresses: its mail never leaves the outbox. */
async function mailIsHeld(db: Executor): Promise<boolean> {
	const [row] = await db.select().from(setting).where(eq(setting.key, 'mail.hold'));
	return row?.value === true;
}

export async function deliverQueuedMail(db: Database): Promise<number> {
	if (!transport) return 0;
	// Claim rows first so that two instances never send the same mail twice; a claim older than
	// STALE_CLAIM_MS was left by an instance that stopped while sending, and is taken over.
	const stale = new Date(Date.now() - STALE_CLAIM_MS);
	const claimed = await db
		.update(mailOutbox)
		.set({ status: 'sending', claimedAt: new Date() })
		.where(
			or(
				eq(mailOutbox.status, 'queued'),
				and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.claimedAt, stale))
			)
		)
		.returning();
	let sent = 0;
	for (const mail of claimed) {
		try {
			await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.body });
			await db
				.update(mailOutbox)
				.set({ status: 'sent', sentAt: new Date(), error: null, attempts: mail.attempts + 1 })
				.where(eq(mailOutbox.id, mail.id));
			sent++;
		} catch (error) {
			await db
				.update(mailOutbox)
				.set({ status: 'failed', error: String(error), attempts: mail.attempts + 1 })
				.where(eq(mailOutbox.id, mail.id));
		}
	}
	return sent;
}
