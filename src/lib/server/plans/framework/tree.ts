/**
 * A cluster's framework in a plan, read as one tree in a handful of queries (one per level, one for
 * links, one for the targets' roll-ups), whatever its size.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator,
	indicatorTarget,
	strategicObjective
} from '../../db/schema';
import type { Ctx } from '../../context';
import { findPlanPart, editsPlan, editsPlanCluster, clusterIdsOf } from '../access';
import { activityCode, indicatorCode, objectiveCode, strategicCode } from './codes';
import { rollUp, type RollUp } from './rollup';

export type IndicatorRow = typeof indicator.$inferSelect;
export interface IndicatorNode extends IndicatorRow {
	code: string;
	rollUp: RollUp;
}
export interface ActivityNode {
	id: string;
	code: string;
	number: number;
	titleFr: string;
	titleEn: string | null;
	clusterObjectiveId: string;
	/** Further cluster objectives served, as codes. */
	alsoServes: { id: string; code: string }[];
	indicators: IndicatorNode[];
}
export interface ObjectiveNode {
	id: string;
	code: string;
	number: number;
	titleFr: string;
	titleEn: string | null;
	strategicObjectiveId: string;
	/** Every strategic objective served, the coding one first. */
	strategicObjectives: { id: string; code: string }[];
	activities: ActivityNode[];
}
export interface StrategicNode {
	id: string;
	code: string;
	number: number;
	titleFr: string;
	titleEn: string | null;
	objectives: ObjectiveNode[];
}

export async function getFramework(ctx: Ctx, planId: string, clusterCode: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const tree = await readTree(ctx.db, part.plan.id, part.planCluster.id);
	const open = part.plan.status !== 'closed';
	return {
		...part,
		tree,
		revision: part.plan.revision,
		canEdit: open && editsPlanCluster(ctx.actor, part.cluster.id),
		canEditStrategic: open && editsPlan(ctx.actor, await clusterIdsOf(ctx.db, part.plan.id))
	};
}

/** The plan's strategic objectives in order, with their codes. */
export async function strategicObjectivesOf(db: Executor, planId: string) {
	const rows = await db
		.select()
		.from(strategicObjective)
		.where(eq(strategicObjective.planId, planId))
		.orderBy(asc(strategicObjective.position));
	return rows.map((s) => ({ ...s, code: strategicCode(s.number) }));
}

async function readTree(db: Executor, planId: string, planClusterId: string): Promise<StrategicNode[]> {
	const sos = await strategicObjectivesOf(db, planId);
	const soCode = new Map(sos.map((s) => [s.id, s.number]));
	const cos = await db
		.select()
		.from(clusterObjective)
		.where(eq(clusterObjective.planClusterId, planClusterId))
		.orderBy(asc(clusterObjective.position));
	const coIds = cos.map((c) => c.id);
	const coNumbers = new Map(cos.map((c) => [c.id, [soCode.get(c.strategicObjectiveId)!, c.number] as const]));
	const coCode = (id: string) => objectiveCode(...coNumbers.get(id)!);
	const [coLinks, acts] = await Promise.all([
		coIds.length
			? db.select().from(clusterObjectiveLink).where(inArray(clusterObjectiveLink.clusterObjectiveId, coIds))
			: [],
		coIds.length
			? db
					.select()
					.from(activity)
					.where(inArray(activity.clusterObjectiveId, coIds))
					.orderBy(asc(activity.position))
			: []
	]);
	const actIds = acts.map((a) => a.id);
	const [actLinks, inds, rollups] = actIds.length
		? await Promise.all([
				db.select().from(activityObjective).where(inArray(activityObjective.activityId, actIds)),
				db
					.select()
					.from(indicator)
					.where(inArray(indicator.activityId, actIds))
					.orderBy(asc(indicator.position)),
				targetSums(db, actIds)
			])
		: [[], [], new Map()];

	const actNumbers = new Map(
		acts.map((a) => [a.id, [...coNumbers.get(a.clusterObjectiveId)!, a.number] as const])
	);
	const indicatorsOf = groupBy(
		inds.map((i) => ({
			...i,
			code: indicatorCode(...actNumbers.get(i.activityId)!, i.number),
			rollUp: rollUp(i, rollups.get(i.id))
		})),
		(i) => i.activityId
	);
	const activitiesOf = groupBy(
		acts.map((a) => ({
			id: a.id,
			code: activityCode(...actNumbers.get(a.id)!),
			number: a.number,
			titleFr: a.titleFr,
			titleEn: a.titleEn,
			clusterObjectiveId: a.clusterObjectiveId,
			alsoServes: actLinks
				.filter((l) => l.activityId === a.id && coNumbers.has(l.clusterObjectiveId))
				.map((l) => ({ id: l.clusterObjectiveId, code: coCode(l.clusterObjectiveId) }))
				.sort((x, y) => x.code.localeCompare(y.code)),
			indicators: indicatorsOf.get(a.id) ?? []
		})),
		(a) => a.clusterObjectiveId
	);
	const objectivesOf = groupBy(
		cos.map((c) => ({
			id: c.id,
			code: coCode(c.id),
			number: c.number,
			titleFr: c.titleFr,
			titleEn: c.titleEn,
			strategicObjectiveId: c.strategicObjectiveId,
			strategicObjectives: [
				c.strategicObjectiveId,
				...coLinks
					.filter((l) => l.clusterObjectiveId === c.id && l.strategicObjectiveId !== c.strategicObjectiveId)
					.map((l) => l.strategicObjectiveId)
			].map((id) => ({ id, code: strategicCode(soCode.get(id)!) })),
			activities: activitiesOf.get(c.id) ?? []
		})),
		(c) => c.strategicObjectiveId
	);
	return sos.map((s) => ({
		id: s.id,
		code: s.code,
		number: s.number,
		titleFr: s.titleFr,
		titleEn: s.titleEn,
		objectives: objectivesOf.get(s.id) ?? []
	}));
}

/** Count, sum, average and largest target per indicator of these activities. */
async function targetSums(db: Executor, activityIds: string[]) {
	const indicators = db
		.select({ id: indicator.id })
		.from(indicator)
		.where(inArray(indicator.activityId, activityIds));
	const rows = await db
		.select({
			indicatorId: indicatorTarget.indicatorId,
			places: sql<number>`count(*)::int`,
			sum: sql<string>`sum(${indicatorTarget.value})`,
			average: sql<string>`avg(${indicatorTarget.value})`,
			max: sql<string>`max(${indicatorTarget.value})`
		})
		.from(indicatorTarget)
		.where(inArray(indicatorTarget.indicatorId, indicators))
		.groupBy(indicatorTarget.indicatorId);
	return new Map(
		rows.map((r) => [
			r.indicatorId,
			{ places: r.places, sum: Number(r.sum), average: Number(r.average), max: Number(r.max) }
		])
	);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = groups.get(k);
		if (list) list.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}
