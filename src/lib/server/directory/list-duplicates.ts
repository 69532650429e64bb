/**
 * The review list of possible duplicates: every pair of organisations, or of people, that looks like
 * one record twice, with the reasons, strongest first.
 */
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import { organisation, person, type OrganisationType } from '../db/schema';
import { authorize } from '../access/policy';
import { parseInput } from '../validation';
import { reviewsDuplicates } from './records-policy';
import { similarity, similarPairs } from './similar-pairs';
import { nearDomainPairs } from './email-domains';
import {
	domainsOf,
	NAME_THRESHOLD,
	normaliseSpaces,
	round,
	strength,
	type DuplicateReason
} from './duplicate-reasons';

export const DUPLICATE_KINDS = ['organisations', 'people'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** Pairs past this rank are not listed: merge the first ones, the next ones come up. */
export const MAX_RANK = 5000;

export const duplicatesQuery = z.object({
	kind: z
		.union([z.literal(''), z.enum(DUPLICATE_KINDS)])
		.optional()
		.transform((v) => (v ? v : 'organisations')),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	offset: z.coerce.number().int().min(0).max(MAX_RANK).default(0)
});

export interface OrganisationSide {
	id: string;
	name: string;
	acronym: string | null;
	type: OrganisationType;
	emailDomains: string[];
	website: string | null;
	people: number;
}

export interface PersonSide {
	id: string;
	name: string;
	email: string | null;
	jobTitle: string | null;
	organisationId: string | null;
	organisationName: string | null;
	organisationAcronym: string | null;
	hasAccount: boolean;
}

export type DuplicatePair =
	| { kind: 'organisations'; a: OrganisationSide; b: OrganisationSide; reasons: DuplicateReason[] }
	| { kind: 'people'; a: PersonSide; b: PersonSide; reasons: DuplicateReason[] };

export interface DuplicateList {
	kind: DuplicateKind;
	items: DuplicatePair[];
	/** Pairs found in all (possibly more than can be listed: see MAX_RANK). */
	total: number;
	limit: number;
	offset: number;
}

/**
 * Every pair of organisations, or of people, that looks like one record twice, strongest first.
 * One query reads the kind's folded names, e-mails and domains; the pairs are made in memory (see
 * similar-pairs.ts for why not by index probes), then one more query reads the listed pairs' details.
 */
export async function listDuplicates(ctx: Ctx, query: Record<string, unknown>): Promise<DuplicateList> {
	authorize(ctx.actor, reviewsDuplicates(ctx.actor));
	const { kind, limit, offset } = parseInput(duplicatesQuery, query, ctx.locale);
	const keep = Math.min(offset + limit, MAX_RANK);
	const { pairs, total } =
		kind === 'organisations' ? await organisationPairs(ctx, keep) : await personPairs(ctx, keep);
	const page = pairs.slice(offset, offset + limit);
	const ids = [...new Set(page.flatMap((p) => [p.a, p.b]))];
	if (kind === 'organisations') {
		const sides = await organisationSides(ctx, ids);
		return {
			kind,
			total,
			limit,
			offset,
			items: page.map((p) => ({ kind, a: sides.get(p.a)!, b: sides.get(p.b)!, reasons: p.reasons }))
		};
	}
	const sides = await personSides(ctx, ids);
	return {
		kind,
		total,
		limit,
		offset,
		items: page.map((p) => ({ kind, a: sides.get(p.a)!, b: sides.get(p.b)!, reasons: p.reasons }))
	};
}

interface IdPair {
	a: string;
	b: string;
	reasons: DuplicateReason[];
}

/**
 * The `keep` strongest pairs among all those offered, and how many were offered. A common name
 * shared by a hundred people makes thousands of pairs: they are counted, and only the strongest kept.
 * Between pairs of equal strength the first offered wins, so the order is stable from page to page
 * as long as the pairs are offered in a stable order (rows read by id).
 */
class StrongestPairs {
	private kept: { pair: IdPair; weight: number; order: number }[] = [];
	/** Once `keep` pairs are kept, one no stronger than the weakest of them cannot get in. */
	private floor = Number.NEGATIVE_INFINITY;
	total = 0;

	constructor(private readonly keep: number) {}

	/** `pair` is only called for a pair that may be kept. */
	offer(weight: number, pair: () => IdPair) {
		const order = this.total++;
		if (weight <= this.floor) return;
		this.kept.push({ pair: pair(), weight, order });
		if (this.kept.length >= 2 * this.keep + 100) this.trim();
	}

	result(): IdPair[] {
		this.trim();
		return this.kept.map((k) => k.pair);
	}

	private trim() {
		this.kept.sort((x, y) => y.weight - x.weight || x.order - y.order);
		if (this.kept.length >= this.keep) {
			this.kept.length = this.keep;
			this.floor = this.kept.at(-1)?.weight ?? this.floor;
		}
	}
}

/** Reasons gathered per pair of ids, in either order, for a kind with several sources of reasons. */
class PairReasons {
	readonly pairs = new Map<string, IdPair>();

	add(x: string, y: string, reason: DuplicateReason) {
		const [a, b] = x < y ? [x, y] : [y, x];
		const key = `${a} ${b}`;
		const pair = this.pairs.get(key);
		if (pair) pair.reasons.push(reason);
		else this.pairs.set(key, { a, b, reasons: [reason] });
	}
}

/** Groups ids by a key (ignoring empty keys): the members of each group pair with each other. */
function groupBy<T>(rows: T[], key: (row: T) => string | null, id: (row: T) => string) {
	const groups = new Map<string, string[]>();
	for (const row of rows) {
		const k = key(row);
		if (!k) continue;
		const group = groups.get(k);
		if (group) group.push(id(row));
		else groups.set(k, [id(row)]);
	}
	return groups;
}

function eachPairIn(ids: string[], visit: (a: string, b: string) => void) {
	for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) visit(ids[i]!, ids[j]!);
}

