/**
 * Plans: created by a coordinator for their clusters, then draft → published → closed. Writes go
 * through writePlan so that every change is a revision of the plan.
 */
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import { cluster, location, plan, planCluster, type PlanStatus } from '../db/schema';
import { authorize, isAdmin, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { DEFAULT_SEX_AGE_GROUPS } from './defaults';
import { ensureGroups } from './needs/population-groups';
import { isId } from '../directory/schema';
import { clusterIdsOf, createsPlans, editsPlan, findPlan, findPlanForWrite, type Plan } from './access';
import { writePlan, type ChangeLog } from './changes';
import { newPlanInput, planInput, planListQuery, planStatusInput, revisionField } from './schema';
import type { z } from 'zod';

/** The plan's own fields, as its form and the API's PATCH give them. */
export const PLAN_FIELDS = [
	'countryId',
	'year',
	'kind',
	'titleFr',
	'titleEn',
	'startsOn',
	'endsOn',
	'peopleInNeed',
	'peopleTargeted',
	'requirementsUsd',
	'figuresSource'
] as const;

export async function listPlans(ctx: Ctx, query: z.input<typeof planListQuery> = {}) {
	const { year, status, limit, offset } = parseInput(planListQuery, query, ctx.locale);
	const filters: (SQL | undefined)[] = [
		year ? eq(plan.year, year) : undefined,
		status ? eq(plan.status, status) : undefined,
		ctx.actor ? undefined : inArray(plan.status, ['published', 'closed'])
	];
	const where = and(...filters);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({
				id: plan.id,
				year: plan.year,
				kind: plan.kind,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				status: plan.status,
				startsOn: plan.startsOn,
				endsOn: plan.endsOn,
				countryName: location.name
			})
			.from(plan)
			.innerJoin(location, eq(location.id, plan.countryId))
			.where(where)
			.orderBy(desc(plan.year), asc(plan.titleFr))
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(plan).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** The plan with its country and clusters, and what the user may do with it. */
export async function getPlan(ctx: Ctx, id: string) {
	const p = await findPlan(ctx, id);
	const [country] = await ctx.db
		.select({ pcode: location.pcode, name: location.name })
		.from(location)
		.where(eq(location.id, p.countryId));
	const clusters = await ctx.db
		.select({
			id: cluster.id,
			code: cluster.code,
			nameFr: cluster.nameFr,
			nameEn: cluster.nameEn,
			requirementsUsd: planCluster.requirementsUsd
		})
		.from(planCluster)
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(eq(planCluster.planId, p.id))
		.orderBy(asc(cluster.code));
	const clusterIds = clusters.map((c) => c.id);
	return {
		...p,
		country: country!,
		clusters: clusters.map((c) => ({
			...c,
			canEdit: managesCluster(ctx.actor, c.id) && p.status !== 'closed'
		})),
		canEdit: editsPlan(ctx.actor, clusterIds) && p.status !== 'closed',
		canChangeStatus: editsPlan(ctx.actor, clusterIds) && (p.status !== 'closed' || isAdmin(ctx.actor))
	};
}

export type PlanDetail = Awaited<ReturnType<typeof getPlan>>;

/** Countries (places of level 0) a plan can be for. */
export async function countryOptions(ctx: Ctx) {
	return ctx.db
		.select({ id: location.id, pcode: location.pcode, name: location.name })
		.from(location)
		.where(eq(location.level, 0))
		.orderBy(asc(location.name));
}

export async function createPlan(ctx: Ctx, input: unknown): Promise<Plan> {
	authorize(ctx.actor, createsPlans(ctx.actor));
	const values = parseInput(newPlanInput, input, ctx.locale);
	for (const id of values.clusterIds) authorize(ctx.actor, managesCluster(ctx.actor, id));
	await assertCountry(ctx, values.countryId);
	const { clusterIds, ...fields } = values;
	const actor = ctx.actor;
	const created = await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(plan)
			.values({ ...fields, sexAgeGroups: DEFAULT_SEX_AGE_GROUPS })
			.returning();
		await recordAudit(tx, actor, { action: 'create', entityType: 'plan', entityId: row!.id, after: row });
		for (const clusterId of new Set(clusterIds)) {
			const [part] = await tx.insert(planCluster).values({ planId: row!.id, clusterId }).returning();
			await recordAudit(tx, actor, {
				action: 'create',
				entityType: 'plan-cluster',
				entityId: part!.id,
				after: part
			});
			await ensureGroups(tx, actor, clusterId);
		}
		return row!;
	});
	return findPlan(ctx, created.id);
}

