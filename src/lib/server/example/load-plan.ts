/**
 * Loads the example's response plan (data/plan.ts) into the example's transaction: the published plan,
 * the Early Recovery cluster's part (chapters, population groups, framework with targets per place, two
 * needs revisions) and one version, its publication. Each record is audited as the rest of the example.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator,
	indicatorTarget,
	needFigure,
	needRevision,
	plan,
	planChange,
	planChapter,
	planCluster,
	populationGroup,
	strategicObjective,
	user
} from '../db/schema';
import { auditCreated } from './audit-created';
import { sanitizeRichText } from '../rich-text/sanitize';
import { DEFAULT_POPULATION_GROUPS, DEFAULT_SEX_AGE_GROUPS } from '../plans/defaults';
import { activityCode, indicatorCode, objectiveCode, strategicCode } from '../plans/framework/codes';
import {
	EXAMPLE_CHAPTERS,
	EXAMPLE_ER_OBJECTIVES,
	EXAMPLE_NEED_REVISIONS,
	EXAMPLE_NEEDS,
	EXAMPLE_PLAN,
	EXAMPLE_PLAN_RECORDER,
	EXAMPLE_STRATEGIC_OBJECTIVES,
	type ExampleIndicator,
	type SexAgeCounts
} from './data/plan';

export interface ExamplePlanSummary {
	plans: number;
	indicators: number;
	needRevisions: number;
}

/**
 * The plan is loaded as it stands after one write, its publication on launch day: revision 1, which
 * is also its published revision, recorded as a change of status by the cluster coordinator.
 */
const PUBLISHED_REVISION = 1;

export async function loadExamplePlan(
	tx: Executor,
	{ clusterId, locationIds }: { clusterId: string; locationIds: ReadonlyMap<string, string> }
): Promise<ExamplePlanSummary> {
	const placeId = (pcode: string) => {
		const id = locationIds.get(pcode);
		if (!id) throw new Error(`example plan: unknown place ${pcode}`);
		return id;
	};
	const [recorder] = await tx
		.select({ id: user.id, email: user.email })
		.from(user)
		.where(eq(user.email, EXAMPLE_PLAN_RECORDER));
	if (!recorder) throw new Error(`example plan: no account ${EXAMPLE_PLAN_RECORDER}`);

	const { country, createdAt, publishedAt, ...fields } = EXAMPLE_PLAN;
	const [planRow] = await tx
		.insert(plan)
		.values({
			...fields,
			countryId: placeId(country),
			status: 'published',
			sexAgeGroups: DEFAULT_SEX_AGE_GROUPS,
			revision: PUBLISHED_REVISION,
			publishedRevision: PUBLISHED_REVISION,
			publishedAt: new Date(publishedAt),
			createdAt: new Date(createdAt),
			updatedAt: new Date(publishedAt)
		})
		.returning();
	const planId = planRow!.id;
	const [publication] = await tx
		.insert(planChange)
		.values({
			planId,
			revision: PUBLISHED_REVISION,
			clusterId: null,
			entityType: 'plan',
			entityId: planId,
			label: planRow!.titleFr,
			field: 'status',
			before: 'draft',
			after: 'published',
			actorUserId: recorder.id,
			actorLabel: recorder.email,
			at: new Date(publishedAt)
		})
		.returning();
	await auditCreated(tx, 'plan', planId, { ...planRow, changes: [publication] });

	// The cluster's requirements stay blank: its own 2017 figures are not public.
	const [part] = await tx.insert(planCluster).values({ planId, clusterId }).returning();
	await auditCreated(tx, 'plan-cluster', part!.id, part);

	for (const [i, chapter] of EXAMPLE_CHAPTERS.entries()) {
		const [row] = await tx
			.insert(planChapter)
			.values({
				...chapter,
				bodyFr: sanitizeRichText(chapter.bodyFr),
				bodyEn: sanitizeRichText(chapter.bodyEn),
				planClusterId: part!.id,
				position: i + 1
			})
			.returning();
		await auditCreated(tx, 'plan-chapter', row!.id, row);
	}

	const groupIds = new Map<string, string>();
	for (const [i, group] of DEFAULT_POPULATION_GROUPS.entries()) {
		const [row] = await tx
			.insert(populationGroup)
			.values({ ...group, clusterId, position: i + 1 })
			.returning();
		groupIds.set(row!.code, row!.id);
		await auditCreated(tx, 'population_group', row!.id, row);
	}

	const indicators = await loadFramework(tx, planId, part!.id, placeId);

	for (const [i, meta] of EXAMPLE_NEED_REVISIONS.entries()) {
		const number = i + 1;
		const [revision] = await tx
			.insert(needRevision)
			.values({
				...meta,
				planClusterId: part!.id,
				number,
				illustrative: true,
				createdByUserId: recorder.id,
				createdAt: new Date(`${meta.sourceDate}T12:00:00Z`)
			})
			.returning();
		const figures = EXAMPLE_NEEDS.map((row) => ({
			revisionId: revision!.id,
			locationId: placeId(row.pcode),
			populationGroupId: groupIds.get(row.group)!,
			inNeed: bySexAge(row.inNeed),
			targeted: bySexAge(number === 2 ? (row.revisedTargeted ?? row.targeted) : row.targeted)
		}));
		await tx.insert(needFigure).values(figures);
		await auditCreated(tx, 'need_revision', revision!.id, {
			...revision,
			planId,
			rows: figures.length,
			inNeed: total(figures.map((f) => f.inNeed)),
			targeted: total(figures.map((f) => f.targeted))
		});
	}

	return { plans: 1, indicators, needRevisions: EXAMPLE_NEED_REVISIONS.length };
}

