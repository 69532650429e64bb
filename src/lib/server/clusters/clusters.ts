import { asc, count, eq, getTableColumns } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { cluster, membership, organisation, roleGrant } from '../db/schema';
import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-violation';
import { matchesText } from '../db/search';
import { authorize, isAdmin, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isId, listQuery } from '../directory/schema';
import { clusterInput } from './schema';
import { m } from '$lib/paraglide/messages';
import { parseInput } from '../validation';
import type { z } from 'zod';

export type Cluster = typeof cluster.$inferSelect;
const lead = alias(organisation, 'lead');
const coLead = alias(organisation, 'co_lead');

const withLeads = {
	...getTableColumns(cluster),
	leadName: lead.name,
	leadAcronym: lead.acronym,
	coLeadName: coLead.name,
	coLeadAcronym: coLead.acronym
};

/** Clusters are public knowledge: visitors see the list too. */
export async function listClusters(ctx: Ctx, query: z.input<typeof listQuery> = {}) {
	const { q, limit, offset } = parseInput(listQuery, query, ctx.locale);
	const where = matchesText(q, cluster.code, cluster.nameFr, cluster.nameEn);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select(withLeads)
			.from(cluster)
			.leftJoin(lead, eq(lead.id, cluster.leadOrganisationId))
			.leftJoin(coLead, eq(coLead.id, cluster.coLeadOrganisationId))
			.where(where)
			.orderBy(asc(cluster.code))
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(cluster).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

export async function getCluster(ctx: Ctx, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select(withLeads)
		.from(cluster)
		.leftJoin(lead, eq(lead.id, cluster.leadOrganisationId))
		.leftJoin(coLead, eq(coLead.id, cluster.coLeadOrganisationId))
		.where(eq(cluster.id, id));
	if (!row) throw new NotFoundError();
	return row;
}

/** The cluster as its edit form needs it: for administrators and the cluster's coordinators and IMs. */
export async function getClusterForEdit(ctx: Ctx, id: string) {
	const row = await getCluster(ctx, id);
	authorize(ctx.actor, managesCluster(ctx.actor, id));
	return row;
}

/** The cluster as the delete confirmation shows it: for administrators only. */
export async function getClusterForDelete(ctx: Ctx, id: string) {
	const row = await getCluster(ctx, id);
	authorize(ctx.actor, isAdmin(ctx.actor));
	return row;
}

export async function createCluster(ctx: Ctx, input: unknown): Promise<Cluster> {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const values = parseInput(clusterInput, input, ctx.locale);
	const created = ctx.db.transaction(async (tx) => {
		await assertCodeFree(ctx, tx, values.code);
		await assertOrganisationsExist(ctx, tx, values);
		const [row] = await tx.insert(cluster).values(values).returning();
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'cluster',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
	return created.catch((error) => rethrowCodeTaken(ctx, error, values.code));
}

export async function updateCluster(ctx: Ctx, id: string, input: unknown): Promise<Cluster> {
	const before = await getClusterForEdit(ctx, id);
	const values = parseInput(clusterInput.partial(), input, ctx.locale);
	const updated = ctx.db.transaction(async (tx) => {
		if (values.code && values.code !== before.code) await assertCodeFree(ctx, tx, values.code);
		await assertOrganisationsExist(ctx, tx, values);
		const [row] = await tx
			.update(cluster)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(cluster.id, id))
			.returning();
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'cluster',
			entityId: id,
			before,
			after: row
		});
		return row!;
	});
	return updated.catch((error) => rethrowCodeTaken(ctx, error, values.code ?? before.code));
}

export async function deleteCluster(ctx: Ctx, id: string): Promise<void> {
	const before = await getClusterForDelete(ctx, id);
	await ctx.db
		.transaction(async (tx) => {
			// What goes with the cluster, listed in its audit event.
			const roleGrants = await tx
				.select({ userId: roleGrant.userId, role: roleGrant.role })
				.from(roleGrant)
				.where(eq(roleGrant.clusterId, id));
			const memberships = await tx
				.select({ organisationId: membership.organisationId, stage: membership.stage })
				.from(membership)
				.where(eq(membership.clusterId, id));
			await tx.delete(cluster).where(eq(cluster.id, id));
			await recordAudit(tx, ctx.actor, {
				action: 'delete',
				entityType: 'cluster',
				entityId: id,
				before: { ...before, roleGrants, memberships }
			});
		})
		.catch((error: unknown) => {
			// Plans, projects, meetings or events of the cluster: its history stays, and so does it.
			if (!isForeignKeyViolation(error)) throw error;
			throw new ConflictError([
				{ path: 'cluster', message: m.error_cluster_in_use({ code: before.code }, { locale: ctx.locale }) }
			]);
		});
}

type Tx = Pick<Ctx['db'], 'select'>;

async function assertCodeFree(ctx: Ctx, tx: Tx, code: string) {
	const [taken] = await tx.select({ id: cluster.id }).from(cluster).where(eq(cluster.code, code));
	if (taken) throw codeTaken(ctx, code);
}

/** The check above cannot see a code that another request is saving at the same moment. */
function rethrowCodeTaken(ctx: Ctx, error: unknown, code: string): never {
	throw isUniqueViolation(error) ? codeTaken(ctx, code) : error;
}

function codeTaken(ctx: Ctx, code: string) {
	return new ConflictError([
		{ path: 'code', message: m.error_cluster_code_taken({ code }, { locale: ctx.locale }) }
	]);
}

async function assertOrganisationsExist(
	ctx: Ctx,
	tx: Tx,
	values: { leadOrganisationId?: string | null; coLeadOrganisationId?: string | null }
) {
	for (const path of ['leadOrganisationId', 'coLeadOrganisationId'] as const) {
		const id = values[path];
		if (!id) continue;
		const [row] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id));
		if (!row)
			throw new ValidationError([
				{ path, message: m.error_unknown_organisation({}, { locale: ctx.locale }) }
			]);
	}
}

/** The cluster of that code, whatever its case and surrounding spaces (404 when there is none). */
export async function clusterByCode(db: Executor, code: string) {
	const [found] = await db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(cluster)
		.where(eq(cluster.code, code.trim().toUpperCase()));
	if (!found) throw new NotFoundError();
	return found;
}