/**
 * Every pair of records with near-identical names: each distinct folded name is compared once, and a
 * pair of names stands for every pair of their records.
 */
function eachNamePair(byName: Map<string, string[]>, visit: (a: string, b: string, score: number) => void) {
	const names = [...byName.keys()];
	for (const ids of byName.values()) eachPairIn(ids, (a, b) => visit(a, b, 1));
	for (const { a, b, score } of similarPairs(names, NAME_THRESHOLD).pairs)
		for (const x of byName.get(names[a]!)!) for (const y of byName.get(names[b]!)!) visit(x, y, round(score));
}

async function organisationPairs(ctx: Ctx, keep: number) {
	const rows = await ctx.db
		.select({
			id: organisation.id,
			name: sql<string>`concerto_fold(${organisation.name})`,
			acronym: sql<string | null>`concerto_fold(${organisation.acronym})`,
			displayAcronym: organisation.acronym,
			emailDomains: organisation.emailDomains,
			website: organisation.website
		})
		.from(organisation)
		.orderBy(organisation.id);
	const collector = new PairReasons();
	const byName = groupBy(
		rows,
		(r) => normaliseSpaces(r.name),
		(r) => r.id
	);
	eachNamePair(byName, (a, b, score) => collector.add(a, b, { kind: 'similar-name', score }));

	// The same acronym, or one's acronym as the other's whole name ("ACF" and "Action contre la Faim"
	// are caught by the name pairs only when both spell it out).
	const byAcronym = groupBy(
		rows,
		(r) => (r.acronym && r.acronym.trim().length >= 2 ? r.acronym.trim() : null),
		(r) => r.id
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	for (const [acronym, ids] of byAcronym) {
		const shown = byId.get(ids[0]!)!.displayAcronym ?? acronym;
		eachPairIn(ids, (a, b) => collector.add(a, b, { kind: 'same-acronym', acronym: shown }));
	}
	for (const row of rows) {
		for (const id of byAcronym.get(normaliseSpaces(row.name) ?? '') ?? [])
			if (id !== row.id)
				collector.add(row.id, id, { kind: 'same-acronym', acronym: byId.get(id)!.displayAcronym! });
	}

	// E-mail domains (and websites): the same, or a letter or two apart.
	const byDomain = new Map<string, string[]>();
	for (const row of rows)
		for (const domain of domainsOf(row)) byDomain.set(domain, [...(byDomain.get(domain) ?? []), row.id]);
	for (const [domain, ids] of byDomain)
		eachPairIn(ids, (a, b) => collector.add(a, b, { kind: 'same-domain', domain }));
	const domains = [...byDomain.keys()];
	for (const { a, b, edits } of nearDomainPairs(domains))
		for (const x of byDomain.get(domains[a]!)!)
			for (const y of byDomain.get(domains[b]!)!)
				if (x !== y)
					collector.add(x, y, {
						kind: 'near-domain',
						domain: x < y ? domains[a]! : domains[b]!,
						otherDomain: x < y ? domains[b]! : domains[a]!,
						edits
					});

	const strongest = new StrongestPairs(keep);
	for (const pair of collector.pairs.values()) strongest.offer(strength(pair.reasons), () => pair);
	return { total: strongest.total, pairs: strongest.result() };
}

async function personPairs(ctx: Ctx, keep: number) {
	// People who asked to be forgotten all carry the same placeholder name: they are nobody's double.
	const rows = await ctx.db
		.select({
			id: person.id,
			name: sql<string>`concerto_fold(${person.name})`,
			email: sql<string | null>`concerto_fold(${person.email})`,
			organisationId: person.organisationId
		})
		.from(person)
		.where(isNull(person.erasedAt))
		.orderBy(person.id);
	const byId = new Map(rows.map((r) => [r.id, r]));
	// Namesakes are common (a hundred Mamadou Traoré): within one organisation they are likelier one.
	const bonus = (a: string, b: string) => {
		const organisationId = byId.get(a)!.organisationId;
		return organisationId && organisationId === byId.get(b)!.organisationId ? 0.25 : 0;
	};
	const strongest = new StrongestPairs(keep);
	const ordered = (x: string, y: string) => (x < y ? { a: x, b: y } : { a: y, b: x });

	const byEmail = groupBy(
		rows,
		(r) => r.email?.trim() || null,
		(r) => r.id
	);
	for (const [email, ids] of byEmail)
		eachPairIn(ids, (x, y) => {
			const reasons: DuplicateReason[] = [{ kind: 'same-email', email }];
			const score = similarity(byId.get(x)!.name, byId.get(y)!.name);
			if (score >= NAME_THRESHOLD) reasons.push({ kind: 'similar-name', score: round(score) });
			strongest.offer(strength(reasons) + bonus(x, y), () => ({ ...ordered(x, y), reasons }));
		});
	const byName = groupBy(
		rows,
		(r) => normaliseSpaces(r.name),
		(r) => r.id
	);
	eachNamePair(byName, (x, y, score) => {
		const email = byId.get(x)!.email?.trim();
		// Already offered with its e-mail.
		if (email && email === byId.get(y)!.email?.trim()) return;
		strongest.offer(score + bonus(x, y), () => ({
			...ordered(x, y),
			reasons: [{ kind: 'similar-name', score }]
		}));
	});
	return { total: strongest.total, pairs: strongest.result() };
}

async function organisationSides(ctx: Ctx, ids: string[]): Promise<Map<string, OrganisationSide>> {
	if (ids.length === 0) return new Map();
	const rows = await ctx.db
		.select({
			id: organisation.id,
			name: organisation.name,
			acronym: organisation.acronym,
			type: organisation.type,
			emailDomains: organisation.emailDomains,
			website: organisation.website,
			people: sql<number>`(select count(*)::int from ${person} where ${person.organisationId} = ${organisation.id})`
		})
		.from(organisation)
		.where(inArray(organisation.id, ids));
	return new Map(rows.map((r) => [r.id, { ...r, people: Number(r.people) }]));
}

async function personSides(ctx: Ctx, ids: string[]): Promise<Map<string, PersonSide>> {
	if (ids.length === 0) return new Map();
	const rows = await ctx.db
		.select({
			id: person.id,
			name: person.name,
			email: person.email,
			jobTitle: person.jobTitle,
			organisationId: person.organisationId,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym,
			userId: person.userId
		})
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(inArray(person.id, ids));
	return new Map(rows.map(({ userId, ...r }) => [r.id, { ...r, hasAccount: userId !== null }]));
}
