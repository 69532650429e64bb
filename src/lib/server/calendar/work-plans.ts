/**
 * A cluster's quarterly work plans ("plan trimestriel"): per quarter, the activities in order with
 * who leads them (a text such as "Coordinateur CRP", an organisation of the directory, or both),
 * from when to when, and how far they are. Every signed-in user reads them; the cluster's
 * coordinators and information managers write them, each write audited.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { cluster, organisation, workPlan, workPlanActivity } from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors';
import { isId } from '../directory/schema';
import { isUniqueViolation } from '../db/constraint-violation';
import { matchesText } from '../db/search';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { clusterForCalendarWrite } from './events';
import {
	activityInput,
	activityPosition,
	workPlanInput,
	workPlanListQuery,
	type ActivityInput
} from './schema';
import { m } from '$lib/paraglide/messages';

export type WorkPlanActivity = typeof workPlanActivity.$inferSelect;

/** The first and last day of a quarter. */
export function quarterDays(year: number, quarter: number): { from: string; to: string } {
	const first = (quarter - 1) * 3 + 1;
	const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
	const pad = (n: number) => String(n).padStart(2, '0');
	return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(last)}` };
}

/** "T4 2016" in French, "Q4 2016" in English. */
export function quarterLabel(plan: { year: number; quarter: number }, locale: Locale): string {
	return m.events_quarter_label({ quarter: plan.quarter, year: plan.year }, { locale });
}

function outsideQuarter(plan: { year: number; quarter: number }, a: { startsOn: string; endsOn: string }) {
	const { from, to } = quarterDays(plan.year, plan.quarter);
	return a.startsOn < from || a.endsOn > to;
}

/** Work plans, newest quarter first, of one cluster or all; for any signed-in user. */
export async function listWorkPlans(ctx: Ctx, query: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(workPlanListQuery, query, ctx.locale);
	const where = and(
		q.cluster ? eq(cluster.code, q.cluster.toUpperCase()) : undefined,
		q.year ? eq(workPlan.year, q.year) : undefined
	);
	const activities = ctx.db
		.select({ workPlanId: workPlanActivity.workPlanId, n: count().as('n') })
		.from(workPlanActivity)
		.groupBy(workPlanActivity.workPlanId)
		.as('activities');
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({
				id: workPlan.id,
				clusterId: workPlan.clusterId,
				clusterCode: cluster.code,
				year: workPlan.year,
				quarter: workPlan.quarter,
				activities: sql<number>`coalesce(${activities.n}, 0)`.mapWith(Number),
				updatedAt: workPlan.updatedAt
			})
			.from(workPlan)
			.innerJoin(cluster, eq(cluster.id, workPlan.clusterId))
			.leftJoin(activities, eq(activities.workPlanId, workPlan.id))
			.where(where)
			.orderBy(desc(workPlan.year), desc(workPlan.quarter), asc(cluster.code))
			.limit(q.limit)
			.offset(q.offset),
		ctx.db
			.select({ n: count() })
			.from(workPlan)
			.innerJoin(cluster, eq(cluster.id, workPlan.clusterId))
			.where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** Starts the plan of a quarter; refused, naming it, when the cluster already has one. */
export async function createWorkPlan(ctx: Ctx, clusterCode: string, input: unknown) {
	const c = await clusterForCalendarWrite(ctx, clusterCode);
	const values = parseInput(workPlanInput, input, ctx.locale);
	const actor = ctx.actor;
	const exists = () =>
		new ConflictError([
			{
				path: 'quarter',
				message: m.events_error_plan_exists(
					{ quarter: quarterLabel(values, ctx.locale), cluster: c.code },
					{ locale: ctx.locale }
				)
			}
		]);
	try {
		return await ctx.db.transaction(async (tx) => {
			const [taken] = await tx
				.select({ id: workPlan.id })
				.from(workPlan)
				.where(
					and(
						eq(workPlan.clusterId, c.id),
						eq(workPlan.year, values.year),
						eq(workPlan.quarter, values.quarter)
					)
				);
			if (taken) throw exists();
			const [row] = await tx
				.insert(workPlan)
				.values({ clusterId: c.id, ...values })
				.returning();
			await recordAudit(tx, actor, {
				action: 'create',
				entityType: 'work-plan',
				entityId: row!.id,
				after: row
			});
			return row!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw exists();
		throw e;
	}
}

/** A quarter's plan with its activities in order, each flagged when it runs outside the quarter. */
export async function getWorkPlan(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [plan] = await ctx.db
		.select({
			id: workPlan.id,
			clusterId: workPlan.clusterId,
			clusterCode: cluster.code,
			clusterNameFr: cluster.nameFr,
			clusterNameEn: cluster.nameEn,
			year: workPlan.year,
			quarter: workPlan.quarter,
			createdAt: workPlan.createdAt,
			updatedAt: workPlan.updatedAt
		})
		.from(workPlan)
		.innerJoin(cluster, eq(cluster.id, workPlan.clusterId))
		.where(eq(workPlan.id, id));
	if (!plan) throw new NotFoundError();
	const rows = await ctx.db
		.select({
			activity: workPlanActivity,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(workPlanActivity)
		.leftJoin(organisation, eq(organisation.id, workPlanActivity.responsibleOrganisationId))
		.where(eq(workPlanActivity.workPlanId, id))
		.orderBy(asc(workPlanActivity.position), asc(workPlanActivity.createdAt));
	return {
		...plan,
		...quarterDays(plan.year, plan.quarter),
		activities: rows.map((r) => ({
			...r.activity,
			organisationName: r.organisationName,
			organisationAcronym: r.organisationAcronym,
			outsideQuarter: outsideQuarter(plan, r.activity)
		})),
		canEdit: managesCluster(ctx.actor, plan.clusterId)
	};
}

/** The plan, locked for this transaction, if the user writes its cluster's calendar. */
async function planForWrite(ctx: Ctx, tx: Executor, planId: string) {
	if (!isId(planId)) throw new NotFoundError();
	const [plan] = await tx.select().from(workPlan).where(eq(workPlan.id, planId)).for('update');
	if (!plan) throw new NotFoundError();
	authorize(ctx.actor, managesCluster(ctx.actor, plan.clusterId));
	return plan;
}

/** The activity and its plan (locked), if the user writes that plan. */
async function activityForWrite(ctx: Ctx, tx: Executor, activityId: string) {
	if (!isId(activityId)) throw new NotFoundError();
	const [found] = await tx
		.select({ planId: workPlanActivity.workPlanId })
		.from(workPlanActivity)
		.where(eq(workPlanActivity.id, activityId));
	if (!found) throw new NotFoundError();
	const plan = await planForWrite(ctx, tx, found.planId);
	const [activity] = await tx.select().from(workPlanActivity).where(eq(workPlanActivity.id, activityId));
	if (!activity) throw new NotFoundError();
	return { plan, activity };
}

async function checkOrganisation(ctx: Ctx, tx: Executor, values: ActivityInput) {
	if (!values.responsibleOrganisationId) return;
	const [found] = await tx
		.select({ id: organisation.id })
		.from(organisation)
		.where(eq(organisation.id, values.responsibleOrganisationId));
	if (!found)
		throw new ValidationError([
			{
				path: 'responsibleOrganisationId',
				message: m.events_error_unknown_organisation({}, { locale: ctx.locale })
			}
		]);
}

/** What the coordinator should know but may keep: dates that run outside the quarter. */
function warningsFor(ctx: Ctx, plan: { year: number; quarter: number }, a: ActivityInput): FieldError[] {
	if (!outsideQuarter(plan, a)) return [];
	const { from, to } = quarterDays(plan.year, plan.quarter);
	return [
		{
			path: a.startsOn < from ? 'startsOn' : 'endsOn',
			message: m.events_warning_outside_quarter(
				{ quarter: quarterLabel(plan, ctx.locale), from, to },
				{ locale: ctx.locale }
			)
		}
	];
}

const touch = (tx: Executor, planId: string) =>
	tx.update(workPlan).set({ updatedAt: new Date() }).where(eq(workPlan.id, planId));

/** Adds an activity at the end of the plan; dates outside the quarter are kept, with a warning. */
export async function addActivity(ctx: Ctx, planId: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const plan = await planForWrite(ctx, tx, planId);
		const values = parseInput(activityInput, input, ctx.locale);
		await checkOrganisation(ctx, tx, values);
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${workPlanActivity.position}), 0)`.mapWith(Number) })
			.from(workPlanActivity)
			.where(eq(workPlanActivity.workPlanId, planId));
		const [row] = await tx
			.insert(workPlanActivity)
			.values({ ...values, workPlanId: planId, position: (last?.n ?? 0) + 1 })
			.returning();
		await touch(tx, planId);
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'work-plan-activity',
			entityId: row!.id,
			after: row
		});
		return { activity: row!, warnings: warningsFor(ctx, plan, values) };
	});
}