/** Objectives, activities, indicators and their targets; numbered in data order. Returns the indicators. */
async function loadFramework(
	tx: Executor,
	planId: string,
	planClusterId: string,
	placeId: (pcode: string) => string
): Promise<number> {
	const soIds = new Map<number, string>();
	for (const [i, so] of EXAMPLE_STRATEGIC_OBJECTIVES.entries()) {
		const number = i + 1;
		const [row] = await tx
			.insert(strategicObjective)
			.values({ ...so, planId, number, position: number })
			.returning();
		soIds.set(number, row!.id);
		await auditCreated(tx, 'strategic-objective', row!.id, { ...row, code: strategicCode(number) });
	}
	const soId = (number: number) => {
		const id = soIds.get(number);
		if (!id) throw new Error(`example plan: no SO${number}`);
		return id;
	};

	const coIds = new Map<string, string>();
	const created: { id: string; code: string; alsoServes: string[] }[] = [];
	let indicators = 0;
	for (const co of EXAMPLE_ER_OBJECTIVES) {
		const so = co.strategicObjective;
		const coNumber = [...coIds.keys()].filter((code) => code.startsWith(`CO${so}.`)).length + 1;
		const coCode = objectiveCode(so, coNumber);
		const [coRow] = await tx
			.insert(clusterObjective)
			.values({
				planClusterId,
				strategicObjectiveId: soId(so),
				number: coNumber,
				position: coNumber,
				titleFr: co.titleFr,
				titleEn: co.titleEn
			})
			.returning();
		coIds.set(coCode, coRow!.id);
		const links = (co.alsoServes ?? []).map((n) => ({
			clusterObjectiveId: coRow!.id,
			strategicObjectiveId: soId(n)
		}));
		if (links.length) await tx.insert(clusterObjectiveLink).values(links);
		await auditCreated(tx, 'cluster-objective', coRow!.id, {
			...coRow,
			code: coCode,
			alsoServes: (co.alsoServes ?? []).map(strategicCode)
		});

		for (const [a, act] of co.activities.entries()) {
			const actNumber = a + 1;
			const actCode = activityCode(so, coNumber, actNumber);
			const [actRow] = await tx
				.insert(activity)
				.values({
					clusterObjectiveId: coRow!.id,
					number: actNumber,
					position: actNumber,
					titleFr: act.titleFr,
					titleEn: act.titleEn
				})
				.returning();
			created.push({ id: actRow!.id, code: actCode, alsoServes: act.alsoServes ?? [] });
			await auditCreated(tx, 'activity', actRow!.id, {
				...actRow,
				code: actCode,
				alsoServes: act.alsoServes ?? []
			});

			for (const [n, ind] of act.indicators.entries()) {
				const code = indicatorCode(so, coNumber, actNumber, n + 1);
				await loadIndicator(tx, actRow!.id, n + 1, code, ind, placeId);
				indicators++;
			}
		}
	}

	// Further objectives an activity serves may come later in the data: linked once all exist.
	for (const act of created)
		for (const code of act.alsoServes) {
			const id = coIds.get(code);
			if (!id) throw new Error(`example plan: ${act.code} serves unknown ${code}`);
			await tx.insert(activityObjective).values({ activityId: act.id, clusterObjectiveId: id });
		}
	return indicators;
}

async function loadIndicator(
	tx: Executor,
	activityId: string,
	number: number,
	code: string,
	{ targets, baseline, target, ...fields }: ExampleIndicator,
	placeId: (pcode: string) => string
) {
	const [row] = await tx
		.insert(indicator)
		.values({
			...fields,
			activityId,
			number,
			position: number,
			baseline: baseline === null ? null : String(baseline),
			target: target === null ? null : String(target)
		})
		.returning();
	const values = Object.entries(targets).map(([pcode, value]) => ({
		indicatorId: row!.id,
		locationId: placeId(pcode),
		value: String(value)
	}));
	if (values.length) await tx.insert(indicatorTarget).values(values);
	await auditCreated(tx, 'indicator', row!.id, { ...row, code, targets });
}

function bySexAge(counts: SexAgeCounts): Record<string, number> {
	return Object.fromEntries(DEFAULT_SEX_AGE_GROUPS.map((g, i) => [g.code, counts[i]!]));
}

function total(counts: Record<string, number>[]): number {
	return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
}
