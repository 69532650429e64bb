/**
 * Finding who is responsible for an action in the directory: a few organisations and people whose
 * name (or acronym) contains what the coordinator typed — never a list of every organisation.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import { organisation, person } from '../db/schema';
import { authorize } from '../access/policy';
import { matchesText } from '../db/search';
import { isId } from '../directory/schema';

const SHOWN = 10;

export async function findResponsible(ctx: Ctx, text: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = typeof text === 'string' ? text.trim().slice(0, 200) : '';
	if (!q) return { q, organisations: [], people: [] };
	const [organisations, people] = await Promise.all([
		ctx.db
			.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
			.from(organisation)
			.where(matchesText(q, organisation.name, organisation.acronym))
			.orderBy(asc(sql`concerto_fold(${organisation.name})`))
			.limit(SHOWN),
		ctx.db
			.select({ id: person.id, name: person.name, organisationName: organisation.name })
			.from(person)
			.leftJoin(organisation, eq(organisation.id, person.organisationId))
			.where(matchesText(q, person.name))
			.orderBy(asc(sql`concerto_fold(${person.name})`))
			.limit(SHOWN)
	]);
	return { q, organisations, people };
}

/** The names of the chosen organisation and person, to show them on a form sent back. */
export async function responsibleNames(ctx: Ctx, organisationId: unknown, personId: unknown) {
	const [org] =
		typeof organisationId === 'string' && isId(organisationId)
			? await ctx.db
					.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
					.from(organisation)
					.where(eq(organisation.id, organisationId))
			: [];
	const [who] =
		typeof personId === 'string' && isId(personId)
			? await ctx.db
					.select({ id: person.id, name: person.name, organisationName: organisation.name })
					.from(person)
					.leftJoin(organisation, eq(organisation.id, person.organisationId))
					.where(eq(person.id, personId))
			: [];
	return { organisation: org ?? null, person: who ?? null };
}