function activityFieldsOf(a: WorkPlanActivity) {
	const { activity, responsibleText, responsibleOrganisationId, startsOn, endsOn, status, notes } = a;
	return { activity, responsibleText, responsibleOrganisationId, startsOn, endsOn, status, notes };
}
export { activityFieldsOf };

export async function updateActivity(ctx: Ctx, activityId: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const { plan, activity: before } = await activityForWrite(ctx, tx, activityId);
		const values = parseInput(activityInput, input, ctx.locale);
		await checkOrganisation(ctx, tx, values);
		const [after] = await tx
			.update(workPlanActivity)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(workPlanActivity.id, activityId))
			.returning();
		await touch(tx, plan.id);
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'work-plan-activity',
			entityId: activityId,
			before: activityFieldsOf(before),
			after: activityFieldsOf(after!)
		});
		return { activity: after!, warnings: warningsFor(ctx, plan, values) };
	});
}

/** Moves an activity to a place in the plan's order (1 = first; past the end = last). */
export async function moveActivity(ctx: Ctx, activityId: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	const { position } = parseInput(activityPosition, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const { plan, activity } = await activityForWrite(ctx, tx, activityId);
		const order = await tx
			.select({ id: workPlanActivity.id, position: workPlanActivity.position })
			.from(workPlanActivity)
			.where(eq(workPlanActivity.workPlanId, plan.id))
			.orderBy(asc(workPlanActivity.position), asc(workPlanActivity.createdAt));
		const others = order.filter((a) => a.id !== activityId);
		const index = Math.min(position, order.length) - 1;
		others.splice(index, 0, { id: activityId, position: activity.position });
		let moved = 0;
		for (const [i, a] of others.entries()) {
			if (a.position === i + 1 && a.id !== activityId) continue;
			await tx
				.update(workPlanActivity)
				.set({ position: i + 1 })
				.where(eq(workPlanActivity.id, a.id));
			moved++;
		}
		await touch(tx, plan.id);
		await recordAudit(tx, actor, {
			action: 'move',
			entityType: 'work-plan-activity',
			entityId: activityId,
			before: { position: order.findIndex((a) => a.id === activityId) + 1 },
			after: { position: index + 1, renumbered: moved }
		});
		return { position: index + 1 };
	});
}