export async function updatePlan(ctx: Ctx, id: string, input: unknown) {
	const before = await findPlanForWrite(ctx, id);
	const values = parseInput(planInput, input, ctx.locale);
	const revision = parseInput(
		revisionField.optional(),
		(input as { revision?: unknown })?.revision,
		ctx.locale
	);
	await assertCountry(ctx, values.countryId);
	return writePlan(
		ctx,
		before.id,
		revision === undefined ? null : { revision, entityIds: [before.id] },
		async (tx, log, locked) => {
			const [after] = await tx
				.update(plan)
				.set({ ...values, updatedAt: new Date() })
				.where(eq(plan.id, locked.id))
				.returning();
			logPlan(log, locked, after!);
			return after!;
		}
	);
}

function logPlan(log: ChangeLog, before: Plan, after: Plan) {
	const item = { entityType: 'plan', entityId: before.id, label: after.titleFr, clusterId: null };
	log.updated(item, pick(before, PLAN_FIELDS), pick(after, PLAN_FIELDS));
}

function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]) {
	return Object.fromEntries(keys.map((k) => [k, row[k]])) as Record<string, unknown>;
}

const NEXT: Record<PlanStatus, PlanStatus[]> = {
	draft: ['published'],
	published: ['closed'],
	closed: ['published']
};

/** Publishes, closes, or (an administrator) reopens a closed plan. */
export async function setPlanStatus(ctx: Ctx, id: string, input: unknown) {
	const p = await findPlan(ctx, id);
	const { status } = parseInput(planStatusInput, input, ctx.locale);
	authorize(ctx.actor, editsPlan(ctx.actor, await clusterIdsOf(ctx.db, p.id)));
	if (p.status === 'closed') authorize(ctx.actor, isAdmin(ctx.actor));
	return writePlan(ctx, p.id, null, async (tx, log, locked) => {
		if (!NEXT[locked.status].includes(status)) throw badMove(ctx.locale, locked.status, status);
		const publishing = status === 'published' && locked.publishedAt === null;
		const [after] = await tx
			.update(plan)
			.set({
				status,
				...(publishing ? { publishedAt: new Date(), publishedRevision: locked.revision + 1 } : {})
			})
			.where(eq(plan.id, locked.id))
			.returning();
		log.updated(
			{ entityType: 'plan', entityId: locked.id, label: locked.titleFr, clusterId: null },
			{ status: locked.status },
			{ status }
		);
		return after!;
	});
}

function badMove(locale: Locale, from: PlanStatus, to: PlanStatus) {
	return new ConflictError([
		{ path: 'status', message: m.plans_error_status_move({ from, to }, { locale }) }
	]);
}

/**
 * Adds a cluster to the plan: done by those who already edit the plan, for a cluster they coordinate
 * (so that nobody joins another's plan to take it over). The cluster's population groups are stored
 * on its first plan.
 */
export async function addClusterToPlan(ctx: Ctx, planId: string, clusterId: string) {
	const p = await findPlanForWrite(ctx, planId);
	authorize(ctx.actor, managesCluster(ctx.actor, clusterId));
	const [c] = isId(clusterId) ? await ctx.db.select().from(cluster).where(eq(cluster.id, clusterId)) : [];
	if (!c)
		throw new ValidationError([
			{ path: 'clusterId', message: m.plans_error_cluster({}, { locale: ctx.locale }) }
		]);
	const actor = ctx.actor;
	return writePlan(ctx, p.id, null, async (tx, log) => {
		const [row] = await tx
			.insert(planCluster)
			.values({ planId: p.id, clusterId: c.id })
			.onConflictDoNothing()
			.returning();
		if (!row) return null;
		await ensureGroups(tx, actor, c.id);
		log.created(
			{ entityType: 'plan-cluster', entityId: row.id, label: c.code, clusterId: c.id },
			{ clusterId: c.id }
		);
		return row;
	});
}

async function assertCountry(ctx: Ctx, countryId: string) {
	const [row] = await ctx.db
		.select({ level: location.level })
		.from(location)
		.where(and(eq(location.id, countryId), eq(location.level, 0)));
	if (!row)
		throw new ValidationError([
			{ path: 'countryId', message: m.plans_error_country({}, { locale: ctx.locale }) }
		]);
}
