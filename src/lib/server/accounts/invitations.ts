import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Database, Executor } from '../db/client';
import { account, invitation, user } from '../db/schema';
import type { Actor } from '../access/actor';
import { authorize, isAdmin } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError, ValidationError } from '../errors';
import { isId } from '../directory/schema';
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
		const link = await issueInvitation(tx, ctx.actor!, created, publicUrl);
		return { user: created, link };
	});
}

/** A new link for someone who has not set a password yet (the old links stop working). */
export async function resendInvitation(ctx: Ctx, userId: string, publicUrl: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(userId)) throw new NotFoundError();
	return ctx.db.transaction(async (tx) => {
		const [invited] = await tx.select().from(user).where(eq(user.id, userId));
		if (!invited) throw new NotFoundError();
		const [credential] = await tx
			.select({ id: account.id })
			.from(account)
			.where(and(eq(account.userId, userId), eq(account.providerId, 'credential')));
		if (credential) {
			throw new ValidationError([
				{ path: 'userId', message: m.invitation_not_needed({}, { locale: ctx.locale }) }
			]);
		}
		await tx
			.update(invitation)
			.set({ expiresAt: new Date() })
			.where(and(eq(invitation.userId, userId), isNull(invitation.acceptedAt)));
		const link = await issueInvitation(tx, ctx.actor!, invited, publicUrl);
		await recordAudit(tx, ctx.actor, { action: 'resend-invitation', entityType: 'user', entityId: userId });
		return { user: invited, link };
	});
}

async function issueInvitation(
	tx: Executor,
	inviter: Actor,
	invited: { id: string; email: string; name: string; locale: string },
	publicUrl: string
) {
	const token = randomBytes(32).toString('base64url');
	await tx.insert(invitation).values({
		userId: invited.id,
		tokenHash: digest(token),
		expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
		invitedBy: inviter.userId
	});
	const link = `${publicUrl}/invitation?token=${token}`;
	const mail = invitationMail(
		invited.email,
		{ name: invited.name, inviter: inviter.name, link },
		toLocale(invited.locale)
	);
	await queueMail(tx, mail);
	return link;
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
		// Claim the invitation first: of two posts of the same link, only one gets the row.
		const [claimed] = await tx
			.update(invitation)
			.set({ acceptedAt: new Date() })
			.where(and(eq(invitation.id, open.id), isNull(invitation.acceptedAt)))
			.returning({ id: invitation.id });
		if (!claimed)
			throw new ValidationError([{ path: 'token', message: m.invitation_invalid({}, { locale }) }]);
		await setPassword(tx, open.userId, chosen);
		await recordAudit(tx, null, { action: 'accept-invitation', entityType: 'user', entityId: open.userId });
	});
	return open;
}
