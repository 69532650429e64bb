import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { AuditActor, AuditEntry } from '../../audit/record-audit';
import type { CheckedRow, OrganisationValues, PersonValues } from './check-rows';

/**
 * Rows per statement. Each statement takes its rows as one JSON parameter read with
 * jsonb_to_recordset: thousands of separate parameters cost more to encode than the insert itself.
 */
export const CHUNK = 1000;

/** What the confirmed import does: rows to create, and stored records to complete from rows. */
export interface WritePlan<T> {
	creates: CheckedRow<T>[];
	updates: { id: string; rows: CheckedRow<T>[] }[];
}

export interface Written {
	created: string[];
	updated: string[];
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
	return out;
}

const asJson = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
const ids = (values: string[]) => sql`(select (jsonb_array_elements_text(${asJson(values)}))::uuid)`;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The audit rows `recordAudit` would write, many per statement. */
async function insertAuditEvents(tx: Executor, actor: AuditActor, entries: AuditEntry[]) {
	const rows = entries.map((entry) => ({
		action: entry.action,
		entity_type: entry.entityType,
		entity_id: entry.entityId ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null
	}));
	for (const chunk of chunks(rows))
		await tx.execute(sql`
			insert into audit_event (actor_user_id, actor_label, action, entity_type, entity_id, before, after)
			select ${actor?.userId ?? null}::uuid, ${actor ? actor.email : 'system'},
				action, entity_type, entity_id, before, after
			from jsonb_to_recordset(${asJson(chunk)})
				as e(action text, entity_type text, entity_id text, before jsonb, after jsonb)`);
}

/** The first value each field has among the rows, and the union of the lists. */
function mergeRows<T extends object>(rows: CheckedRow<T>[], lists: (keyof T)[]): T {
	const merged = { ...rows[0]!.values };
	for (const { values } of rows.slice(1)) {
		for (const key of Object.keys(values) as (keyof T)[]) {
			if (lists.includes(key)) {
				const union = new Set([...((merged[key] as string[]) ?? []), ...((values[key] as string[]) ?? [])]);
				merged[key] = [...union] as T[keyof T];
			} else if (merged[key] === null || merged[key] === undefined) merged[key] = values[key];
		}
	}
	return merged;
}

/**
 * The columns of a row under Drizzle's field names, as every other audit event shows a record
 * (generated columns such as person.search_text left out).
 */
const ORGANISATION_FIELDS = {
	id: 'id',
	name: 'name',
	acronym: 'acronym',
	type: 'type',
	website: 'website',
	country: 'country',
	email_domains: 'emailDomains',
	address: 'address',
	phone: 'phone',
	created_at: 'createdAt',
	updated_at: 'updatedAt'
};
const PERSON_FIELDS = {
	id: 'id',
	name: 'name',
	job_title: 'jobTitle',
	email: 'email',
	phone: 'phone',
	organisation_id: 'organisationId',
	user_id: 'userId',
	languages: 'languages',
	erased_at: 'erasedAt',
	created_at: 'createdAt',
	updated_at: 'updatedAt'
};

function fieldList(fields: Record<string, string>, alias?: string): SQL {
	const prefix = alias ? `${alias}.` : '';
	return sql.raw(
		Object.entries(fields)
			.map(([column, field]) => `${prefix}${column} as "${field}"`)
			.join(', ')
	);
}

type Row = { id: string } & Record<string, unknown>;

async function selectByIds(
	tx: Executor,
	table: SQL,
	columns: SQL,
	list: string[]
): Promise<Map<string, Row>> {
	const result = await tx.execute(sql`select ${columns} from ${table} where id in ${ids(list)}`);
	return new Map(rowsOf<Row>(result).map((row) => [row.id, row]));
}

/** Each organisation's places by P-code, in one query. */
async function placesOf(tx: Executor, list: string[]): Promise<Map<string, string[]>> {
	const result = await tx.execute(sql`
		select ol.organisation_id as id, l.pcode from organisation_location ol
		join location l on l.id = ol.location_id
		where ol.organisation_id in ${ids(list)}
		order by l.pcode`);
	const byId = new Map<string, string[]>();
	for (const { id, pcode } of rowsOf<{ id: string; pcode: string }>(result))
		byId.set(id, [...(byId.get(id) ?? []), pcode]);
	return byId;
}

/** Links organisations to places named by P-code (checked to exist), keeping the links they have. */
async function addPlaces(tx: Executor, links: { organisation_id: string; pcode: string }[]) {
	for (const chunk of chunks(links))
		await tx.execute(sql`
			insert into organisation_location (organisation_id, location_id)
			select v.organisation_id, l.id
			from jsonb_to_recordset(${asJson(chunk)}) as v(organisation_id uuid, pcode text)
			join location l on l.pcode = v.pcode
			on conflict do nothing`);
}

/**
 * Creates the new organisations and completes the matched ones — an empty field takes the file's
 * value, e-mail domains and places are the union of both; name and type stay — each with its audit event.
 */
