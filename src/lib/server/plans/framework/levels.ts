/**
 * What the four levels of the framework share: where an item sits among its siblings (for its
 * number and its place in the order), how it is found, and who may write it.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { activity, clusterObjective, indicator, strategicObjective } from '../../db/schema';
import { authorize } from '../../access/policy';
import { assertOpen, clusterIdsOf, editsPlan, editsPlanCluster, findPlan, findPlanPart } from '../access';
import { NotFoundError } from '../../errors';
import type { Level } from './codes';
import { numbersGiven } from './numbers-given';
import {
	locateActivity,
	locateClusterObjective,
	locateIndicator,
	locateStrategicObjective,
	type Located
} from './locate';

type Ordered = PgTable & { id: PgColumn; number: PgColumn; position: PgColumn };

export const TABLES: Record<Level, Ordered> = {
	'strategic-objective': strategicObjective,
	'cluster-objective': clusterObjective,
	activity,
	indicator
};

type AnyRow = { id: string; number: number; position: number; titleFr: string } & Record<string, unknown>;

export async function locate(db: Executor, level: Level, id: string): Promise<Located<AnyRow>> {
	switch (level) {
		case 'strategic-objective':
			return locateStrategicObjective(db, id);
		case 'cluster-objective':
			return locateClusterObjective(db, id);
		case 'activity':
			return locateActivity(db, id);
		case 'indicator':
			return locateIndicator(db, id);
	}
}

/** The items an item is numbered and ordered among. */
export function siblingsOf(level: Level, row: Record<string, unknown>): SQL {
	switch (level) {
		case 'strategic-objective':
			return eq(strategicObjective.planId, row.planId as string);
		case 'cluster-objective':
			return and(
				eq(clusterObjective.planClusterId, row.planClusterId as string),
				eq(clusterObjective.strategicObjectiveId, row.strategicObjectiveId as string)
			)!;
		case 'activity':
			return eq(activity.clusterObjectiveId, row.clusterObjectiveId as string);
		case 'indicator':
			return eq(indicator.activityId, row.activityId as string);
	}
}

/**
 * The number and position a new item takes among its siblings: after the last of each, and past
 * any number its parent ever gave (see numbers-given.ts).
 */
export async function nextSlot(
	tx: Executor,
	level: Level,
	scope: SQL,
	parent: { planId: string; clusterId: string | null; code: string }
) {
	const table = TABLES[level];
	const [row] = await tx
		.select({
			number: sql<number>`coalesce(max(${table.number}), 0)::int`,
			position: sql<number>`coalesce(max(${table.position}), 0)::int`
		})
		.from(table)
		.where(scope);
	const given = (await numbersGiven(tx, parent.planId, parent.clusterId)).get(parent.code) ?? 0;
	return { number: Math.max(row!.number, given) + 1, position: row!.position + 1 };
}

/**
 * Refuses unless the user may write this item: a strategic objective is the plan's, the rest the
 * cluster's. A visitor learns nothing of a draft plan's items.
 */
export async function authorizeItem(ctx: Ctx, item: Pick<Located<unknown>, 'planId' | 'clusterId'>) {
	const p = await findPlan(ctx, item.planId);
	const allowed = item.clusterId
		? editsPlanCluster(ctx.actor, item.clusterId)
		: editsPlan(ctx.actor, await clusterIdsOf(ctx.db, p.id));
	authorize(ctx.actor, allowed);
	assertOpen(p, ctx.locale);
	return p;
}

/** An item reached through a plan part's page must be of that part (or, for a strategic objective, of that plan). */
export async function assertInPart(ctx: Ctx, level: Level, id: string, planId: string, clusterCode: string) {
	const found = await locate(ctx.db, level, id);
	const part = await findPlanPart(ctx, planId, clusterCode);
	const inPart = found.clusterId === null || found.clusterId === part.cluster.id;
	if (found.planId !== part.plan.id || !inPart) throw new NotFoundError();
}
