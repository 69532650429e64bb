/**
 * What users read for the ids a sheet holds: organisations, places, framework items with their
 * codes, people, population groups, clusters, questions. A version keeps these labels as they were
 * when it was submitted, so an old version reads the same after a name changes. What has a name in
 * each language keeps the English one too, under `en:<id>` (`sheetName` in $lib/project-sheet-labels).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	activity,
	cluster,
	clusterObjective,
	indicator,
	location,
	organisation,
	person,
	plan,
	planQuestion,
	populationGroup,
	strategicObjective
} from '../db/schema';
import { activityCode, indicatorCode, objectiveCode } from '../plans/framework/codes';
import type { Sheet } from './sheet';

export type Labels = Record<string, string>;

interface Label {
	id: string;
	label: string;
	/** The English name, when the item has one of its own. */
	labelEn?: string | null;
}

/** The labels of a sheet's ids; with the plan, also its sex and age groups (`sexAge:fr:girls`, `sexAge:en:girls`). */
export async function sheetLabels(db: Executor, sheet: Sheet, planId?: string): Promise<Labels> {
	const labels: Labels = {};
	const put = (rows: Label[]) =>
		rows.forEach((r) => {
			labels[r.id] = r.label;
			if (r.labelEn && r.labelEn !== r.label) labels[`en:${r.id}`] = r.labelEn;
		});
	const orgIds = sheet.partnerIds;
	const placeIds = [
		...new Set([...sheet.places.map((p) => p.locationId), ...sheet.targets.map((t) => t.locationId)])
	];
	const indicatorIds = [...new Set(sheet.targets.map((t) => t.indicatorId))];
	const groupIds = sheet.beneficiaries.map((b) => b.populationGroupId);
	const clusterIds = sheet.clusters.map((c) => c.clusterId);
	const questionIds = Object.keys(sheet.answers);
	// In turn, not in parallel: inside a transaction the connection runs one statement at a time.
	const lookups: [number, () => Promise<Label[]>][] = [
		[
			orgIds.length,
			async () =>
				(
					await db
						.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
						.from(organisation)
						.where(inArray(organisation.id, orgIds))
				).map((r) => ({ id: r.id, label: r.acronym ? `${r.acronym} — ${r.name}` : r.name }))
		],
		[
			placeIds.length,
			async () =>
				(
					await db
						.select({ id: location.id, pcode: location.pcode, name: location.name })
						.from(location)
						.where(inArray(location.id, placeIds))
				).map((r) => ({ id: r.id, label: `${r.name} (${r.pcode})` }))
		],
		[
			sheet.contactIds.length,
			() =>
				db
					.select({ id: person.id, label: person.name })
					.from(person)
					.where(inArray(person.id, sheet.contactIds))
		],
		[
			groupIds.length,
			() =>
				db
					.select({ id: populationGroup.id, label: populationGroup.nameFr, labelEn: populationGroup.nameEn })
					.from(populationGroup)
					.where(inArray(populationGroup.id, groupIds))
		],
		[
			clusterIds.length,
			() =>
				db
					.select({ id: cluster.id, label: cluster.code })
					.from(cluster)
					.where(inArray(cluster.id, clusterIds))
		],
		[1, () => frameworkLabels(db, sheet.objectiveIds, sheet.activityIds, indicatorIds)],
		[
			planId ? 1 : 0,
			async () => {
				const [row] = await db.select({ groups: plan.sexAgeGroups }).from(plan).where(eq(plan.id, planId!));
				return (row?.groups ?? []).flatMap((g) => [
					{ id: `sexAge:fr:${g.code}`, label: g.nameFr },
					{ id: `sexAge:en:${g.code}`, label: g.nameEn || g.nameFr }
				]);
			}
		],
		[
			questionIds.length,
			() =>
				db
					.select({ id: planQuestion.id, label: planQuestion.labelFr, labelEn: planQuestion.labelEn })
					.from(planQuestion)
					.where(inArray(planQuestion.id, questionIds))
		]
	];
	for (const [needed, lookup] of lookups) if (needed) put(await lookup());
	return labels;
}

/** Framework items with their codes (CO1.2, A1.2.3, I1.2.3.1) and their whole titles. */
export async function frameworkLabels(
	db: Executor,
	objectiveIds: string[],
	activityIds: string[],
	indicatorIds: string[]
): Promise<Label[]> {
	const out: Label[] = [];
	const both = (id: string, code: string, fr: string, en: string | null) => ({
		id,
		label: `${code} ${fr}`,
		labelEn: en ? `${code} ${en}` : null
	});
	const base = () =>
		db
			.select({
				so: strategicObjective.number,
				co: clusterObjective.number,
				a: activity.number,
				aId: activity.id,
				aTitle: activity.titleFr,
				aTitleEn: activity.titleEn,
				i: indicator.number,
				iId: indicator.id,
				iTitle: indicator.titleFr,
				iTitleEn: indicator.titleEn
			})
			.from(clusterObjective)
			.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
			.leftJoin(activity, eq(activity.clusterObjectiveId, clusterObjective.id))
			.leftJoin(indicator, eq(indicator.activityId, activity.id));
	if (objectiveIds.length) {
		const rows = await db
			.select({
				id: clusterObjective.id,
				so: strategicObjective.number,
				co: clusterObjective.number,
				title: clusterObjective.titleFr,
				titleEn: clusterObjective.titleEn
			})
			.from(clusterObjective)
			.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
			.where(inArray(clusterObjective.id, objectiveIds));
		out.push(...rows.map((r) => both(r.id, objectiveCode(r.so, r.co), r.title, r.titleEn)));
	}
	if (activityIds.length) {
		const rows = await base().where(inArray(activity.id, activityIds));
		const seen = new Set<string>();
		for (const r of rows)
			if (r.aId && !seen.has(r.aId)) {
				seen.add(r.aId);
				out.push(both(r.aId, activityCode(r.so, r.co, r.a!), r.aTitle!, r.aTitleEn));
			}
	}
	if (indicatorIds.length) {
		const rows = await base().where(inArray(indicator.id, indicatorIds));
		for (const r of rows)
			if (r.iId) out.push(both(r.iId, indicatorCode(r.so, r.co, r.a!, r.i!), r.iTitle!, r.iTitleEn));
	}
	return out;
}
