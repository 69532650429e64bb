/**
 * Possible duplicates in the directory, on entry: `findSimilar` for the forms and the importer,
 * `similarTo` for a record's page — each match with the reasons it looks like the same record: the
 * same e-mail, a near-identical name (with its trigram score), the same acronym, the same e-mail
 * domain or one a letter or two away. The review list of all pairs is in list-duplicates.ts.
 */
import { and, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import { organisation, person } from '../db/schema';
import { authorize, readsDirectory } from '../access/policy';
import { NotFoundError } from '../errors';
import { isId } from './schema';
import { comparableDomain, nearDomains, websiteDomain } from './email-domains';
import { domainsOf, NAME_THRESHOLD, round, strength, type DuplicateReason } from './duplicate-reasons';

export { NAME_THRESHOLD, type DuplicateReason } from './duplicate-reasons';
export {
	DUPLICATE_KINDS,
	duplicatesQuery,
	listDuplicates,
	MAX_RANK,
	type DuplicateKind,
	type DuplicateList,
	type DuplicatePair,
	type OrganisationSide,
	type PersonSide
} from './list-duplicates';

export type Candidate =
	| {
			kind: 'organisation';
			name: string;
			acronym?: string | null;
			emailDomains?: readonly string[] | null;
			website?: string | null;
	  }
	| { kind: 'person'; name: string; email?: string | null };

export interface OrganisationMatch {
	kind: 'organisation';
	id: string;
	name: string;
	acronym: string | null;
	reasons: DuplicateReason[];
}

export interface PersonMatch {
	kind: 'person';
	id: string;
	name: string;
	email: string | null;
	organisationId: string | null;
	organisationName: string | null;
	organisationAcronym: string | null;
	reasons: DuplicateReason[];
}

export type SimilarRecord = OrganisationMatch | PersonMatch;

/**
 * Records already in the directory that look like `candidate` (what a form or an import row is about
 * to save), strongest first; `excludeId` leaves out the record being edited. Any signed-in user may
 * ask: they see the directory anyway, and a focal point adding a colleague should be warned too.
 * Uses the trigram indexes on `concerto_fold(name)`, acronym and e-mail: one index probe per field.
 */
export async function findSimilar(
	ctx: Ctx,
	candidate: Candidate,
	excludeId?: string | null,
	limit = 10
): Promise<SimilarRecord[]> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const found =
		candidate.kind === 'organisation'
			? await similarOrganisations(ctx, candidate, excludeId ?? null)
			: await similarPeople(ctx, candidate, excludeId ?? null);
	return found
		.filter((match) => match.reasons.length > 0)
		.sort((a, b) => strength(b.reasons) - strength(a.reasons) || a.name.localeCompare(b.name))
		.slice(0, limit);
}

