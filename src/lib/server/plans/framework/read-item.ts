/**
 * One framework item read on its own (the API's `/activities/{id}`…): its row and code, its plan's
 * revision, its cluster, and what else it serves. Whoever may read the plan may read its items, so
 * a visitor learns nothing of a draft plan's.
 */
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { activityObjective, cluster, clusterObjectiveLink, strategicObjective } from '../../db/schema';
import { findPlan } from '../access';
import { strategicCode } from './codes';
import { locateActivity, locateClusterObjective, locateStrategicObjective, type Located } from './locate';
import { getIndicatorTargets } from './targets';

export interface ClusterCode {
	id: string;
	code: string;
}

async function placeOf(ctx: Ctx, found: Located<unknown>) {
	const p = await findPlan(ctx, found.planId);
	let clusterRef: ClusterCode | null = null;
	if (found.clusterId) {
		const [row] = await ctx.db
			.select({ id: cluster.id, code: cluster.code })
			.from(cluster)
			.where(eq(cluster.id, found.clusterId));
		clusterRef = row ?? null;
	}
	return { planId: p.id, revision: p.revision, cluster: clusterRef };
}

export async function getStrategicObjective(ctx: Ctx, id: string) {
	const found = await locateStrategicObjective(ctx.db, id);
	const { planId, revision } = await placeOf(ctx, found);
	return { ...found.row, code: found.code, planId, revision };
}

export async function getClusterObjective(ctx: Ctx, id: string) {
	const found = await locateClusterObjective(ctx.db, id);
	const place = await placeOf(ctx, found);
	const links = await ctx.db
		.select({ id: strategicObjective.id, number: strategicObjective.number })
		.from(clusterObjectiveLink)
		.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjectiveLink.strategicObjectiveId))
		.where(eq(clusterObjectiveLink.clusterObjectiveId, found.row.id))
		.orderBy(asc(strategicObjective.number));
	return {
		...found.row,
		...place,
		cluster: place.cluster!,
		code: found.code,
		alsoServes: links.map((l) => ({ id: l.id, code: strategicCode(l.number) }))
	};
}

export async function getActivity(ctx: Ctx, id: string) {
	const found = await locateActivity(ctx.db, id);
	const place = await placeOf(ctx, found);
	const links = await ctx.db
		.select({ id: activityObjective.clusterObjectiveId })
		.from(activityObjective)
		.where(eq(activityObjective.activityId, found.row.id));
	const also = await Promise.all(
		links.map(async (l) => ({ id: l.id, code: (await locateClusterObjective(ctx.db, l.id)).code }))
	);
	return {
		...found.row,
		...place,
		cluster: place.cluster!,
		code: found.code,
		alsoServes: also.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
	};
}

/** The indicator with its targets per place and their roll-up by its place rule. */
export async function getIndicator(ctx: Ctx, id: string) {
	const { indicator: found, plan, targets, rollUp } = await getIndicatorTargets(ctx, id);
	const place = await placeOf(ctx, found);
	return {
		...found.row,
		...place,
		cluster: place.cluster!,
		revision: plan.revision,
		code: found.code,
		targets: targets.map((t) => ({ pcode: t.pcode, name: t.name, value: Number(t.value) })),
		rollUp
	};
}
