import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context';
import { organisation, person } from '../db/schema';
import { matchesText } from '../db/search';
import { authorize, editsOrganisation, managesDirectory, readsDirectory } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { parseInput } from '../validation';
import { organisationInput, organisationListQuery } from './schema';

export type Organisation = typeof organisation.$inferSelect;

export async function listOrganisations(ctx: Ctx, query: z.input<typeof organisationListQuery>) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { q, type, limit, offset } = parseInput(organisationListQuery, query, ctx.locale);
	const where = and(
		matchesText(q, organisation.name, organisation.acronym),
		type ? eq(organisation.type, type) : undefined
	);
	const [items, [total]] = await Promise.all([
		ctx.db.select().from(organisation).where(where).orderBy(asc(organisation.name)).limit(limit).offset(offset),
		ctx.db.select({ n: count() }).from(organisation).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

export async function getOrganisation(ctx: Ctx, id: string): Promise<Organisation> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const [row] = await ctx.db.select().from(organisation).where(eq(organisation.id, id));
	if (!row) throw new NotFoundError();
	return row;
}

export async function createOrganisation(ctx: Ctx, input: unknown): Promise<Organisation> {
	authorize(ctx.actor, managesDirectory(ctx.actor));
	const values = parseInput(organisationInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(organisation).values(values).returning();
		await recordAudit(tx, ctx.actor, { action: 'create', entityType: 'organisation', entityId: row!.id, after: row });
		return row!;
	});
}

export async function updateOrganisation(ctx: Ctx, id: string, input: unknown): Promise<Organisation> {
	const before = await getOrganisation(ctx, id);
	authorize(ctx.actor, editsOrganisation(ctx.actor, id));
	const values = parseInput(organisationInput.partial(), input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(organisation)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(organisation.id, id))
			.returning();
		await recordAudit(tx, ctx.actor, { action: 'update', entityType: 'organisation', entityId: id, before, after: row });
		return row!;
	});
}

/** People of the organisation stay in the directory, without an organisation. */
export async function deleteOrganisation(ctx: Ctx, id: string): Promise<void> {
	const before = await getOrganisation(ctx, id);
	authorize(ctx.actor, managesDirectory(ctx.actor));
	await ctx.db.transaction(async (tx) => {
		await tx.delete(organisation).where(eq(organisation.id, id));
		await recordAudit(tx, ctx.actor, { action: 'delete', entityType: 'organisation', entityId: id, before });
	});
}

export async function countPeopleOf(ctx: Ctx, id: string): Promise<number> {
	const [row] = await ctx.db.select({ n: count() }).from(person).where(eq(person.organisationId, id));
	return row?.n ?? 0;
}
