import { parseInput } from '../validation';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { account, cluster, invitation, mailOutbox, organisation, roleGrant, user, ROLES } from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import { NotFoundError, ValidationError, type FieldError } from '../errors';
import { isId } from '../directory/schema';
import { grantRole, listUsers, withdrawRole } from '../accounts/users';
import { inviteUser } from '../accounts/invitations';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

/** Where a user stands with signing in: a password set, an invitation waiting or lapsed, or neither. */
export type AccessStatus = 'active' | 'invited' | 'invitation-expired' | 'no-password';

async function accessStatuses(db: Executor, userIds: string[]): Promise<Map<string, AccessStatus>> {
	const statuses = new Map<string, AccessStatus>();
	if (!userIds.length) return statuses;
	const [withPassword, invitations] = await Promise.all([
		db
			.select({ userId: account.userId })
			.from(account)
			.where(and(inArray(account.userId, userIds), eq(account.providerId, 'credential'))),
		db
			.select({
				userId: invitation.userId,
				expiresAt: invitation.expiresAt,
				acceptedAt: invitation.acceptedAt
			})
			.from(invitation)
			.where(inArray(invitation.userId, userIds))
	]);
	const active = new Set(withPassword.map((r) => r.userId));
	const now = Date.now();
	for (const id of userIds) {
		if (active.has(id)) {
			statuses.set(id, 'active');
			continue;
		}
		const open = invitations.filter((i) => i.userId === id && !i.acceptedAt);
		statuses.set(
			id,
			open.some((i) => i.expiresAt.getTime() > now)
				? 'invited'
				: open.length
					? 'invitation-expired'
					: 'no-password'
		);
	}
	return statuses;
}

/** Every user with their roles (cluster code, organisation acronym) and whether they can sign in. */
export async function listManagedUsers(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const users = await listUsers(ctx);
	const statuses = await accessStatuses(
		ctx.db,
		users.map((u) => u.id)
	);
	return users.map((u) => ({
		id: u.id,
		name: u.name,
		email: u.email,
		locale: u.locale,
		createdAt: u.createdAt,
		status: statuses.get(u.id) ?? 'no-password',
		grants: u.grants.map((g) => ({
			id: g.id,
			role: g.role,
			clusterCode: g.clusterCode,
			organisationName: g.organisationName,
			organisationAcronym: g.organisationAcronym
		}))
	}));
}

