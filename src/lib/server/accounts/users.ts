import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { account, cluster, organisation, person, roleGrant, user } from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import { grantInput, newUserInput } from './schema';
import { hashPassword } from './password-hash';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';

export type NewUser = z.input<typeof newUserInput>;

/** Checked by callers: the command line (trusted) and administrators (see inviteUser). */
export async function insertUser(db: Executor, actor: Actor | null, input: NewUser, locale: Locale) {
	const values = parseInput(newUserInput, input, locale);
	const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, values.email));
	if (taken) throw new ConflictError([{ path: 'email', message: m.error_email_taken({}, { locale }) }]);
	for (const grant of values.grants) await assertScopeExists(db, grant, locale);
	// onConflictDoNothing: another request may create the same address between check and insert.
	const [row] = await db
		.insert(user)
		.values({ email: values.email, name: values.name, locale: values.locale, emailVerified: true })
		.onConflictDoNothing({ target: user.email })
		.returning();
	if (!row) throw new ConflictError([{ path: 'email', message: m.error_email_taken({}, { locale }) }]);
	if (values.password) await setPassword(db, row!.id, values.password);
	await linkPerson(db, row!.id, values, values.grants.find((g) => g.organisationId)?.organisationId ?? null);
	for (const grant of values.grants) await db.insert(roleGrant).values({ userId: row!.id, ...grant });
	await recordAudit(db, actor, {
		action: 'create',
		entityType: 'user',
		entityId: row!.id,
		after: { email: row!.email, name: row!.name, grants: values.grants }
	});
	return row!;
}

/** Stores the password the way better-auth reads it: a "credential" account. */
export async function setPassword(db: Executor, userId: string, password: string) {
	const digest = await hashPassword(password);
	const [existing] = await db
		.select({ id: account.id })
		.from(account)
		.where(and(eq(account.userId, userId), eq(account.providerId, 'credential')));
	if (existing)
		await db
			.update(account)
			.set({ password: digest, updatedAt: new Date() })
			.where(eq(account.id, existing.id));
	else
		await db
			.insert(account)
			.values({ userId, accountId: userId, providerId: 'credential', password: digest });
}

/** A user is a person who signs in: reuse the directory's record of them when there is one. */
async function linkPerson(
	db: Executor,
	userId: string,
	values: { email: string; name: string },
	organisationId: string | null
) {
	const [known] = await db
		.select({ id: person.id })
		.from(person)
		.where(and(eq(person.email, values.email), isNull(person.userId)));
	if (known) await db.update(person).set({ userId }).where(eq(person.id, known.id));
	else await db.insert(person).values({ name: values.name, email: values.email, organisationId, userId });
}

async function assertScopeExists(db: Executor, grant: z.output<typeof grantInput>, locale: Locale) {
	if (grant.clusterId) {
		const [row] = await db.select({ id: cluster.id }).from(cluster).where(eq(cluster.id, grant.clusterId));
		if (!row)
			throw new ValidationError([{ path: 'clusterId', message: m.error_unknown_cluster({}, { locale }) }]);
	}
	if (grant.organisationId) {
		const [row] = await db
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.id, grant.organisationId));
		if (!row)
			throw new ValidationError([
				{ path: 'organisationId', message: m.error_unknown_organisation({}, { locale }) }
			]);
	}
}

export async function listUsers(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const users = await ctx.db.select().from(user).orderBy(asc(user.name));
	const grants = await ctx.db
		.select({
			id: roleGrant.id,
			userId: roleGrant.userId,
			role: roleGrant.role,
			clusterId: roleGrant.clusterId,
			clusterCode: cluster.code,
			organisationId: roleGrant.organisationId,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(roleGrant)
		.leftJoin(cluster, eq(cluster.id, roleGrant.clusterId))
		.leftJoin(organisation, eq(organisation.id, roleGrant.organisationId));
	return users.map((u) => ({ ...u, grants: grants.filter((g) => g.userId === u.id) }));
}

export async function grantRole(ctx: Ctx, userId: string, input: unknown) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const grant = parseInput(grantInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [target] = await tx.select({ id: user.id }).from(user).where(eq(user.id, userId));
		if (!target) throw new NotFoundError();
		await assertScopeExists(tx, grant, ctx.locale);
		const [row] = await tx
			.insert(roleGrant)
			.values({ userId, ...grant })
			.onConflictDoNothing()
			.returning();
		if (row)
			await recordAudit(tx, ctx.actor, {
				action: 'grant-role',
				entityType: 'user',
				entityId: userId,
				after: grant
			});
		return row ?? null;
	});
}

/** An administrator cannot withdraw their own administrator role: someone must stay in charge. */
export async function withdrawRole(ctx: Ctx, grantId: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	await ctx.db.transaction(async (tx) => {
		const [grant] = await tx.select().from(roleGrant).where(eq(roleGrant.id, grantId));
		if (!grant) throw new NotFoundError();
		if (grant.userId === ctx.actor!.userId && grant.role === 'admin') {
			throw new ValidationError([{ path: 'role', message: m.error_last_admin({}, { locale: ctx.locale }) }]);
		}
		await tx.delete(roleGrant).where(eq(roleGrant.id, grantId));
		await recordAudit(tx, ctx.actor, {
			action: 'withdraw-role',
			entityType: 'user',
			entityId: grant.userId,
			before: grant
		});
	});
}
