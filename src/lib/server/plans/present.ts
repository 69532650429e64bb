/**
 * What the API sends out about plans, their chapters, framework and versions. As in
 * api/presenters.ts, each schema both encodes the answer (dates as ISO strings, unlisted fields
 * dropped) and documents it in the OpenAPI document.
 */
import { z } from 'zod';
import {
	CHAPTER_KINDS,
	DISAGGREGATIONS,
	INDICATOR_UNITS,
	PERIOD_RULES,
	PLACE_RULES,
	PLAN_KINDS,
	PLAN_STATUSES,
	planChapter
} from '../db/schema';
import { listOf } from '../api/presenters';
import type { listPlans, PlanDetail } from './plans';
import type { PlanPart } from './access';
import type { Version, FieldDifference } from './versions';
import type { getFramework, StrategicNode, IndicatorNode } from './framework/tree';
import type { RollUp } from './framework/rollup';
import type { getIndicatorTargets } from './framework/targets';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const day = z.string().meta({ format: 'date' });
const usd = z.string().meta({ description: 'US dollars, a decimal number written as text: "293000000.00"' });
const title = { titleFr: z.string(), titleEn: z.string().nullable() };
const revision = z
	.int()
	.meta({ description: 'The plan revision this answer reflects: send it back with a write' });
const coded = z.object({ id, code: z.string() });
const clusterRef = z.object({ id, code: z.string() });

/** A number stored as numeric text ("400.00"), as a JSON number. */
const asNumber = (v: string | null) => (v === null ? null : Number(v));

export const planSummaryOut = z.object({
	id,
	year: z.int(),
	kind: z.enum(PLAN_KINDS),
	...title,
	status: z.enum(PLAN_STATUSES),
	startsOn: day,
	endsOn: day,
	countryName: z.string()
});
export const planListOut = listOf(planSummaryOut);

export const planOut = z.object({
	id,
	country: z.object({ id, pcode: z.string(), name: z.string() }),
	year: z.int(),
	kind: z.enum(PLAN_KINDS),
	...title,
	startsOn: day,
	endsOn: day,
	status: z.enum(PLAN_STATUSES),
	peopleInNeed: z.int().nullable(),
	peopleTargeted: z.int().nullable(),
	requirementsUsd: usd.nullable(),
	figuresSource: z.string().nullable(),
	sexAgeGroups: z
		.array(z.object({ code: z.string(), nameFr: z.string(), nameEn: z.string(), hxl: z.array(z.string()) }))
		.meta({ description: 'The sex and age groups needs are split by, in order' }),
	revision,
	publishedRevision: z.int().nullable(),
	publishedAt: timestamp.nullable(),
	clusters: z.array(
		z.object({
			id,
			code: z.string(),
			nameFr: z.string(),
			nameEn: z.string(),
			requirementsUsd: usd.nullable(),
			canEdit: z.boolean()
		})
	),
	canEdit: z
		.boolean()
		.meta({ description: "The caller may change the plan's fields and strategic objectives" }),
	canChangeStatus: z.boolean(),
	createdAt: timestamp,
	updatedAt: timestamp
});

export function presentPlanSummary(
	row: Awaited<ReturnType<typeof listPlans>>['items'][number]
): z.output<typeof planSummaryOut> {
	return row;
}

export function presentPlan(detail: PlanDetail): z.output<typeof planOut> {
	return { ...detail, country: { id: detail.countryId, ...detail.country } };
}

export const chapterOut = z.object({
	id,
	planId: id,
	cluster: clusterRef,
	kind: z.enum(CHAPTER_KINDS),
	...title,
	bodyFr: z.string().meta({ description: 'Sanitised HTML' }),
	bodyEn: z.string().nullable().meta({ description: 'Sanitised HTML' }),
	position: z.int(),
	revision,
	canEdit: z.boolean(),
	createdAt: timestamp,
	updatedAt: timestamp
});
export const chapterListOut = listOf(chapterOut);

export function presentChapter(
	part: PlanPart,
	row: typeof planChapter.$inferSelect,
	canEdit: boolean
): z.output<typeof chapterOut> {
	return {
		...row,
		planId: part.plan.id,
		cluster: { id: part.cluster.id, code: part.cluster.code },
		revision: part.plan.revision,
		canEdit
	};
}

const rollUpOut = z
	.object({
		places: z.int().meta({ description: 'How many places have a target' }),
		value: z
			.number()
			.nullable()
			.meta({ description: "The targets per place added up by the indicator's place rule" }),
		mismatch: z.boolean().meta({ description: 'The typed total target differs from the roll-up' })
	})
	.meta({ description: 'The targets per place rolled up' });

const indicatorFields = {
	unit: z.enum(INDICATOR_UNITS),
	periodRule: z.enum(PERIOD_RULES).meta({ description: 'How monthly values add up' }),
	placeRule: z.enum(PLACE_RULES).meta({ description: 'How values per place add up' }),
	disaggregation: z.enum(DISAGGREGATIONS),
	baseline: z.number().nullable(),
	target: z.number().nullable().meta({ description: 'The total target as typed' })
};

