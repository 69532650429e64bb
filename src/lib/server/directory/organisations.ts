import { parseInput } from '../validation';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import {
	cluster,
	location,
	membership,
	organisation,
	organisationLocation,
	organisationLogo,
	person,
	roleGrant
} from '../db/schema';
import { matchesText } from '../db/search';
import {
	authorize,
	editableOrganisations,
	editsOrganisation,
	managesDirectory,
	readsDirectory
} from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError, ValidationError } from '../errors';
import { inCluster, inPlace } from './filters';
import { isId, organisationFilters, organisationInput, organisationListQuery } from './schema';
import { m } from '$lib/paraglide/messages';

export type Organisation = typeof organisation.$inferSelect;
export type OrganisationFilters = z.output<typeof organisationFilters>;

/** Alphabetical as people read it: "acf" next to "ACF", "École" among the E. */
const byName = [asc(sql`concerto_fold(${organisation.name})`), asc(organisation.name)];

const sorts: Record<OrganisationFilters['sort'], SQL[]> = {
	name: byName,
	acronym: [asc(sql`concerto_fold(coalesce(${organisation.acronym}, ${organisation.name}))`), ...byName],
	type: [asc(organisation.type), ...byName],
	updated: [desc(organisation.updatedAt), ...byName]
};

/** What the list filters select, shared by the list page, the API and the exports. */
export function organisationWhere(filters: OrganisationFilters): SQL | undefined {
	return and(
		matchesText(filters.q, organisation.name, organisation.acronym),
		filters.type ? eq(organisation.type, filters.type) : undefined,
		filters.cluster || filters.stage ? inCluster(organisation.id, filters.cluster, filters.stage) : undefined,
		filters.place ? inPlace(organisation.id, filters.place) : undefined
	);
}

export function organisationOrder(filters: OrganisationFilters): SQL[] {
	return sorts[filters.sort];
}

/** `query` as it comes from a URL or the API; it is validated here. */
export async function listOrganisations(ctx: Ctx, query: Record<string, unknown>) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { limit, offset, ...filters } = parseInput(organisationListQuery, query, ctx.locale);
	const where = organisationWhere(filters);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select()
			.from(organisation)
			.where(where)
			.orderBy(...organisationOrder(filters))
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(organisation).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** The places where an organisation works, by P-code. */
export async function placesOf(ctx: Ctx, id: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	return ctx.db
		.select({ pcode: location.pcode, name: location.name, level: location.level })
		.from(organisationLocation)
		.innerJoin(location, eq(location.id, organisationLocation.locationId))
		.where(eq(organisationLocation.organisationId, id))
		.orderBy(asc(location.pcode));
}

export async function getOrganisation(ctx: Ctx, id: string): Promise<Organisation> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(organisation).where(eq(organisation.id, id));
	if (!row) throw new NotFoundError();
	return row;
}

/** One organisation with where it works and whether it has a logo (its page, the API). */
export async function getOrganisationDetail(ctx: Ctx, id: string) {
	const row = await getOrganisation(ctx, id);
	const [places, [logo]] = await Promise.all([
		placesOf(ctx, id),
		ctx.db
			.select({ id: organisationLogo.organisationId })
			.from(organisationLogo)
			.where(eq(organisationLogo.organisationId, id))
	]);
	return { ...row, places, hasLogo: Boolean(logo) };
}

/** The organisation as its edit form needs it; refused to anyone who may not change it. */
export async function getOrganisationForEdit(ctx: Ctx, id: string): Promise<Organisation> {
	const row = await getOrganisation(ctx, id);
	authorize(ctx.actor, editsOrganisation(ctx.actor, id));
	return row;
}

/** The organisation as the delete confirmation shows it; refused to anyone who may not delete it. */
export async function getOrganisationForDelete(ctx: Ctx, id: string): Promise<Organisation> {
	const row = await getOrganisation(ctx, id);
	authorize(ctx.actor, managesDirectory(ctx.actor));
	return row;
}

/**
 * Every organisation by name, for a select box; with `editableOnly`, only those whose people the
 * user may add or move (a focal point gets their own organisation).
 */
export async function organisationOptions(ctx: Ctx, { editableOnly = false } = {}) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const editable = editableOnly ? editableOrganisations(ctx.actor) : 'all';
	if (editable !== 'all' && editable.length === 0) return [];
	return ctx.db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(editable === 'all' ? undefined : inArray(organisation.id, editable))
		.orderBy(...byName);
}