/** One user as the administration page shows them. */
export async function getManagedUser(ctx: Ctx, userId: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(userId)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({
			id: user.id,
			name: user.name,
			email: user.email,
			locale: user.locale,
			createdAt: user.createdAt
		})
		.from(user)
		.where(eq(user.id, userId));
	if (!row) throw new NotFoundError();
	const grants = await ctx.db
		.select({
			id: roleGrant.id,
			role: roleGrant.role,
			clusterCode: cluster.code,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(roleGrant)
		.leftJoin(cluster, eq(cluster.id, roleGrant.clusterId))
		.leftJoin(organisation, eq(organisation.id, roleGrant.organisationId))
		.where(eq(roleGrant.userId, userId))
		.orderBy(asc(roleGrant.createdAt));
	const statuses = await accessStatuses(ctx.db, [userId]);
	return { ...row, status: statuses.get(userId) ?? 'no-password', grants };
}

/** The clusters and organisations a role can be given for, for the select boxes. */
export async function roleScopeChoices(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const [clusters, organisations] = await Promise.all([
		ctx.db
			.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
			.from(cluster)
			.orderBy(asc(cluster.code)),
		ctx.db
			.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
			.from(organisation)
			.orderBy(asc(organisation.name))
	]);
	return { clusters, organisations };
}

const optionalUuid = (message: string) =>
	z
		.union([z.literal(''), z.uuid({ error: message })])
		.nullish()
		.transform((v) => v || null);

/** A role and its scope as the forms send them, with messages that say what is missing. */
function roleFields(locale: Locale, optional: boolean) {
	const error = m.admin_error_role({}, { locale });
	const role = z.enum(ROLES, { error });
	return {
		role: optional
			? z
					.union([z.literal(''), role], { error })
					.nullish()
					.transform((v) => v || null)
			: role,
		clusterId: optionalUuid(m.error_unknown_cluster({}, { locale })),
		organisationId: optionalUuid(m.error_unknown_organisation({}, { locale }))
	};
}

function checkScope(
	g: { role: string | null; clusterId: string | null; organisationId: string | null },
	ctx: z.RefinementCtx,
	locale: Locale
) {
	if ((g.role === 'coordinator' || g.role === 'information-manager') && !g.clusterId)
		ctx.addIssue({
			code: 'custom',
			path: ['clusterId'],
			message: m.admin_error_cluster_required({}, { locale })
		});
	if (g.role === 'focal-point' && !g.organisationId)
		ctx.addIssue({
			code: 'custom',
			path: ['organisationId'],
			message: m.admin_error_organisation_required({}, { locale })
		});
}

const inviteForm = (locale: Locale) =>
	z
		.object({
			name: z.string().trim().min(1).max(200),
			email: z
				.string()
				.trim()
				.toLowerCase()
				.min(1)
				.pipe(z.email({ error: m.admin_error_email({}, { locale }) }).max(254)),
			locale: z.enum(['fr', 'en'], { error: m.admin_error_locale({}, { locale }) }),
			...roleFields(locale, true)
		})
		.superRefine((g, ctx) => checkScope(g, ctx, locale));

const grantForm = (locale: Locale) =>
	z.object(roleFields(locale, false)).superRefine((g, ctx) => checkScope(g, ctx, locale));

/** The accounts module names the fields of the first grant `grants.0.…`; the form names them plainly. */
function asFormErrors(error: unknown, locale: Locale): unknown {
	if (!(error instanceof ValidationError)) return error;
	const scope: Record<string, () => string> = {
		cluster: () => m.admin_error_cluster_required({}, { locale }),
		organisation: () => m.admin_error_organisation_required({}, { locale })
	};
	const errors: FieldError[] = error.errors.map((e) => ({
		path: e.path.replace(/^grants\.\d+\./, ''),
		message: scope[e.message]?.() ?? e.message
	}));
	return new ValidationError(errors);
}

/**
 * Invites a person from the administration form (name, e-mail, language, an optional first role
 * and its scope). The mail is queued in the same transaction; the caller then delivers the queue.
 */
export async function inviteFromForm(ctx: Ctx, values: Record<string, unknown>, publicUrl: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const input = parseInput(inviteForm(ctx.locale), values, ctx.locale);
	const grants = input.role
		? [{ role: input.role, clusterId: input.clusterId, organisationId: input.organisationId }]
		: [];
	try {
		const { user: created } = await inviteUser(
			ctx,
			{ name: input.name, email: input.email, locale: input.locale, grants },
			publicUrl
		);
		return created;
	} catch (e) {
		throw asFormErrors(e, ctx.locale);
	}
}

/** What to tell the administrator after an invitation: whom, and where its mail stands. */
export async function invitationNotice(ctx: Ctx, userId: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(userId)) return null;
	const [invited] = await ctx.db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(user)
		.where(eq(user.id, userId));
	if (!invited) return null;
	const [mail] = await ctx.db
		.select({ id: mailOutbox.id, status: mailOutbox.status })
		.from(mailOutbox)
		.where(eq(mailOutbox.recipient, invited.email))
		.orderBy(desc(mailOutbox.createdAt))
		.limit(1);
	return { ...invited, mail: mail ?? null };
}

/** Grants a role; `null` when the user already held it. */
export async function grantFromForm(ctx: Ctx, userId: string, values: Record<string, unknown>) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(userId)) throw new NotFoundError();
	const input = parseInput(grantForm(ctx.locale), values, ctx.locale);
	try {
		return await grantRole(ctx, userId, input);
	} catch (e) {
		throw asFormErrors(e, ctx.locale);
	}
}

/** Withdraws one of this user's roles (a grant of another user is not found here). */
export async function withdrawFromForm(ctx: Ctx, userId: string, grantId: unknown) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(userId) || typeof grantId !== 'string' || !isId(grantId)) throw new NotFoundError();
	const [grant] = await ctx.db
		.select({ id: roleGrant.id })
		.from(roleGrant)
		.where(and(eq(roleGrant.id, grantId), eq(roleGrant.userId, userId)));
	if (!grant) throw new NotFoundError();
	await withdrawRole(ctx, grantId);
}
