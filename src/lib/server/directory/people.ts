import { parseInput } from '../validation';
import { and, arrayContains, asc, count, desc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context';
import { organisation, person } from '../db/schema';
import { matchesFoldedText, matchesText } from '../db/search';
import { authorize, editsOrganisation, readsDirectory } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { inCluster } from './filters';
import { isId, personFilters, personInput, personListQuery } from './schema';
import { m } from '$lib/paraglide/messages';

export type Person = typeof person.$inferSelect;
export type PersonWithOrganisation = Person & {
	organisationName: string | null;
	organisationAcronym: string | null;
};

// The search column is for the database only.
const { searchText, ...personColumns } = getTableColumns(person);

const withOrganisation = {
	...personColumns,
	organisationName: organisation.name,
	organisationAcronym: organisation.acronym
};

export type PersonFilters = z.output<typeof personFilters>;

const byName = [asc(sql`concerto_fold(${person.name})`), asc(person.name)];
const sorts: Record<PersonFilters['sort'], SQL[]> = {
	name: byName,
	// lower() rather than folding: acronyms rarely carry accents, and this sort runs on every row.
	organisation: [asc(sql`lower(coalesce(${organisation.acronym}, ${organisation.name}))`), ...byName],
	updated: [desc(person.updatedAt), ...byName]
};

/** Name, e-mail or function of the person, or name or acronym of their organisation ("oim"). */
function matchesPerson(q: string | undefined): SQL | undefined {
	if (!q) return undefined;
	const organisations = sql`select ${organisation.id} from ${organisation} where ${matchesText(q, organisation.name, organisation.acronym)}`;
	return or(matchesFoldedText(q, searchText), sql`${person.organisationId} in (${organisations})`);
}

/** What the list filters select (the query joins the person's organisation), shared with exports. */
export function personWhere(filters: PersonFilters): SQL | undefined {
	return and(
		matchesPerson(filters.q),
		filters.organisation ? eq(person.organisationId, filters.organisation) : undefined,
		filters.type ? eq(organisation.type, filters.type) : undefined,
		filters.cluster ? inCluster(person.organisationId, filters.cluster) : undefined,
		filters.language ? arrayContains(person.languages, [filters.language]) : undefined
	);
}

export function personOrder(filters: PersonFilters): SQL[] {
	return sorts[filters.sort];
}

/** `query` as it comes from a URL or the API; it is validated here. */
export async function listPeople(ctx: Ctx, query: Record<string, unknown>) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { limit, offset, ...filters } = parseInput(personListQuery, query, ctx.locale);
	const where = personWhere(filters);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select(withOrganisation)
			.from(person)
			.leftJoin(organisation, eq(organisation.id, person.organisationId))
			.where(where)
			.orderBy(...personOrder(filters))
			.limit(limit)
			.offset(offset),
		ctx.db
			.select({ n: count() })
			.from(person)
			.leftJoin(organisation, eq(organisation.id, person.organisationId))
			.where(where)
	]);
	return { items: items as PersonWithOrganisation[], total: total?.n ?? 0 };
}

export async function getPerson(ctx: Ctx, id: string): Promise<PersonWithOrganisation> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select(withOrganisation)
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(eq(person.id, id));
	if (!row) throw new NotFoundError();
	return row as PersonWithOrganisation;
}

/**
 * The person as their edit form or delete confirmation needs them; refused to anyone who may not
 * change the people of the person's organisation (a focal point of another organisation).
 */
export async function getPersonForEdit(ctx: Ctx, id: string): Promise<PersonWithOrganisation> {
	const row = await getPerson(ctx, id);
	authorize(ctx.actor, editsOrganisation(ctx.actor, row.organisationId));
	return row;
}

export async function createPerson(ctx: Ctx, input: unknown): Promise<Person> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const values = parseInput(personInput, input, ctx.locale);
	authorize(ctx.actor, editsOrganisation(ctx.actor, values.organisationId));
	return ctx.db.transaction(async (tx) => {
		await assertOrganisationExists(ctx, tx, values.organisationId);
		const [row] = await tx.insert(person).values(values).returning();
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'person',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
}

/** Moving a person to another organisation needs the right on both. */
export async function updatePerson(ctx: Ctx, id: string, input: unknown): Promise<Person> {
	const before = await getPersonForEdit(ctx, id);
	// Someone who asked to be forgotten is not brought back by an edit.
	if (before.erasedAt)
		throw new ConflictError([{ path: '', message: m.directory_error_erased({}, { locale: ctx.locale }) }]);
	const values = parseInput(personInput.partial(), input, ctx.locale);
	if (values.organisationId !== undefined) {
		authorize(ctx.actor, editsOrganisation(ctx.actor, values.organisationId));
	}
	return ctx.db.transaction(async (tx) => {
		if (values.organisationId) await assertOrganisationExists(ctx, tx, values.organisationId);
		const [row] = await tx
			.update(person)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(person.id, id))
			.returning();
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'person',
			entityId: id,
			before,
			after: row
		});
		return row!;
	});
}

export async function deletePerson(ctx: Ctx, id: string): Promise<void> {
	const before = await getPersonForEdit(ctx, id);
	await ctx.db.transaction(async (tx) => {
		await tx.delete(person).where(eq(person.id, id));
		await recordAudit(tx, ctx.actor, { action: 'delete', entityType: 'person', entityId: id, before });
	});
}

async function assertOrganisationExists(ctx: Ctx, tx: Pick<Ctx['db'], 'select'>, id: string | null) {
	if (!id) return;
	const [row] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id));
	if (!row) {
		throw new ValidationError([
			{ path: 'organisationId', message: m.error_unknown_organisation({}, { locale: ctx.locale }) }
		]);
	}
}