const indicatorNodeOut = z.object({
	id,
	code: z.string(),
	number: z.int(),
	...title,
	activityId: id,
	...indicatorFields,
	rollUp: rollUpOut
});
const activityNodeOut = z.object({
	id,
	code: z.string(),
	number: z.int(),
	...title,
	clusterObjectiveId: id,
	alsoServes: z.array(coded).meta({ description: 'Further cluster objectives the activity serves' }),
	indicators: z.array(indicatorNodeOut)
});
const clusterObjectiveNodeOut = z.object({
	id,
	code: z.string(),
	number: z.int(),
	...title,
	strategicObjectiveId: id,
	alsoServes: z.array(coded).meta({ description: 'Further strategic objectives the objective serves' }),
	activities: z.array(activityNodeOut)
});
const strategicNodeOut = z.object({
	id,
	code: z.string(),
	number: z.int(),
	...title,
	clusterObjectives: z.array(clusterObjectiveNodeOut)
});

export const frameworkOut = z.object({
	planId: id,
	cluster: clusterRef.extend({ nameFr: z.string(), nameEn: z.string() }),
	revision,
	canEdit: z
		.boolean()
		.meta({ description: "The caller may edit the cluster's objectives, activities and indicators" }),
	canEditStrategic: z.boolean().meta({ description: 'The caller may edit the strategic objectives' }),
	strategicObjectives: z.array(strategicNodeOut)
});

function presentIndicatorNode(node: IndicatorNode): z.output<typeof indicatorNodeOut> {
	return { ...node, baseline: asNumber(node.baseline), target: asNumber(node.target) };
}

function presentStrategicNode(node: StrategicNode): z.output<typeof strategicNodeOut> {
	return {
		...node,
		clusterObjectives: node.objectives.map((co) => ({
			...co,
			alsoServes: co.strategicObjectives.filter((so) => so.id !== co.strategicObjectiveId),
			activities: co.activities.map((a) => ({ ...a, indicators: a.indicators.map(presentIndicatorNode) }))
		}))
	};
}

export function presentFramework(
	fw: Awaited<ReturnType<typeof getFramework>>
): z.output<typeof frameworkOut> {
	return {
		planId: fw.plan.id,
		cluster: fw.cluster,
		revision: fw.revision,
		canEdit: fw.canEdit,
		canEditStrategic: fw.canEditStrategic,
		strategicObjectives: fw.tree.map(presentStrategicNode)
	};
}

const itemFields = {
	id,
	planId: id,
	code: z
		.string()
		.meta({ description: 'Given at creation, kept when items are reordered: SO1, CO1.2, A1.2.3, I1.2.3.1' }),
	number: z.int(),
	position: z.int(),
	...title,
	revision,
	createdAt: timestamp,
	updatedAt: timestamp
};

export const strategicObjectiveOut = z.object(itemFields);
export const clusterObjectiveOut = z.object({
	...itemFields,
	cluster: clusterRef,
	strategicObjectiveId: id.meta({ description: 'The strategic objective it is coded under' }),
	alsoServes: z.array(coded).meta({ description: 'Further strategic objectives it serves' })
});
export const activityOut = z.object({
	...itemFields,
	cluster: clusterRef,
	clusterObjectiveId: id.meta({ description: 'The cluster objective it is coded under' }),
	alsoServes: z.array(coded).meta({ description: 'Further cluster objectives it serves' })
});
export const indicatorOut = z.object({
	...itemFields,
	cluster: clusterRef,
	activityId: id,
	...indicatorFields,
	targets: z.array(z.object({ pcode: z.string(), name: z.string(), value: z.number() })),
	rollUp: rollUpOut
});

export function presentIndicator<T extends { baseline: string | null; target: string | null }>(row: T) {
	return { ...row, baseline: asNumber(row.baseline), target: asNumber(row.target) };
}

export const targetsOut = z.object({
	indicatorId: id,
	code: z.string(),
	unit: z.enum(INDICATOR_UNITS),
	placeRule: z.enum(PLACE_RULES),
	target: z.number().nullable().meta({ description: 'The total target as typed' }),
	targets: z.record(z.string(), z.number()).meta({ description: 'P-code → target in that place' }),
	rollUp: rollUpOut,
	revision
});

export function presentTargets(
	read: Awaited<ReturnType<typeof getIndicatorTargets>>
): z.output<typeof targetsOut> {
	const { indicator: found } = read;
	return {
		indicatorId: found.row.id,
		code: found.code,
		unit: found.row.unit,
		placeRule: found.row.placeRule,
		target: asNumber(found.row.target),
		targets: Object.fromEntries(read.targets.map((t) => [t.pcode, Number(t.value)])),
		rollUp: read.rollUp satisfies RollUp,
		revision: read.plan.revision
	};
}

export const reorderOut = z.object({
	level: z.string(),
	ids: z.array(id).meta({ description: 'The items in their new order' }),
	revision
});

export const versionOut = z.object({
	revision: z.int(),
	at: timestamp,
	by: z.string().nullable().meta({ description: 'Who made the change; not told to visitors' }),
	changes: z.int().meta({ description: 'How many fields changed' }),
	labels: z.array(z.string()).meta({ description: 'What changed, the first few items' })
});
export const versionListOut = listOf(versionOut);

export function presentVersion(version: Version, showWho: boolean): z.output<typeof versionOut> {
	return { ...version, by: showWho ? version.actorLabel : null };
}

export const comparisonOut = z.object({
	from: z.int(),
	to: z.int(),
	differences: z.array(
		z.object({
			entityType: z.string(),
			entityId: id,
			label: z.string().meta({ description: 'The item as users read it: code and title' }),
			field: z.string(),
			older: z.unknown().meta({ description: 'The value at the older version' }),
			newer: z.unknown().meta({ description: 'The value at the newer version' })
		})
	)
});

export function presentComparison(from: number, to: number, differences: FieldDifference[]) {
	return { from, to, differences } satisfies z.output<typeof comparisonOut>;
}
