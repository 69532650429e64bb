/**
 * The population groups a cluster counts needs by (displaced, returnees, host communities…), in the
 * order of the grid. They belong to the cluster, so every plan it takes part in uses the same list.
 * A cluster that has none reads the defaults (defaults.ts) without anything being stored — a read
 * never writes — and its first write (a save, an import, a change of the list) stores them.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { populationGroup } from '../../db/schema';
import { authorize } from '../../access/policy';
import type { AuditActor } from '../../audit/record-audit';
import { recordAudit } from '../../audit/record-audit';
import { isUniqueViolation } from '../../db/constraint-violation';
import { ConflictError, NotFoundError } from '../../errors';
import type { Locale } from '../../i18n';
import { parseInput } from '../../validation';
import { editsPlanCluster, findPlanPart, type PlanPart } from '../access';
import { DEFAULT_POPULATION_GROUPS } from '../defaults';
import { moveGroupInput, populationGroupInput, renameGroupInput } from './schema';
import { m } from '$lib/paraglide/messages';

export interface PopulationGroup {
	/** Null for a default not stored yet. */
	id: string | null;
	code: string;
	nameFr: string;
	nameEn: string;
	position: number;
}
export type StoredGroup = PopulationGroup & { id: string };

export function groupName(group: Pick<PopulationGroup, 'nameFr' | 'nameEn'>, locale: Locale): string {
	return locale === 'en' ? group.nameEn : group.nameFr;
}

async function storedGroups(db: Executor, clusterId: string): Promise<StoredGroup[]> {
	return db
		.select({
			id: populationGroup.id,
			code: populationGroup.code,
			nameFr: populationGroup.nameFr,
			nameEn: populationGroup.nameEn,
			position: populationGroup.position
		})
		.from(populationGroup)
		.where(eq(populationGroup.clusterId, clusterId))
		.orderBy(asc(populationGroup.position), asc(populationGroup.code));
}

/** The cluster's groups in order; the defaults, not stored, when it has none yet. */
export async function groupsOfCluster(db: Executor, clusterId: string): Promise<PopulationGroup[]> {
	const stored = await storedGroups(db, clusterId);
	if (stored.length) return stored;
	return DEFAULT_POPULATION_GROUPS.map((g, i) => ({ ...g, id: null, position: i + 1 }));
}

/** Inside a write's transaction: the cluster's groups, the defaults stored first if it had none. */
export async function ensureGroups(
	tx: Executor,
	actor: AuditActor,
	clusterId: string
): Promise<StoredGroup[]> {
	const stored = await storedGroups(tx, clusterId);
	if (stored.length) return stored;
	const rows = DEFAULT_POPULATION_GROUPS.map((g, i) => ({ ...g, clusterId, position: i + 1 }));
	// Two first writes at once: the second finds the first one's rows.
	await tx.insert(populationGroup).values(rows).onConflictDoNothing();
	await recordAudit(tx, actor, {
		action: 'create',
		entityType: 'population_group',
		entityId: null,
		after: { clusterId, defaults: rows.map((r) => r.code) }
	});
	return storedGroups(tx, clusterId);
}

/** Signed-in users read every plan's groups; visitors those of published plans. */
export async function listPopulationGroups(ctx: Ctx, planId: string, clusterCode: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	return {
		part,
		groups: await groupsOfCluster(ctx.db, part.cluster.id),
		editable: editsPlanCluster(ctx.actor, part.cluster.id)
	};
}

/** The groups belong to the cluster, not the plan: a closed plan does not stop their upkeep. */
async function partForGroups(ctx: Ctx, planId: string, clusterCode: string): Promise<PlanPart> {
	const part = await findPlanPart(ctx, planId, clusterCode);
	authorize(ctx.actor, editsPlanCluster(ctx.actor, part.cluster.id));
	return part;
}

export async function addPopulationGroup(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await partForGroups(ctx, planId, clusterCode);
	const values = parseInput(populationGroupInput, input, ctx.locale);
	const clusterId = part.cluster.id;
	const added = ctx.db.transaction(async (tx) => {
		await ensureGroups(tx, ctx.actor, clusterId);
		const [last] = await tx
			.select({ position: max(populationGroup.position) })
			.from(populationGroup)
			.where(eq(populationGroup.clusterId, clusterId));
		const [row] = await tx
			.insert(populationGroup)
			.values({
				clusterId,
				code: values.code,
				nameFr: values.nameFr,
				nameEn: values.nameEn ?? values.nameFr,
				position: (last?.position ?? 0) + 1
			})
			.returning();
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'population_group',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
	return added.catch((error: unknown) => {
		throw isUniqueViolation(error) ? codeTaken(values.code, ctx.locale) : error;
	});
}

/** Names change; the code stays, since files and revisions name the group by it. */
export async function renamePopulationGroup(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	groupCode: string,
	input: unknown
) {
	const part = await partForGroups(ctx, planId, clusterCode);
	const values = parseInput(renameGroupInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const before = findGroup(await ensureGroups(tx, ctx.actor, part.cluster.id), groupCode);
		const after = { nameFr: values.nameFr, nameEn: values.nameEn ?? values.nameFr };
		await tx.update(populationGroup).set(after).where(eq(populationGroup.id, before.id));
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'population_group',
			entityId: before.id,
			before: { nameFr: before.nameFr, nameEn: before.nameEn },
			after
		});
		return { ...before, ...after };
	});
}

/** Swaps a group with the one above or below it in the grid. */
export async function movePopulationGroup(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	groupCode: string,
	input: unknown
) {
	const part = await partForGroups(ctx, planId, clusterCode);
	const { direction } = parseInput(moveGroupInput, input, ctx.locale);
	await ctx.db.transaction(async (tx) => {
		const groups = await ensureGroups(tx, ctx.actor, part.cluster.id);
		const group = findGroup(groups, groupCode);
		const at = groups.indexOf(group);
		const other = groups[direction === 'up' ? at - 1 : at + 1];
		if (!other) return;
		// Positions are renumbered 1..n, so that equal positions left by concurrent adds cannot stall a move.
		const order = groups.map((g) => g.id);
		[order[at], order[groups.indexOf(other)]] = [other.id, group.id];
		for (const [i, id] of order.entries())
			await tx
				.update(populationGroup)
				.set({ position: i + 1 })
				.where(and(eq(populationGroup.id, id), eq(populationGroup.clusterId, part.cluster.id)));
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'population_group',
			entityId: group.id,
			before: { order: groups.map((g) => g.code) },
			after: { order: order.map((id) => groups.find((g) => g.id === id)!.code) }
		});
	});
}

function findGroup(groups: StoredGroup[], code: string): StoredGroup {
	const group = groups.find((g) => g.code === code.trim().toLowerCase());
	if (!group) throw new NotFoundError();
	return group;
}

function codeTaken(code: string, locale: Locale) {
	return new ConflictError([{ path: 'code', message: m.needs_error_group_code_taken({ code }, { locale }) }]);
}
