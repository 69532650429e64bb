import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { CheckedRow, OrganisationNames, OrganisationValues, PersonValues } from './check-rows';

/**
 * Why a stored record may be the one a row describes. `name`, `email` and `domain` are taken as the
 * same record (the import proposes to update it); `acronym`, `similar-name` and `name-elsewhere`
 * (same name, another organisation) only as perhaps the same (it proposes to create).
 */
export type MatchReason = 'name' | 'email' | 'domain' | 'acronym' | 'similar-name' | 'name-elsewhere';

const STRENGTH: Record<MatchReason, number> = {
	email: 6,
	name: 5,
	domain: 4,
	acronym: 3,
	'name-elsewhere': 2,
	'similar-name': 1
};
const EXACT = new Set<MatchReason>(['email', 'name', 'domain']);

/** A stored record that a row may duplicate. */
export interface Match {
	id: string;
	name: string;
	/** What else tells it apart: the acronym of an organisation, the e-mail of a person. */
	detail: string | null;
	/** For a person, their organisation (the right to update them depends on it). */
	organisationId: string | null;
	reason: MatchReason;
	exact: boolean;
}

/** At most this many candidates per row: the likeliest ones. */
const MAX_PER_ROW = 3;
/** pg_trgm similarity above which two folded names are proposed as perhaps the same. */
const SIMILAR = 0.6;

interface Hit {
	row: number;
	id: string;
	name: string;
	detail: string | null;
	organisation_id: string | null;
	reason: MatchReason;
	score: number;
}

/** The rows as a JSON parameter: one bind value however many rows, read with jsonb_to_recordset. */
const asJson = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

/**
 * Stored organisations that the rows may duplicate, in one query: same folded name, a shared
 * e-mail domain, the same acronym, or — for a row that none of those found — a name pg_trgm finds
 * similar. Equalities are hash joins over the table; similar names are looked up in the trigram
 * index (`organisation_name_trgm_idx`), one probe per row still unmatched (a few milliseconds each).
 */
export async function matchOrganisations(
	db: Executor,
	rows: CheckedRow<OrganisationValues>[]
): Promise<Map<number, Match[]>> {
	if (rows.length === 0) return new Map();
	const incoming = rows.map(({ row, values }) => ({ row, name: values.name, acronym: values.acronym }));
	const domains = rows.flatMap(({ row, values }) =>
		(values.emailDomains ?? []).map((domain) => ({ row, domain }))
	);
	const result = await db.execute(sql`
		with incoming as materialized (
			select i.row, i.name, i.acronym, concerto_fold(i.name) as folded
			from jsonb_to_recordset(${asJson(incoming)}) as i("row" int, name text, acronym text)
		),
		incoming_domain as (
			select d.row, d.domain from jsonb_to_recordset(${asJson(domains)}) as d("row" int, domain text)
		),
		sure as materialized (
			select i.row, o.id, 'name' as reason, 1.0::real as score
			from incoming i join organisation o on concerto_fold(o.name) = i.folded
			union all
			select d.row, o.id, 'domain', 1.0
			from incoming_domain d
			join (select id, unnest(email_domains) as domain from organisation) o on o.domain = d.domain
			union all
			select i.row, o.id, 'acronym', 1.0
			from incoming i join organisation o on concerto_fold(o.acronym) = concerto_fold(i.acronym)
		),
		hits as (
			select * from sure
			union all
			select i.row, o.id, 'similar-name', similarity(concerto_fold(o.name), i.folded)
			from incoming i join organisation o on concerto_fold(o.name) % i.folded
			where i.row not in (select row from sure)
				and similarity(concerto_fold(o.name), i.folded) > ${SIMILAR}
		)
		select h.row, o.id, o.name, o.acronym as detail, null as organisation_id, h.reason, h.score
		from hits h join organisation o on o.id = h.id`);
	return bestPerRow(rowsOf(result));
}

/**
 * Stored people that the rows may duplicate, in one query: the same e-mail address, the same
 * folded name (in the same organisation, or elsewhere), or — for a row without an e-mail, which
 * would otherwise decide — a similar name in the same organisation. The first two use indexes
 * (`person_email_idx`, `person_name_sort_idx`); the last compares only with the people of the
 * organisations concerned, folded once. People erased at their request are never matched: an
 * import must not bring them back.
 */
