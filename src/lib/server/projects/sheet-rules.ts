/**
 * The rules a sheet must keep against its plan at every save (`checkSheet`: nothing is stored while
 * one is broken) and what it must hold before it is submitted (`missingForSubmission`: the checklist
 * partners see as they fill it in).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	activity,
	clusterObjective,
	indicator,
	location,
	organisation,
	person,
	planCluster,
	planQuestion,
	populationGroup,
	type plan
} from '../db/schema';
import type { FieldError } from '../errors';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { budgetTotal, type Sheet } from './sheet';
import { centsToUsd, usdToCents } from './money';
import type { SheetSection } from './sheet-schema';
import type { Project } from './access';
import { unansweredRequired, validateAnswers } from './questions';

type Plan = typeof plan.$inferSelect;
type Question = typeof planQuestion.$inferSelect;

export interface SheetContext {
	project: Pick<Project, 'clusterId' | 'organisationId'>;
	plan: Plan;
	questions: Question[];
	locale: Locale;
}

/** Everything wrong with the sheet against its plan, each with the field it is about. */
export async function checkSheet(db: Executor, sheet: Sheet, context: SheetContext): Promise<FieldError[]> {
	const { plan: p, locale } = context;
	const errors: FieldError[] = [];
	const say = (path: string, message: string) => errors.push({ path, message });

	for (const field of ['startsOn', 'endsOn'] as const) {
		const day = sheet[field];
		if (day && (day < p.startsOn || day > p.endsOn))
			say(field, m.projects_error_outside_plan({ start: p.startsOn, end: p.endsOn }, { locale }));
	}
	if (sheet.startsOn && sheet.endsOn && sheet.endsOn < sheet.startsOn)
		say('endsOn', m.projects_error_end_before_start({}, { locale }));

	if (sheet.partnerIds.includes(context.project.organisationId))
		say('partnerIds', m.projects_error_partner_is_appealing({}, { locale }));
	await requireExisting(
		db,
		organisation,
		sheet.partnerIds,
		'partnerIds',
		m.projects_error_organisation({}, { locale }),
		say
	);
	await requireExisting(
		db,
		person,
		sheet.contactIds,
		'contactIds',
		m.projects_error_person({}, { locale }),
		say
	);

	const clusterIds = await checkClusters(db, sheet, context, say);
	await checkFramework(db, sheet, p.id, clusterIds, locale, say);
	const placeIds = await checkPlaces(db, sheet, p.countryId, locale, say);
	await checkTargetPlaces(db, sheet, placeIds, locale, say);
	await checkBeneficiaries(db, sheet, context, clusterIds, say);
	checkBudget(sheet, locale, say);
	for (const e of validateAnswers(context.questions, sheet.answers, { forSubmission: false, locale }))
		errors.push(e);
	return errors;
}

type Say = (path: string, message: string) => void;

async function requireExisting(
	db: Executor,
	table: typeof organisation | typeof person,
	ids: string[],
	path: string,
	message: string,
	say: Say
) {
	if (!ids.length) return;
	const found = new Set(
		(await db.select({ id: table.id }).from(table).where(inArray(table.id, ids))).map((r) => r.id)
	);
	ids.forEach((id, i) => found.has(id) || say(`${path}.${i}`, message));
}

/** The clusters of the plan the project spans (the lead one always), their shares adding up to 100. */
async function checkClusters(db: Executor, sheet: Sheet, context: SheetContext, say: Say): Promise<string[]> {
	const { locale } = context;
	const inPlan = new Set(
		(
			await db
				.select({ id: planCluster.clusterId })
				.from(planCluster)
				.where(eq(planCluster.planId, context.plan.id))
		).map((r) => r.id)
	);
	const seen = new Set<string>();
	sheet.clusters.forEach((c, i) => {
		if (!inPlan.has(c.clusterId))
			say(`clusters.${i}.clusterId`, m.projects_error_cluster_not_in_plan({}, { locale }));
		if (seen.has(c.clusterId)) say(`clusters.${i}.clusterId`, m.projects_error_duplicate({}, { locale }));
		seen.add(c.clusterId);
	});
	if (!seen.has(context.project.clusterId)) say('clusters', m.projects_error_lead_cluster({}, { locale }));
	const total = sheet.clusters.reduce((sum, c) => sum + usdToCents(c.sharePercent), 0n);
	if (total !== 10_000n) say('clusters', m.projects_error_shares({ total: centsToUsd(total) }, { locale }));
	return [...seen];
}