export async function deleteActivity(ctx: Ctx, activityId: string): Promise<{ workPlanId: string }> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const { plan, activity } = await activityForWrite(ctx, tx, activityId);
		await tx.delete(workPlanActivity).where(eq(workPlanActivity.id, activityId));
		await touch(tx, plan.id);
		await recordAudit(tx, actor, {
			action: 'delete',
			entityType: 'work-plan-activity',
			entityId: activityId,
			before: activity
		});
		return { workPlanId: plan.id };
	});
}

/** The plan an activity belongs to (for the API, which names activities alone). */
export async function planOfActivity(ctx: Ctx, activityId: string): Promise<string> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(activityId)) throw new NotFoundError();
	const [found] = await ctx.db
		.select({ planId: workPlanActivity.workPlanId })
		.from(workPlanActivity)
		.where(eq(workPlanActivity.id, activityId));
	if (!found) throw new NotFoundError();
	return found.planId;
}

/** Organisations of the directory whose name or acronym holds `q`: the responsible picker's search. */
export async function findResponsibleOrganisations(ctx: Ctx, q: string, limit = 10) {
	authorize(ctx.actor, ctx.actor !== null);
	const text = q.trim().slice(0, 100);
	if (!text) return [];
	return ctx.db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(matchesText(text, organisation.name, organisation.acronym))
		.orderBy(sql`concerto_fold(${organisation.name})`)
		.limit(limit);
}

/** One organisation's name and acronym, for showing what is chosen. */
export async function organisationSummary(ctx: Ctx, id: string | null | undefined) {
	if (!id || !isId(id)) return null;
	const [found] = await ctx.db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(eq(organisation.id, id));
	return found ?? null;
}