export async function matchPeople(
	db: Executor,
	rows: CheckedRow<PersonValues>[]
): Promise<Map<number, Match[]>> {
	if (rows.length === 0) return new Map();
	const incoming = rows.map(({ row, values }) => ({
		row,
		name: values.name,
		email: values.email,
		organisation_id: values.organisationId
	}));
	// Addresses are stored lowercased (personInput, emailSchema), as the rows' are.
	const result = await db.execute(sql`
		with incoming as materialized (
			select i.row, i.email, i.organisation_id, concerto_fold(i.name) as folded
			from jsonb_to_recordset(${asJson(incoming)}) as i("row" int, name text, email text, organisation_id uuid)
		),
		without_email as materialized (select * from incoming where email is null),
		colleagues as materialized (
			select id, organisation_id, concerto_fold(name) as folded from person
			where erased_at is null
				and organisation_id in (select organisation_id from without_email)
		),
		hits as (
			select i.row, p.id, 'email' as reason, 1.0::real as score
			from incoming i join person p on p.email = i.email
			where p.erased_at is null
			union all
			select i.row, p.id,
				case when p.organisation_id is not distinct from i.organisation_id then 'name' else 'name-elsewhere' end,
				1.0
			from incoming i join person p on concerto_fold(p.name) = i.folded
			where p.erased_at is null
			union all
			select i.row, c.id, 'similar-name', similarity(c.folded, i.folded)
			from without_email i join colleagues c on c.organisation_id = i.organisation_id
			where c.folded <> i.folded and similarity(c.folded, i.folded) > ${SIMILAR}
		)
		select h.row, p.id, p.name, p.email as detail, p.organisation_id, h.reason, h.score
		from hits h join person p on p.id = h.id`);
	return bestPerRow(rowsOf(result));
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
function resultRows<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

function rowsOf(result: unknown): Hit[] {
	return resultRows<Hit>(result).map((hit) => ({
		...hit,
		row: Number(hit.row),
		score: Number(hit.score)
	}));
}

/** Per row, each record once under its strongest reason, likeliest first. */
function bestPerRow(hits: Hit[]): Map<number, Match[]> {
	const byRow = new Map<number, Map<string, Hit>>();
	for (const hit of hits) {
		const records = byRow.get(hit.row) ?? new Map<string, Hit>();
		const known = records.get(hit.id);
		if (!known || STRENGTH[hit.reason] > STRENGTH[known.reason]) records.set(hit.id, hit);
		byRow.set(hit.row, records);
	}
	const matches = new Map<number, Match[]>();
	for (const [row, records] of byRow) {
		const best = [...records.values()]
			.sort(
				(a, b) => STRENGTH[b.reason] - STRENGTH[a.reason] || b.score - a.score || a.name.localeCompare(b.name)
			)
			.slice(0, MAX_PER_ROW)
			.map((hit) => ({
				id: hit.id,
				name: hit.name,
				detail: hit.detail,
				organisationId: hit.organisation_id,
				reason: hit.reason,
				exact: EXACT.has(hit.reason)
			}));
		matches.set(row, best);
	}
	return matches;
}

/**
 * The stored organisations that the values of a people file's organisation columns name, by name
 * or acronym compared folded (case and accents aside), in one query. Keyed by the value as written.
 */
export async function findOrganisationsNamed(db: Executor, values: string[]): Promise<OrganisationNames> {
	const names: OrganisationNames = { byName: new Map(), byAcronym: new Map(), labels: new Map() };
	const distinct = [...new Set(values.filter(Boolean))];
	if (distinct.length === 0) return names;
	const result = await db.execute(sql`
		with wanted as (
			select v as value, concerto_fold(v) as folded
			from jsonb_array_elements_text(${asJson(distinct)}) as v
		)
		select o.id, o.name, o.acronym, w.value, 'name' as by
		from wanted w join organisation o on concerto_fold(o.name) = w.folded
		union all
		select o.id, o.name, o.acronym, w.value, 'acronym'
		from wanted w join organisation o on concerto_fold(o.acronym) = w.folded`);
	for (const row of resultRows<NamedRow>(result)) {
		const map = row.by === 'name' ? names.byName : names.byAcronym;
		map.set(row.value, [...new Set([...(map.get(row.value) ?? []), row.id])]);
		names.labels.set(row.id, row.acronym ? `${row.name} (${row.acronym})` : row.name);
	}
	return names;
}

interface NamedRow {
	id: string;
	name: string;
	acronym: string | null;
	value: string;
	by: 'name' | 'acronym';
}

/** Which of these P-codes name a stored place, in one query. */
export async function findKnownPcodes(db: Executor, codes: string[]): Promise<Set<string>> {
	const distinct = [...new Set(codes)];
	if (distinct.length === 0) return new Set();
	const result = await db.execute<{ pcode: string }>(sql`
		select pcode from location where pcode in (select jsonb_array_elements_text(${asJson(distinct)}))`);
	return new Set(resultRows<{ pcode: string }>(result).map((r) => r.pcode));
}