export async function createOrganisation(ctx: Ctx, input: unknown): Promise<Organisation> {
	authorize(ctx.actor, managesDirectory(ctx.actor));
	const { places, ...values } = parseInput(organisationInput, input, ctx.locale);
	const locationIds = await resolvePlaces(ctx, places);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(organisation).values(values).returning();
		if (locationIds) await setPlaces(tx, row!.id, locationIds);
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'organisation',
			entityId: row!.id,
			after: { ...row, places }
		});
		return row!;
	});
}

export async function updateOrganisation(ctx: Ctx, id: string, input: unknown): Promise<Organisation> {
	const before = await getOrganisationForEdit(ctx, id);
	const { places, ...values } = parseInput(organisationInput.partial(), input, ctx.locale);
	const locationIds = await resolvePlaces(ctx, places);
	const placesBefore = places ? (await placesOf(ctx, id)).map((p) => p.pcode) : undefined;
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(organisation)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(organisation.id, id))
			.returning();
		if (locationIds) await setPlaces(tx, id, locationIds);
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'organisation',
			entityId: id,
			before: { ...before, places: placesBefore },
			after: { ...row, places }
		});
		return row!;
	});
}

/**
 * People of the organisation stay in the directory, without an organisation; its role grants,
 * memberships and places go with it and cluster leads are left empty. The audit event lists all of
 * them, so the deletion can be understood and undone by hand.
 */
export async function deleteOrganisation(ctx: Ctx, id: string): Promise<void> {
	const before = await getOrganisationForDelete(ctx, id);
	await ctx.db.transaction(async (tx) => {
		const links = await linksOf(tx, id);
		await tx.delete(organisation).where(eq(organisation.id, id));
		await recordAudit(tx, ctx.actor, {
			action: 'delete',
			entityType: 'organisation',
			entityId: id,
			before: { ...before, ...links }
		});
	});
}

async function linksOf(tx: Executor, id: string) {
	// One after the other: queries of one transaction share its connection.
	const people = await tx.select({ id: person.id }).from(person).where(eq(person.organisationId, id));
	const grants = await tx
		.select({ userId: roleGrant.userId, role: roleGrant.role })
		.from(roleGrant)
		.where(eq(roleGrant.organisationId, id));
	const memberships = await tx
		.select({ clusterId: membership.clusterId, stage: membership.stage })
		.from(membership)
		.where(eq(membership.organisationId, id));
	const places = await tx
		.select({ locationId: organisationLocation.locationId })
		.from(organisationLocation)
		.where(eq(organisationLocation.organisationId, id));
	const leads = await tx
		.select({ id: cluster.id, lead: cluster.leadOrganisationId, coLead: cluster.coLeadOrganisationId })
		.from(cluster)
		.where(or(eq(cluster.leadOrganisationId, id), eq(cluster.coLeadOrganisationId, id)));
	return {
		peopleIds: people.map((p) => p.id),
		roleGrants: grants,
		memberships,
		locationIds: places.map((p) => p.locationId),
		clustersLed: leads.map((c) => ({ clusterId: c.id, as: c.lead === id ? 'lead' : 'co-lead' }))
	};
}

export async function countPeopleOf(ctx: Ctx, id: string): Promise<number> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const [row] = await ctx.db.select({ n: count() }).from(person).where(eq(person.organisationId, id));
	return row?.n ?? 0;
}

/** How many people each of these organisations has (one query, for a list page). */
export async function countPeopleByOrganisation(ctx: Ctx, ids: string[]): Promise<Map<string, number>> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (ids.length === 0) return new Map();
	const rows = await ctx.db
		.select({ id: person.organisationId, n: count() })
		.from(person)
		.where(inArray(person.organisationId, ids))
		.groupBy(person.organisationId);
	return new Map(rows.map((r) => [r.id!, r.n]));
}

/** The ids of these P-codes; an unknown one is the user's mistake, named in the message. */
async function resolvePlaces(ctx: Ctx, pcodes: string[] | undefined): Promise<string[] | undefined> {
	if (!pcodes) return undefined;
	const unique = [...new Set(pcodes)];
	if (unique.length === 0) return [];
	const rows = await ctx.db
		.select({ id: location.id, pcode: location.pcode })
		.from(location)
		.where(inArray(location.pcode, unique));
	const unknown = unique.filter((code) => !rows.some((r) => r.pcode === code));
	if (unknown.length)
		throw new ValidationError([
			{
				path: 'places',
				message: m.directory_error_unknown_pcode({ codes: unknown.join(', ') }, { locale: ctx.locale })
			}
		]);
	return rows.map((r) => r.id);
}

async function setPlaces(tx: Executor, organisationId: string, locationIds: string[]) {
	await tx.delete(organisationLocation).where(eq(organisationLocation.organisationId, organisationId));
	if (locationIds.length)
		await tx
			.insert(organisationLocation)
			.values(locationIds.map((locationId) => ({ organisationId, locationId })));
}
