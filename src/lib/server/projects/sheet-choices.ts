/**
 * What each step of the sheet editor offers to choose from: the plan's clusters, the framework of
 * the project's clusters, the regions and cercles of the plan's country, the population groups, the
 * plan's questions, and people and organisations of the directory. Reading only: the sheet's rules
 * (sheet-rules.ts) check again whatever comes back.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	activity,
	cluster,
	clusterObjective,
	indicator,
	location,
	organisation,
	person,
	planCluster,
	populationGroup,
	strategicObjective,
	type IndicatorUnit
} from '../db/schema';
import type { Locale } from '../i18n';
import { activityCode, indicatorCode, objectiveCode } from '../plans/framework/codes';
import { matchesText } from '../db/search';
import { isId } from '../directory/schema';

const title = (row: { titleFr: string; titleEn: string | null }, locale: Locale) =>
	locale === 'en' && row.titleEn ? row.titleEn : row.titleFr;

/** The clusters taking part in the plan, lead cluster first. */
export async function planClusterChoices(
	db: Executor,
	planId: string,
	leadClusterId: string,
	locale: Locale
) {
	const rows = await db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(planCluster)
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(eq(planCluster.planId, planId))
		.orderBy(asc(cluster.code));
	return rows
		.map((c) => ({ id: c.id, code: c.code, name: locale === 'en' ? c.nameEn : c.nameFr }))
		.sort((a, b) => Number(b.id === leadClusterId) - Number(a.id === leadClusterId));
}

export interface IndicatorChoice {
	id: string;
	code: string;
	title: string;
	unit: IndicatorUnit;
}
export interface ActivityChoice {
	id: string;
	code: string;
	title: string;
	indicators: IndicatorChoice[];
}
export interface ObjectiveChoice {
	id: string;
	code: string;
	title: string;
	clusterCode: string;
	activities: ActivityChoice[];
}

/** The plan's cluster objectives → activities → indicators in the given clusters, in the framework's order. */
export async function frameworkChoices(
	db: Executor,
	planId: string,
	clusterIds: string[],
	locale: Locale
): Promise<ObjectiveChoice[]> {
	if (!clusterIds.length) return [];
	const objectives = await db
		.select({
			id: clusterObjective.id,
			so: strategicObjective.number,
			number: clusterObjective.number,
			titleFr: clusterObjective.titleFr,
			titleEn: clusterObjective.titleEn,
			clusterCode: cluster.code
		})
		.from(clusterObjective)
		.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
		.where(and(eq(planCluster.planId, planId), inArray(planCluster.clusterId, clusterIds)))
		// Positions count within each strategic objective: CO1.1, CO1.2, then CO3.1.
		.orderBy(asc(cluster.code), asc(strategicObjective.position), asc(clusterObjective.position));
	if (!objectives.length) return [];
	const activities = await db
		.select()
		.from(activity)
		.where(
			inArray(
				activity.clusterObjectiveId,
				objectives.map((o) => o.id)
			)
		)
		.orderBy(asc(activity.position));
	const indicators = activities.length
		? await db
				.select()
				.from(indicator)
				.where(
					inArray(
						indicator.activityId,
						activities.map((a) => a.id)
					)
				)
				.orderBy(asc(indicator.position))
		: [];
	return objectives.map((o) => ({
		id: o.id,
		code: objectiveCode(o.so, o.number),
		title: title(o, locale),
		clusterCode: o.clusterCode,
		activities: activities
			.filter((a) => a.clusterObjectiveId === o.id)
			.map((a) => ({
				id: a.id,
				code: activityCode(o.so, o.number, a.number),
				title: title(a, locale),
				indicators: indicators
					.filter((i) => i.activityId === a.id)
					.map((i) => ({
						id: i.id,
						code: indicatorCode(o.so, o.number, a.number, i.number),
						title: title(i, locale),
						unit: i.unit
					}))
			}))
	}));
}

export interface PlaceChoice {
	id: string;
	pcode: string;
	name: string;
}
export interface RegionChoice extends PlaceChoice {
	cercles: PlaceChoice[];
}

/**
 * The regions (admin1) of the country and their cercles (admin2): a country has tens of them.
 * Retired places are left out unless the project already names them.
 */