/** Objectives, activities and indicators of this plan, in the clusters the project spans. */
async function checkFramework(
	db: Executor,
	sheet: Sheet,
	planId: string,
	clusterIds: string[],
	locale: Locale,
	say: Say
) {
	const inScope = (planId_: string, clusterId: string) =>
		planId_ === planId && clusterIds.includes(clusterId);
	const message = m.projects_error_framework_other_cluster({}, { locale });
	if (sheet.objectiveIds.length) {
		const rows = await db
			.select({ id: clusterObjective.id, planId: planCluster.planId, clusterId: planCluster.clusterId })
			.from(clusterObjective)
			.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
			.where(inArray(clusterObjective.id, sheet.objectiveIds));
		const ok = new Set(rows.filter((r) => inScope(r.planId, r.clusterId)).map((r) => r.id));
		sheet.objectiveIds.forEach((id, i) => ok.has(id) || say(`objectiveIds.${i}`, message));
	}
	if (sheet.activityIds.length) {
		const rows = await db
			.select({
				id: activity.id,
				objectiveId: activity.clusterObjectiveId,
				planId: planCluster.planId,
				clusterId: planCluster.clusterId
			})
			.from(activity)
			.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
			.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
			.where(inArray(activity.id, sheet.activityIds));
		const ok = new Set(rows.filter((r) => inScope(r.planId, r.clusterId)).map((r) => r.id));
		const outside = new Set(rows.filter((r) => !sheet.objectiveIds.includes(r.objectiveId)).map((r) => r.id));
		sheet.activityIds.forEach((id, i) => {
			if (!ok.has(id)) say(`activityIds.${i}`, message);
			else if (outside.has(id)) say(`activityIds.${i}`, m.projects_error_activity_objective({}, { locale }));
		});
	}
	const indicatorIds = [...new Set(sheet.targets.map((t) => t.indicatorId))];
	if (indicatorIds.length) {
		const rows = await db
			.select({
				id: indicator.id,
				activityId: indicator.activityId,
				planId: planCluster.planId,
				clusterId: planCluster.clusterId
			})
			.from(indicator)
			.innerJoin(activity, eq(activity.id, indicator.activityId))
			.innerJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
			.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
			.where(inArray(indicator.id, indicatorIds));
		const ok = new Set(rows.filter((r) => inScope(r.planId, r.clusterId)).map((r) => r.id));
		const outside = new Set(rows.filter((r) => !sheet.activityIds.includes(r.activityId)).map((r) => r.id));
		sheet.targets.forEach((t, i) => {
			if (!ok.has(t.indicatorId)) say(`targets.${i}.indicatorId`, message);
			else if (outside.has(t.indicatorId))
				say(`targets.${i}.indicatorId`, m.projects_error_indicator_activity({}, { locale }));
		});
	}
	const seen = new Set<string>();
	sheet.targets.forEach((t, i) => {
		const key = `${t.indicatorId}/${t.locationId}`;
		if (seen.has(key)) say(`targets.${i}`, m.projects_error_duplicate({}, { locale }));
		seen.add(key);
	});
}

interface Place {
	id: string;
	level: number;
	parentId: string | null;
	grandParentId: string | null;
}

/** Regions (admin1) and cercles (admin2) of the plan's country, each once. Returns the places by id. */
async function checkPlaces(db: Executor, sheet: Sheet, countryId: string, locale: Locale, say: Say) {
	const places = await placesById(
		db,
		sheet.places.map((p) => p.locationId)
	);
	const seen = new Set<string>();
	sheet.places.forEach((entry, i) => {
		const place = places.get(entry.locationId);
		const inCountry =
			place &&
			((place.level === 1 && place.parentId === countryId) ||
				(place.level === 2 && place.grandParentId === countryId));
		if (!inCountry) say(`places.${i}.locationId`, m.projects_error_place_outside_country({}, { locale }));
		if (seen.has(entry.locationId)) say(`places.${i}.locationId`, m.projects_error_duplicate({}, { locale }));
		seen.add(entry.locationId);
	});
	// A cercle and its region both listed would count the cercle's people twice.
	const listed = new Set(sheet.places.map((p) => p.locationId));
	sheet.places.forEach((entry, i) => {
		const place = places.get(entry.locationId);
		if (place?.level === 2 && place.parentId && listed.has(place.parentId))
			say(`places.${i}.locationId`, m.projects_error_place_in_region({}, { locale }));
	});
	return places;
}

async function placesById(db: Executor, ids: string[]): Promise<Map<string, Place>> {
	if (!ids.length) return new Map();
	const rows = await db
		.select({ id: location.id, level: location.level, parentId: location.parentId })
		.from(location)
		.where(inArray(location.id, ids));
	const parents = await db
		.select({ id: location.id, parentId: location.parentId })
		.from(location)
		.where(
			inArray(
				location.id,
				rows.flatMap((r) => (r.parentId ? [r.parentId] : []))
			)
		);
	const parentOf = new Map(parents.map((r) => [r.id, r.parentId]));
	return new Map(
		rows.map((r) => [r.id, { ...r, grandParentId: r.parentId ? (parentOf.get(r.parentId) ?? null) : null }])
	);
}

