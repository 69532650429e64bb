/**
 * A plan part's framework as the logframe compares with it: every item by code, with the numbers
 * and positions new siblings follow, the links and the targets per place — in a few queries,
 * whatever its size.
 */
import { numbersGiven } from '../framework/numbers-given';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator,
	indicatorTarget,
	location,
	strategicObjective
} from '../../db/schema';
import type { PlanPart } from '../access';
import { activityCode, indicatorCode, objectiveCode, strategicCode, type Level } from '../framework/codes';
import { targetPlaces } from '../framework/targets';

export type IndicatorRow = typeof indicator.$inferSelect;

export interface StoredItem {
	level: Level;
	id: string;
	code: string;
	number: number;
	position: number;
	titleFr: string;
	titleEn: string | null;
	/** The item it is coded under; null for a strategic objective. */
	parentId: string | null;
	/** Further objectives served (ids), for cluster objectives and activities. */
	also: string[];
	indicator?: IndicatorRow;
	/** P-code → target, for an indicator. */
	targets?: Map<string, number>;
}

export interface Place {
	id: string;
	pcode: string;
	name: string;
	parentId: string | null;
	level: number;
}

export interface FrameworkState {
	/** In the framework's order: each item after its parent, siblings by position. */
	items: StoredItem[];
	byId: Map<string, StoredItem>;
	byCode: Map<string, StoredItem>;
	/** The places an indicator may have a target in, by P-code. */
	places: Map<string, Place>;
	/** Parent code → highest child number ever given: new items never take a deleted item's code. */
	given: Map<string, number>;
}

export async function readState(db: Executor, part: PlanPart): Promise<FrameworkState> {
	const sos = await db
		.select()
		.from(strategicObjective)
		.where(eq(strategicObjective.planId, part.plan.id))
		.orderBy(asc(strategicObjective.position));
	const cos = await db
		.select()
		.from(clusterObjective)
		.where(eq(clusterObjective.planClusterId, part.planCluster.id))
		.orderBy(asc(clusterObjective.position));
	const coIds = cos.map((c) => c.id);
	const coLinks = coIds.length
		? await db
				.select()
				.from(clusterObjectiveLink)
				.where(inArray(clusterObjectiveLink.clusterObjectiveId, coIds))
		: [];
	const acts = coIds.length
		? await db
				.select()
				.from(activity)
				.where(inArray(activity.clusterObjectiveId, coIds))
				.orderBy(asc(activity.position))
		: [];
	const actIds = acts.map((a) => a.id);
	const actLinks = actIds.length
		? await db.select().from(activityObjective).where(inArray(activityObjective.activityId, actIds))
		: [];
	const inds = actIds.length
		? await db
				.select({ indicator })
				.from(indicator)
				.innerJoin(activity, eq(activity.id, indicator.activityId))
				.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
				.where(eq(clusterObjective.planClusterId, part.planCluster.id))
				.orderBy(asc(indicator.position))
				.then((rows) => rows.map((r) => r.indicator))
		: [];
	const targets = inds.length ? await partTargets(db, part.planCluster.id) : new Map();
	const places = await targetPlaces(db, part.plan.countryId);

	const so = new Map(sos.map((s) => [s.id, s.number]));
	const coNumbers = new Map(cos.map((c) => [c.id, [so.get(c.strategicObjectiveId)!, c.number] as const]));
	const actNumbers = new Map(
		acts.map((a) => [a.id, [...coNumbers.get(a.clusterObjectiveId)!, a.number] as const])
	);
	const linksOf = (links: { from: string; to: string }[]) => {
		const map = new Map<string, string[]>();
		for (const { from, to } of links) map.set(from, [...(map.get(from) ?? []), to]);
		return map;
	};
	const coAlso = linksOf(coLinks.map((l) => ({ from: l.clusterObjectiveId, to: l.strategicObjectiveId })));
	const actAlso = linksOf(actLinks.map((l) => ({ from: l.activityId, to: l.clusterObjectiveId })));

	const flat: StoredItem[] = [
		...sos.map((s) => ({
			level: 'strategic-objective' as const,
			...common(s),
			code: strategicCode(s.number),
			parentId: null,
			also: []
		})),
		...cos.map((c) => ({
			level: 'cluster-objective' as const,
			...common(c),
			code: objectiveCode(...coNumbers.get(c.id)!),
			parentId: c.strategicObjectiveId,
			also: (coAlso.get(c.id) ?? []).filter((id) => id !== c.strategicObjectiveId)
		})),
		...acts.map((a) => ({
			level: 'activity' as const,
			...common(a),
			code: activityCode(...actNumbers.get(a.id)!),
			parentId: a.clusterObjectiveId,
			also: actAlso.get(a.id) ?? []
		})),
		...inds.map((i) => ({
			level: 'indicator' as const,
			...common(i),
			code: indicatorCode(...actNumbers.get(i.activityId)!, i.number),
			parentId: i.activityId,
			also: [],
			indicator: i,
			targets: targets.get(i.id) ?? new Map<string, number>()
		}))
	];
	const items = treeOrder(flat);
	return {
		items,
		byId: new Map(items.map((i) => [i.id, i])),
		byCode: new Map(items.map((i) => [i.code, i])),
		places: new Map(places.map((p) => [p.pcode, p])),
		given: await numbersGiven(db, part.plan.id, part.cluster.id)
	};
}

function common(row: {
	id: string;
	number: number;
	position: number;
	titleFr: string;
	titleEn: string | null;
}) {
	return {
		id: row.id,
		number: row.number,
		position: row.position,
		titleFr: row.titleFr,
		titleEn: row.titleEn
	};
}

/** Each item followed by its children; `items` come sorted by position within each level. */
function treeOrder(items: StoredItem[]): StoredItem[] {
	const children = new Map<string | null, StoredItem[]>();
	for (const item of items) {
		const siblings = children.get(item.parentId);
		if (siblings) siblings.push(item);
		else children.set(item.parentId, [item]);
	}
	const ordered: StoredItem[] = [];
	const visit = (parentId: string | null) => {
		for (const child of children.get(parentId) ?? []) {
			ordered.push(child);
			visit(child.id);
		}
	};
	visit(null);
	return ordered;
}

async function partTargets(db: Executor, planClusterId: string) {
	const rows = await db
		.select({ indicatorId: indicatorTarget.indicatorId, pcode: location.pcode, value: indicatorTarget.value })
		.from(indicatorTarget)
		.innerJoin(location, eq(location.id, indicatorTarget.locationId))
		.innerJoin(indicator, eq(indicator.id, indicatorTarget.indicatorId))
		.innerJoin(activity, eq(activity.id, indicator.activityId))
		.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
		.where(eq(clusterObjective.planClusterId, planClusterId));
	const byIndicator = new Map<string, Map<string, number>>();
	for (const r of rows) {
		let map = byIndicator.get(r.indicatorId);
		if (!map) byIndicator.set(r.indicatorId, (map = new Map()));
		map.set(r.pcode, Number(r.value));
	}
	return byIndicator;
}
