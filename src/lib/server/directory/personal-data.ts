/**
 * Everything Concerto holds about a person, as one JSON document they can be given on request: their
 * directory record, their organisation, their user account (without password hashes, session or API
 * token secrets), their roles, the memberships they are focal point of, and the audit history about
 * them and their account.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Ctx } from '../context';
import {
	apiToken,
	auditEvent,
	cluster,
	membership,
	organisation,
	person,
	roleGrant,
	session,
	user
} from '../db/schema';
import { authorize, readsDirectory } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import type { Download } from '../downloads';
import { isId } from './schema';
import { exportsPersonalData } from './records-policy';
import { m } from '$lib/paraglide/messages';

export async function personalData(ctx: Ctx, id: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	authorize(ctx.actor, exportsPersonalData(ctx.actor, id));
	const [row] = await ctx.db.select().from(person).where(eq(person.id, id));
	if (!row) throw new NotFoundError();

	const [org] = row.organisationId
		? await ctx.db
				.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
				.from(organisation)
				.where(eq(organisation.id, row.organisationId))
		: [];
	const account = row.userId ? await accountOf(ctx, row.userId) : null;
	const focalPointOf = await ctx.db
		.select({
			cluster: cluster.code,
			clusterNameFr: cluster.nameFr,
			clusterNameEn: cluster.nameEn,
			organisation: organisation.name,
			stage: membership.stage,
			since: membership.createdAt
		})
		.from(membership)
		.innerJoin(cluster, eq(cluster.id, membership.clusterId))
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.focalPointId, id))
		.orderBy(asc(cluster.code));
	const history = await ctx.db
		.select({
			at: auditEvent.at,
			by: auditEvent.actorLabel,
			action: auditEvent.action,
			entityType: auditEvent.entityType,
			entityId: auditEvent.entityId,
			before: auditEvent.before,
			after: auditEvent.after
		})
		.from(auditEvent)
		.where(
			or(
				and(eq(auditEvent.entityType, 'person'), eq(auditEvent.entityId, id)),
				row.userId ? and(eq(auditEvent.entityType, 'user'), eq(auditEvent.entityId, row.userId)) : undefined
			)
		)
		.orderBy(asc(auditEvent.at), asc(auditEvent.id));

	return {
		exportedAt: new Date(),
		person: row,
		organisation: org ?? null,
		account,
		focalPointOf,
		history
	};
}

/** The user account as its owner may see it: no password hash, no session or token secret. */
async function accountOf(ctx: Ctx, userId: string) {
	const [account] = await ctx.db
		.select({
			id: user.id,
			name: user.name,
			email: user.email,
			emailVerified: user.emailVerified,
			locale: user.locale,
			createdAt: user.createdAt,
			updatedAt: user.updatedAt
		})
		.from(user)
		.where(eq(user.id, userId));
	if (!account) return null;
	const [roles, sessions, tokens] = await Promise.all([
		ctx.db
			.select({
				role: roleGrant.role,
				cluster: cluster.code,
				organisation: organisation.name,
				since: roleGrant.createdAt
			})
			.from(roleGrant)
			.leftJoin(cluster, eq(cluster.id, roleGrant.clusterId))
			.leftJoin(organisation, eq(organisation.id, roleGrant.organisationId))
			.where(eq(roleGrant.userId, userId))
			.orderBy(asc(roleGrant.createdAt)),
		ctx.db
			.select({
				createdAt: session.createdAt,
				expiresAt: session.expiresAt,
				ipAddress: session.ipAddress,
				userAgent: session.userAgent
			})
			.from(session)
			.where(eq(session.userId, userId))
			.orderBy(asc(session.createdAt)),
		ctx.db
			.select({
				name: apiToken.name,
				prefix: apiToken.prefix,
				createdAt: apiToken.createdAt,
				lastUsedAt: apiToken.lastUsedAt,
				revokedAt: apiToken.revokedAt
			})
			.from(apiToken)
			.where(inArray(apiToken.userId, [userId]))
			.orderBy(asc(apiToken.createdAt))
	]);
	return { ...account, roles, sessions, apiTokens: tokens };
}

/**
 * The document as a file to download; the hand-over is itself recorded (who obtained whose data, and
 * when), since it is a disclosure of personal data.
 */
export async function personalDataDownload(ctx: Ctx, id: string): Promise<Download> {
	const data = await personalData(ctx, id);
	await recordAudit(ctx.db, ctx.actor, {
		action: 'export-personal-data',
		entityType: 'person',
		entityId: id
	});
	const date = data.exportedAt.toISOString().slice(0, 10);
	const slug =
		data.person.name
			.normalize('NFD')
			.replace(/[^\x20-\x7e]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || data.person.id;
	return {
		body: JSON.stringify(data, null, 2),
		contentType: 'application/json; charset=utf-8',
		filename: `${m.records_personal_data_filename({}, { locale: ctx.locale })}-${slug}-${date}.json`
	};
}