export async function placeChoices(
	db: Executor,
	countryId: string,
	keep: string[] = []
): Promise<RegionChoice[]> {
	const current = or(isNull(location.retiredAt), keep.length ? inArray(location.id, keep) : sql`false`);
	const regions = await db
		.select({ id: location.id, pcode: location.pcode, name: location.name })
		.from(location)
		.where(and(eq(location.parentId, countryId), eq(location.level, 1), current))
		.orderBy(asc(location.pcode));
	const cercles = regions.length
		? await db
				.select({ id: location.id, pcode: location.pcode, name: location.name, parentId: location.parentId })
				.from(location)
				.where(
					and(
						inArray(
							location.parentId,
							regions.map((r) => r.id)
						),
						eq(location.level, 2),
						current
					)
				)
				.orderBy(asc(location.pcode))
		: [];
	return regions.map((r) => ({
		...r,
		cercles: cercles.filter((c) => c.parentId === r.id).map(({ id, pcode, name }) => ({ id, pcode, name }))
	}));
}

/** The population groups of the given clusters, in their order. */
export async function populationGroupChoices(db: Executor, clusterIds: string[], locale: Locale) {
	if (!clusterIds.length) return [];
	const rows = await db
		.select({
			id: populationGroup.id,
			nameFr: populationGroup.nameFr,
			nameEn: populationGroup.nameEn,
			clusterCode: cluster.code
		})
		.from(populationGroup)
		.innerJoin(cluster, eq(cluster.id, populationGroup.clusterId))
		.where(inArray(populationGroup.clusterId, clusterIds))
		.orderBy(asc(cluster.code), asc(populationGroup.position));
	const several = new Set(rows.map((r) => r.clusterCode)).size > 1;
	return rows.map((r) => {
		const name = locale === 'en' ? r.nameEn : r.nameFr;
		return { id: r.id, name: several ? `${name} (${r.clusterCode})` : name };
	});
}

export interface DirectoryChoice {
	id: string;
	label: string;
}

const organisationLabel = (o: { name: string; acronym: string | null }) =>
	o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name;
const personLabel = (p: { name: string; organisationName: string | null; jobTitle: string | null }) =>
	[p.name, p.jobTitle, p.organisationName].filter(Boolean).join(' — ');

/** The names of organisations by id (the chosen partners), in the order given; other ids are left out. */
export async function organisationNames(db: Executor, given: string[]): Promise<DirectoryChoice[]> {
	const ids = given.filter(isId);
	if (!ids.length) return [];
	const rows = await db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(inArray(organisation.id, ids));
	const byId = new Map(rows.map((r) => [r.id, { id: r.id, label: organisationLabel(r) }]));
	return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

const personColumns = {
	id: person.id,
	name: person.name,
	jobTitle: person.jobTitle,
	organisationName: organisation.name
};

/** The names of people by id (the chosen contacts), in the order given; other ids are left out. */
export async function personNames(db: Executor, given: string[]): Promise<DirectoryChoice[]> {
	const ids = given.filter(isId);
	if (!ids.length) return [];
	const rows = await db
		.select(personColumns)
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(inArray(person.id, ids));
	const byId = new Map(rows.map((r) => [r.id, { id: r.id, label: personLabel(r) }]));
	return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

const SHOWN = 15;

/** Organisations whose name or acronym contains what was typed (accents and case ignored). */
export async function findOrganisations(db: Executor, q: string): Promise<DirectoryChoice[]> {
	if (!q) return [];
	const rows = await db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(matchesText(q, organisation.name, organisation.acronym))
		.orderBy(asc(sql`concerto_fold(${organisation.name})`))
		.limit(SHOWN);
	return rows.map((r) => ({ id: r.id, label: organisationLabel(r) }));
}

/** People whose name contains what was typed; erased people are not offered. */
export async function findPeople(db: Executor, q: string): Promise<DirectoryChoice[]> {
	if (!q) return [];
	const rows = await db
		.select(personColumns)
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(and(matchesText(q, person.name), isNull(person.erasedAt)))
		.orderBy(asc(sql`concerto_fold(${person.name})`))
		.limit(SHOWN);
	return rows.map((r) => ({ id: r.id, label: personLabel(r) }));
}

/** The people of an organisation (the appealing one's staff: the likely contacts). */
export async function organisationPeople(db: Executor, organisationId: string): Promise<DirectoryChoice[]> {
	const rows = await db
		.select(personColumns)
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(and(eq(person.organisationId, organisationId), isNull(person.erasedAt)))
		.orderBy(asc(sql`concerto_fold(${person.name})`))
		.limit(30);
	return rows.map((r) => ({ id: r.id, label: personLabel(r) }));
}