/** A target is set in one of the project's places, or in a cercle of one of its regions. */
async function checkTargetPlaces(
	db: Executor,
	sheet: Sheet,
	places: Map<string, Place>,
	locale: Locale,
	say: Say
) {
	const chosen = new Set(sheet.places.map((p) => p.locationId));
	const targetPlaces = await placesById(db, [...new Set(sheet.targets.map((t) => t.locationId))]);
	sheet.targets.forEach((t, i) => {
		const place = targetPlaces.get(t.locationId) ?? places.get(t.locationId);
		if (!chosen.has(t.locationId) && !(place?.parentId && chosen.has(place.parentId)))
			say(`targets.${i}.locationId`, m.projects_error_target_place({}, { locale }));
	});
}

/** Population groups of the project's clusters, by the plan's sex and age groups. */
async function checkBeneficiaries(
	db: Executor,
	sheet: Sheet,
	context: SheetContext,
	clusterIds: string[],
	say: Say
) {
	const { locale } = context;
	const groupIds = sheet.beneficiaries.map((b) => b.populationGroupId);
	const groups = groupIds.length
		? await db
				.select({ id: populationGroup.id })
				.from(populationGroup)
				.where(
					and(
						inArray(populationGroup.id, groupIds),
						inArray(populationGroup.clusterId, clusterIds.length ? clusterIds : [context.project.clusterId])
					)
				)
		: [];
	const known = new Set(groups.map((g) => g.id));
	const codes = new Set(context.plan.sexAgeGroups.map((g) => g.code));
	const seen = new Set<string>();
	sheet.beneficiaries.forEach((row, i) => {
		if (!known.has(row.populationGroupId) || seen.has(row.populationGroupId))
			say(`beneficiaries.${i}.populationGroupId`, m.projects_error_population_group({}, { locale }));
		seen.add(row.populationGroupId);
		for (const code of Object.keys(row.values))
			if (!codes.has(code))
				say(`beneficiaries.${i}.values.${code}`, m.projects_error_sex_age({ code }, { locale }));
	});
}

/** The lines must add up to the total the partner states. */
function checkBudget(sheet: Sheet, locale: Locale, say: Say) {
	if (!sheet.budgetLines.length || sheet.budgetUsd === null) return;
	const sum = budgetTotal({ budgetUsd: null, budgetLines: sheet.budgetLines });
	if (usdToCents(sum) !== usdToCents(sheet.budgetUsd))
		say('budgetUsd', m.projects_error_budget_sum({ sum, total: sheet.budgetUsd }, { locale }));
}

/** One thing the sheet still lacks for submission, and the step where it is filled in. */
export interface Missing {
	section: SheetSection;
	path: string;
	message: string;
}

/** What must be filled in before the sheet can be submitted: the checklist, in the order of the steps. */
export function missingForSubmission(
	sheet: Sheet,
	context: Pick<SheetContext, 'questions' | 'locale'>
): Missing[] {
	const { locale } = context;
	const missing: Missing[] = [];
	const need = (section: SheetSection, path: string, message: string) =>
		missing.push({ section, path, message });
	if (!sheet.objectives.trim()) need('general', 'objectives', m.projects_missing_objectives({}, { locale }));
	if (!sheet.description.trim())
		need('general', 'description', m.projects_missing_description({}, { locale }));
	if (!sheet.startsOn || !sheet.endsOn) need('general', 'startsOn', m.projects_missing_dates({}, { locale }));
	if (!sheet.genderAgeMarker) need('general', 'genderAgeMarker', m.projects_missing_marker({}, { locale }));
	if (!sheet.activityIds.length)
		need('framework', 'activityIds', m.projects_missing_activities({}, { locale }));
	if (!sheet.targets.length) need('framework', 'targets', m.projects_missing_targets({}, { locale }));
	const placesTotal = sheet.places.reduce((sum, p) => sum + p.peopleTargeted, 0);
	if (!sheet.places.length || placesTotal === 0)
		need('places', 'places', m.projects_missing_places({}, { locale }));
	const beneficiariesTotal = sheet.beneficiaries.reduce(
		(sum, row) => sum + Object.values(row.values).reduce((a, b) => a + b, 0),
		0
	);
	if (!beneficiariesTotal)
		need('beneficiaries', 'beneficiaries', m.projects_missing_beneficiaries({}, { locale }));
	else if (beneficiariesTotal !== placesTotal)
		need(
			'beneficiaries',
			'beneficiaries',
			m.projects_missing_beneficiaries_total(
				{ beneficiaries: beneficiariesTotal, places: placesTotal },
				{ locale }
			)
		);
	if (!sheet.budgetLines.length || usdToCents(budgetTotal(sheet)) === 0n)
		need('budget', 'budgetLines', m.projects_missing_budget({}, { locale }));
	for (const e of unansweredRequired(context.questions, sheet.answers, locale))
		need('questions', e.path, e.message);
	if (!sheet.contactIds.length) need('contacts', 'contactIds', m.projects_missing_contacts({}, { locale }));
	return missing;
}