/** `%` with our threshold rather than pg_trgm's default 0.3, which would bring back half the Traorés. */
async function withNameThreshold<T>(ctx: Ctx, run: (tx: Ctx['db']) => Promise<T>): Promise<T> {
	return ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_THRESHOLD)}, true)`);
		return run(tx as unknown as Ctx['db']);
	});
}

const notExcluded = (column: typeof organisation.id | typeof person.id, excludeId: string | null) =>
	excludeId && isId(excludeId) ? ne(column, excludeId) : undefined;

async function similarOrganisations(
	ctx: Ctx,
	candidate: Extract<Candidate, { kind: 'organisation' }>,
	excludeId: string | null
): Promise<OrganisationMatch[]> {
	const name = candidate.name.trim();
	const acronym = candidate.acronym?.trim() || null;
	const domains = [
		...new Set(
			[...(candidate.emailDomains ?? []).map(comparableDomain), websiteDomain(candidate.website)].filter(
				(d): d is string => d !== null
			)
		)
	];
	const fold = (value: string) => sql`concerto_fold(${value})`;
	const byName: SQL[] = [];
	if (name) {
		byName.push(sql`concerto_fold(${organisation.name}) % ${fold(name)}`);
		byName.push(sql`concerto_fold(${organisation.acronym}) = ${fold(name)}`);
	}
	if (acronym) {
		byName.push(sql`concerto_fold(${organisation.acronym}) = ${fold(acronym)}`);
		byName.push(sql`concerto_fold(${organisation.name}) = ${fold(acronym)}`);
	}
	const matches = new Map<string, OrganisationMatch>();
	const matchOf = (row: { id: string; name: string; acronym: string | null }) =>
		matches.get(row.id) ?? matches.set(row.id, { kind: 'organisation', ...row, reasons: [] }).get(row.id)!;

	if (byName.length) {
		const nameScore = name
			? sql<number>`similarity(concerto_fold(${organisation.name}), ${fold(name)})`
			: sql<number>`0`;
		const rows = await withNameThreshold(ctx, (tx) =>
			tx
				.select({
					id: organisation.id,
					name: organisation.name,
					acronym: organisation.acronym,
					score: nameScore,
					sameAcronym: acronym
						? sql<boolean>`coalesce(concerto_fold(${organisation.acronym}) = ${fold(acronym)}, false)`
						: sql<boolean>`false`,
					acronymIsName: name
						? sql<boolean>`coalesce(concerto_fold(${organisation.acronym}) = ${fold(name)}, false)`
						: sql<boolean>`false`,
					nameIsAcronym: acronym
						? sql<boolean>`concerto_fold(${organisation.name}) = ${fold(acronym)}`
						: sql<boolean>`false`
				})
				.from(organisation)
				.where(and(or(...byName), notExcluded(organisation.id, excludeId)))
				.orderBy(desc(nameScore))
				.limit(50)
		);
		for (const row of rows) {
			const match = matchOf(row);
			const score = Number(row.score);
			if (score >= NAME_THRESHOLD) match.reasons.push({ kind: 'similar-name', score: round(score) });
			if (row.sameAcronym) match.reasons.push({ kind: 'same-acronym', acronym: row.acronym! });
			else if (row.acronymIsName || row.nameIsAcronym)
				match.reasons.push({ kind: 'same-acronym', acronym: row.nameIsAcronym ? row.name : row.acronym! });
		}
	}

	if (domains.length) {
		// Few organisations give domains, and the near ones cannot be looked up by index: read them all.
		const rows = await ctx.db
			.select({
				id: organisation.id,
				name: organisation.name,
				acronym: organisation.acronym,
				emailDomains: organisation.emailDomains,
				website: organisation.website
			})
			.from(organisation)
			.where(
				and(
					or(sql`cardinality(${organisation.emailDomains}) > 0`, sql`${organisation.website} is not null`),
					notExcluded(organisation.id, excludeId)
				)
			);
		for (const row of rows) {
			const theirs = domainsOf(row);
			for (const mine of domains) {
				for (const other of theirs) {
					if (mine === other) matchOf(row).reasons.push({ kind: 'same-domain', domain: mine });
					else {
						const near = nearDomains(mine, other);
						if (near)
							matchOf(row).reasons.push({
								kind: 'near-domain',
								domain: mine,
								otherDomain: other,
								edits: near.edits
							});
					}
				}
			}
		}
	}
	return [...matches.values()];
}

async function similarPeople(
	ctx: Ctx,
	candidate: Extract<Candidate, { kind: 'person' }>,
	excludeId: string | null
): Promise<PersonMatch[]> {
	const name = candidate.name.trim();
	const email = candidate.email?.trim() || null;
	const tests: SQL[] = [];
	if (name) tests.push(sql`concerto_fold(${person.name}) % concerto_fold(${name})`);
	if (email) tests.push(sql`concerto_fold(${person.email}) = concerto_fold(${email})`);
	if (tests.length === 0) return [];
	const score = name
		? sql<number>`similarity(concerto_fold(${person.name}), concerto_fold(${name}))`
		: sql<number>`0::real`;
	const sameEmail = email
		? sql<boolean>`coalesce(concerto_fold(${person.email}) = concerto_fold(${email}), false)`
		: sql<boolean>`false::boolean`;
	const rows = await withNameThreshold(ctx, (tx) =>
		tx
			.select({
				id: person.id,
				name: person.name,
				email: person.email,
				organisationId: person.organisationId,
				organisationName: organisation.name,
				organisationAcronym: organisation.acronym,
				score,
				sameEmail
			})
			.from(person)
			.leftJoin(organisation, eq(organisation.id, person.organisationId))
			.where(and(or(...tests), isNull(person.erasedAt), notExcluded(person.id, excludeId)))
			.orderBy(
				...[email ? desc(sameEmail) : undefined, name ? desc(score) : undefined].filter(
					(o) => o !== undefined
				)
			)
			.limit(50)
	);
	return rows.map(({ score, sameEmail, ...row }) => {
		const reasons: DuplicateReason[] = [];
		if (sameEmail) reasons.push({ kind: 'same-email', email: row.email! });
		if (Number(score) >= NAME_THRESHOLD) reasons.push({ kind: 'similar-name', score: round(Number(score)) });
		return { kind: 'person' as const, ...row, reasons };
	});
}

/** The records that look like this one (the "possible duplicates" of its page). */
export async function similarTo(ctx: Ctx, kind: 'organisation' | 'person', id: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	if (kind === 'organisation') {
		const [row] = await ctx.db.select().from(organisation).where(eq(organisation.id, id));
		if (!row) throw new NotFoundError();
		return { record: { id: row.id, name: row.name }, matches: await findSimilar(ctx, { kind, ...row }, id) };
	}
	const [row] = await ctx.db.select().from(person).where(eq(person.id, id));
	if (!row) throw new NotFoundError();
	const matches = row.erasedAt ? [] : await findSimilar(ctx, { kind, name: row.name, email: row.email }, id);
	return { record: { id: row.id, name: row.name }, matches };
}