export async function writeOrganisations(
	tx: Executor,
	actor: AuditActor,
	plan: WritePlan<OrganisationValues>
): Promise<Written> {
	const audit: AuditEntry[] = [];
	const links: { organisation_id: string; pcode: string }[] = [];

	const created: string[] = [];
	for (const chunk of chunks(plan.creates)) {
		// Ids made here, so that each new row's places are linked without relying on RETURNING's order.
		const values = chunk.map(({ values: v }) => ({
			id: randomUUID(),
			name: v.name,
			acronym: v.acronym,
			type: v.type,
			website: v.website,
			country: v.country,
			email_domains: v.emailDomains ?? [],
			address: v.address,
			phone: v.phone
		}));
		const result = await tx.execute(sql`
			insert into organisation (id, name, acronym, type, website, country, email_domains, address, phone)
			select id, name, acronym, type, website, country, email_domains, address, phone
			from jsonb_to_recordset(${asJson(values)}) as v(
				id uuid, name text, acronym text, type text, website text, country text, email_domains text[],
				address text, phone text)
			returning ${fieldList(ORGANISATION_FIELDS)}`);
		const placesById = new Map<string, string[]>(
			chunk.map((row, i) => [values[i]!.id, row.values.places ?? []])
		);
		rowsOf<Row>(result).forEach((row) => {
			const pcodes = [...new Set(placesById.get(row.id) ?? [])].sort();
			for (const pcode of pcodes) links.push({ organisation_id: row.id, pcode });
			created.push(row.id);
			audit.push({
				action: 'import.create',
				entityType: 'organisation',
				entityId: row.id,
				after: { ...row, places: pcodes }
			});
		});
	}

	const updated: string[] = [];
	for (const chunk of chunks(plan.updates)) {
		const list = chunk.map((u) => u.id);
		const [before, placesBefore] = [
			await selectByIds(tx, sql`organisation`, fieldList(ORGANISATION_FIELDS), list),
			await placesOf(tx, list)
		];
		const values = chunk.map((u) => {
			const v = mergeRows(u.rows, ['emailDomains', 'places']);
			return {
				id: u.id,
				acronym: v.acronym,
				website: v.website,
				country: v.country,
				address: v.address,
				phone: v.phone,
				email_domains: v.emailDomains ?? [],
				places: v.places ?? []
			};
		});
		const result = await tx.execute(sql`
			update organisation o set
				acronym = coalesce(o.acronym, v.acronym),
				website = coalesce(o.website, v.website),
				country = coalesce(o.country, v.country),
				address = coalesce(o.address, v.address),
				phone = coalesce(o.phone, v.phone),
				email_domains = array(
					select d from unnest(o.email_domains || v.email_domains) with ordinality as t(d, n)
					group by d order by min(n)),
				updated_at = now()
			from jsonb_to_recordset(${asJson(values)}) as v(
				id uuid, acronym text, website text, country text, address text, phone text, email_domains text[])
			where o.id = v.id
			returning ${fieldList(ORGANISATION_FIELDS, 'o')}`);
		for (const row of rowsOf<Row>(result)) {
			const v = values.find((value) => value.id === row.id)!;
			const old = placesBefore.get(row.id) ?? [];
			for (const pcode of v.places) links.push({ organisation_id: row.id, pcode });
			updated.push(row.id);
			audit.push({
				action: 'import.update',
				entityType: 'organisation',
				entityId: row.id,
				before: { ...before.get(row.id), places: old },
				after: { ...row, places: [...new Set([...old, ...v.places])].sort() }
			});
		}
	}
	await addPlaces(tx, links);
	await insertAuditEvents(tx, actor, audit);
	return { created, updated };
}

/**
 * Creates the new people and completes the matched ones (an empty field takes the file's value,
 * languages are the union), each with its audit event. Erased people are never written to.
 */
export async function writePeople(
	tx: Executor,
	actor: AuditActor,
	plan: WritePlan<PersonValues>
): Promise<Written> {
	const audit: AuditEntry[] = [];
	const created: string[] = [];
	for (const chunk of chunks(plan.creates)) {
		const values = chunk.map(({ values: v }) => ({
			name: v.name,
			job_title: v.jobTitle,
			email: v.email,
			phone: v.phone,
			organisation_id: v.organisationId,
			languages: v.languages ?? []
		}));
		const result = await tx.execute(sql`
			insert into person (name, job_title, email, phone, organisation_id, languages)
			select name, job_title, email, phone, organisation_id, languages
			from jsonb_to_recordset(${asJson(values)}) as v(
				name text, job_title text, email text, phone text, organisation_id uuid, languages text[])
			returning ${fieldList(PERSON_FIELDS)}`);
		for (const row of rowsOf<Row>(result)) {
			created.push(row.id);
			audit.push({ action: 'import.create', entityType: 'person', entityId: row.id, after: row });
		}
	}

	const updated: string[] = [];
	for (const chunk of chunks(plan.updates)) {
		const before = await selectByIds(
			tx,
			sql`person`,
			fieldList(PERSON_FIELDS),
			chunk.map((u) => u.id)
		);
		const values = chunk.map((u) => {
			const v = mergeRows(u.rows, ['languages']);
			return {
				id: u.id,
				job_title: v.jobTitle,
				email: v.email,
				phone: v.phone,
				organisation_id: v.organisationId,
				languages: v.languages ?? []
			};
		});
		const result = await tx.execute(sql`
			update person p set
				job_title = coalesce(p.job_title, v.job_title),
				email = coalesce(p.email, v.email),
				phone = coalesce(p.phone, v.phone),
				organisation_id = coalesce(p.organisation_id, v.organisation_id),
				languages = array(
					select d from unnest(p.languages || v.languages) with ordinality as t(d, n)
					group by d order by min(n)),
				updated_at = now()
			from jsonb_to_recordset(${asJson(values)}) as v(
				id uuid, job_title text, email text, phone text, organisation_id uuid, languages text[])
			where p.id = v.id and p.erased_at is null
			returning ${fieldList(PERSON_FIELDS, 'p')}`);
		for (const row of rowsOf<Row>(result)) {
			updated.push(row.id);
			audit.push({
				action: 'import.update',
				entityType: 'person',
				entityId: row.id,
				before: before.get(row.id),
				after: row
			});
		}
	}
	await insertAuditEvents(tx, actor, audit);
	return { created, updated };
}
