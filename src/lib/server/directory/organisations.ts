import { parseInput } from '../validation';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import { organisation, person } from '../db/schema';
import { matchesText } from '../db/search';
import {
	authorize,
	editableOrganisations,
	editsOrganisation,
	managesDirectory,
	readsDirectory
} from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId, organisationInput, organisationListQuery } from './schema';

export type Organisation = typeof organisation.$inferSelect;

/** Alphabetical as people read it: "acf" next to "ACF", "École" among the E. */
const byName = [asc(sql`concerto_fold(${organisation.name})`), asc(organisation.name)];

/** `query` as it comes from a URL or the API; it is validated here. */
export async function listOrganisations(ctx: Ctx, query: Record<string, unknown>) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { q, type, limit, offset } = parseInput(organisationListQuery, query, ctx.locale);
	const where = and(
		matchesText(q, organisation.name, organisation.acronym),
		type ? eq(organisation.type, type) : undefined
	);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select()
			.from(organisation)
			.where(where)
			.orderBy(...byName)
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(organisation).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

export async function getOrganisation(ctx: Ctx, id: string): Promise<Organisation> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(organisation).where(eq(organisation.id, id));
	if (!row) throw new NotFoundError();
	return row;
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
	const values = parseInput(organisationInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(organisation).values(values).returning();
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'organisation',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
}

export async function updateOrganisation(ctx: Ctx, id: string, input: unknown): Promise<Organisation> {
	const before = await getOrganisationForEdit(ctx, id);
	const values = parseInput(organisationInput.partial(), input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(organisation)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(organisation.id, id))
			.returning();
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'organisation',
			entityId: id,
			before,
			after: row
		});
		return row!;
	});
}

/** People of the organisation stay in the directory, without an organisation. */
export async function deleteOrganisation(ctx: Ctx, id: string): Promise<void> {
	const before = await getOrganisationForDelete(ctx, id);
	await ctx.db.transaction(async (tx) => {
		await tx.delete(organisation).where(eq(organisation.id, id));
		await recordAudit(tx, ctx.actor, { action: 'delete', entityType: 'organisation', entityId: id, before });
	});
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
