/**
 * Finds a framework item by id with what a write needs: its plan and cluster (for the permission),
 * its code (for the versions) and its row.
 */
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { activity, clusterObjective, indicator, planCluster, strategicObjective } from '../../db/schema';
import { NotFoundError } from '../../errors';
import { isId } from '../../directory/schema';
import { activityCode, indicatorCode, objectiveCode, strategicCode, type Level } from './codes';

export interface Located<Row> {
	level: Level;
	row: Row;
	code: string;
	planId: string;
	/** Null for a strategic objective: it belongs to the whole plan. */
	clusterId: string | null;
	planClusterId: string | null;
}

const coSo = alias(strategicObjective, 'co_so');

export async function locateStrategicObjective(db: Executor, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await db.select().from(strategicObjective).where(eq(strategicObjective.id, id));
	if (!row) throw new NotFoundError();
	return {
		level: 'strategic-objective',
		row,
		code: strategicCode(row.number),
		planId: row.planId,
		clusterId: null,
		planClusterId: null
	} satisfies Located<typeof row>;
}

export async function locateClusterObjective(db: Executor, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [found] = await db
		.select({
			row: clusterObjective,
			so: coSo.number,
			planId: planCluster.planId,
			clusterId: planCluster.clusterId
		})
		.from(clusterObjective)
		.innerJoin(coSo, eq(coSo.id, clusterObjective.strategicObjectiveId))
		.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.where(eq(clusterObjective.id, id));
	if (!found) throw new NotFoundError();
	return {
		level: 'cluster-objective',
		row: found.row,
		code: objectiveCode(found.so, found.row.number),
		planId: found.planId,
		clusterId: found.clusterId,
		planClusterId: found.row.planClusterId
	} satisfies Located<typeof found.row>;
}

export async function locateActivity(db: Executor, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [found] = await db
		.select({
			activity,
			co: clusterObjective.number,
			so: coSo.number,
			planClusterId: planCluster.id,
			planId: planCluster.planId,
			clusterId: planCluster.clusterId
		})
		.from(activity)
		.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
		.innerJoin(coSo, eq(coSo.id, clusterObjective.strategicObjectiveId))
		.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.where(eq(activity.id, id));
	if (!found) throw new NotFoundError();
	return {
		level: 'activity',
		row: found.activity,
		code: activityCode(found.so, found.co, found.activity.number),
		planId: found.planId,
		clusterId: found.clusterId,
		planClusterId: found.planClusterId
	} satisfies Located<typeof found.activity>;
}

export async function locateIndicator(db: Executor, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [found] = await db
		.select({
			row: indicator,
			a: activity.number,
			co: clusterObjective.number,
			so: coSo.number,
			planClusterId: planCluster.id,
			planId: planCluster.planId,
			clusterId: planCluster.clusterId
		})
		.from(indicator)
		.innerJoin(activity, eq(activity.id, indicator.activityId))
		.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
		.innerJoin(coSo, eq(coSo.id, clusterObjective.strategicObjectiveId))
		.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.where(eq(indicator.id, id));
	if (!found) throw new NotFoundError();
	return {
		level: 'indicator',
		row: found.row,
		code: indicatorCode(found.so, found.co, found.a, found.row.number),
		planId: found.planId,
		clusterId: found.clusterId,
		planClusterId: found.planClusterId
	} satisfies Located<typeof found.row>;
}
