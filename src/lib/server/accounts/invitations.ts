import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Database } from '../db/client';
import { invitation, user } from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ValidationError } from '../errors';
import { parseInput } from '../validation';
import { queueMail } from '../mail/outbox';
import { invitationMail } from './mails';
import { insertUser, setPassword, type NewUser } from './users';
import { passwordSchema } from './schema';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';
import { toLocale } from '../i18n';

export const INVITATION_DAYS = 7;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates the account without a password and mails a link, valid 7 days, that sets one. */
export async function inviteUser(ctx: Ctx, input: Omit<NewUser, 'password'>, publicUrl: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	return ctx.db.transaction(async (tx) => {
		const created = await insertUser(tx, ctx.actor, { ...input, password: undefined }, ctx.locale);
		const token = randomBytes(32).toString('base64url');
		await tx.insert(invitation).values({
			userId: created.id,
			tokenHash: digest(token),
			expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
			invitedBy: ctx.actor!.userId
		});
		const link = `${publicUrl}/invitation?token=${token}`;
		await queueMail(
			tx,
			invitationMail(
				created.email,
				{ name: created.name, inviter: ctx.actor!.name, link },
				toLocale(created.locale)
			)
		);
		return { user: created, link };
	});
}

export async function findOpenInvitation(db: Database, token: string) {
	const [row] = await db
		.select({ id: invitation.id, userId: invitation.userId, email: user.email, name: user.name })
		.from(invitation)
		.innerJoin(user, eq(user.id, invitation.userId))
		.where(
			and(
				eq(invitation.tokenHash, digest(token)),
				isNull(invitation.acceptedAt),
				gt(invitation.expiresAt, new Date())
			)
		);
	return row ?? null;
}

export async function acceptInvitation(db: Database, token: string, password: unknown, locale: Locale) {
	const open = await findOpenInvitation(db, token);
	if (!open) throw new ValidationError([{ path: 'token', message: m.invitation_invalid({}, { locale }) }]);
	const chosen = parseInput(passwordSchema, password, locale);
	await db.transaction(async (tx) => {
		await setPassword(tx, open.userId, chosen);
		await tx.update(invitation).set({ acceptedAt: new Date() }).where(eq(invitation.id, open.id));
		await recordAudit(tx, null, { action: 'accept-invitation', entityType: 'user', entityId: open.userId });
	});
	return open;
}
