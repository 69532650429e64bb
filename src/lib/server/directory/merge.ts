/**
 * Merging two records that are one: everything that pointed at the merged record points at the kept
 * one, the kept record's empty fields are filled from the other, the merged record is deleted, and an
 * audit event keeps both as they were — all in one transaction.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { cluster, MEMBERSHIP_STAGES, membership, organisation, person } from '../db/schema';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { hint, parseInput } from '../validation';
import { isId } from './schema';
import { linksTo, type Link } from './record-links';
import { mergesRecords } from './records-policy';
import { m } from '$lib/paraglide/messages';

/** The body of a merge: the record that stays. */
export const mergeInput = z.object({ into: z.uuid(hint('records_error_into')) });

type Mover = (tx: Executor, link: Link, from: string, into: string) => Promise<number>;

/** How many rows a statement with `returning 1` touched, on PGlite as on node-postgres. */
const touched = (result: unknown) => (result as { rows: unknown[] }).rows.length;

const tableName = (link: Link) => sql.identifier(getTableConfig(link.table).name);
const columnName = (link: Link) => sql.identifier(link.column.name);

/** The default: the rows follow the record. */
const moveAll: Mover = async (tx, link, from, into) =>
	touched(
		await tx.execute(sql`update ${tableName(link)} set ${columnName(link)} = ${into}
			where ${columnName(link)} = ${from} returning 1`)
	);

/**
 * For a link that is part of a unique key: a row moves unless the kept record already has one alike
 * (same values in `alike`), in which case it is a duplicate and goes with the merged record.
 */
function moveUnlessPresent(alike: string[]): Mover {
	return async (tx, link, from, into) => {
		const same = alike.map(
			(c) => sql`present.${sql.identifier(c)} is not distinct from moving.${sql.identifier(c)}`
		);
		const moved = touched(
			await tx.execute(sql`update ${tableName(link)} as moving set ${columnName(link)} = ${into}
				where moving.${columnName(link)} = ${from}
				and not exists (select 1 from ${tableName(link)} as present
					where present.${columnName(link)} = ${into} ${same.length ? sql`and ${sql.join(same, sql` and `)}` : sql``})
				returning 1`)
		);
		await tx.execute(sql`delete from ${tableName(link)} where ${columnName(link)} = ${from}`);
		return moved;
	};
}

/**
 * A cluster membership is unique per organisation: where both records are in the same cluster, the
 * more advanced stage stays, with its steps, and the other membership's steps join it.
 */
const mergeMemberships: Mover = async (tx, _link, from, into) => {
	const rows = await tx
		.select()
		.from(membership)
		.where(inArray(membership.organisationId, [from, into]));
	const rank = (stage: string) => MEMBERSHIP_STAGES.indexOf(stage as (typeof MEMBERSHIP_STAGES)[number]);
	let moved = 0;
	for (const mine of rows.filter((r) => r.organisationId === from)) {
		moved++;
		const theirs = rows.find((r) => r.organisationId === into && r.clusterId === mine.clusterId);
		if (!theirs) {
			await tx.update(membership).set({ organisationId: into }).where(eq(membership.id, mine.id));
			continue;
		}
		const [winner, loser] = rank(mine.stage) > rank(theirs.stage) ? [mine, theirs] : [theirs, mine];
		await moveLinks(tx, membership, loser.id, winner.id);
		await tx.delete(membership).where(eq(membership.id, loser.id));
		await tx
			.update(membership)
			.set({
				organisationId: into,
				focalPointId: winner.focalPointId ?? loser.focalPointId,
				updatedAt: new Date()
			})
			.where(eq(membership.id, winner.id));
	}
	return moved;
};

/**
 * Links that need more than "follow the record", by `table.column`. A new link that is part of a
 * unique key needs an entry here: merge.test.ts checks that every such link has one.
 */
export const MOVERS: Record<string, Mover> = {
	'role_grant.organisation_id': moveUnlessPresent(['user_id', 'role', 'cluster_id']),
	'organisation_location.organisation_id': moveUnlessPresent(['location_id']),
	// One logo per organisation: the kept record's, or else the merged record's.
	'organisation_logo.organisation_id': moveUnlessPresent([]),
	'membership.organisation_id': mergeMemberships,
	'project_partner.organisation_id': moveUnlessPresent(['project_id']),
	'project_contact.person_id': moveUnlessPresent(['project_id'])
};

export function moverFor(link: Link): Mover | null {
	return MOVERS[link.key] ?? (link.inUniqueKey ? null : moveAll);
}

/** Moves every link from one record to another; returns how many rows moved, per link. */
async function moveLinks(tx: Executor, target: PgTable, from: string, into: string) {
	const moved: Record<string, number> = {};
	for (const link of linksTo(target)) {
		const mover = moverFor(link);
		if (!mover) throw new Error(`${link.key} is part of a unique key: add a mover for it in merge.ts`);
		moved[link.key] = await mover(tx, link, from, into);
	}
	return moved;
}

/** The kept record's empty fields, filled from the merged one's. */
function filled<T extends Record<string, unknown>>(kept: T, merged: T, fields: (keyof T)[]): Partial<T> {
	const values: Partial<T> = {};
	for (const field of fields) {
		const value = kept[field];
		if ((value === null || value === '') && merged[field] !== null) values[field] = merged[field];
	}
	return values;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

function sameRecord(ctx: Ctx): never {
	throw new ValidationError([
		{ path: 'into', message: m.records_error_same_record({}, { locale: ctx.locale }) }
	]);
}

/** Merges organisation `id` into `input.into`, which stays. */
export async function mergeOrganisations(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, mergesRecords(ctx.actor));
	const { into } = parseInput(mergeInput, input, ctx.locale);
	if (!isId(id)) throw new NotFoundError();
	if (into === id) sameRecord(ctx);
	return ctx.db.transaction(async (tx) => {
		// Locked in a fixed order, so that two merges of the same pair cannot deadlock.
		const rows = await tx
			.select()
			.from(organisation)
			.where(inArray(organisation.id, [id, into]))
			.orderBy(organisation.id)
			.for('update');
		const merged = rows.find((r) => r.id === id);
		const kept = rows.find((r) => r.id === into);
		if (!merged) throw new NotFoundError();
		if (!kept)
			throw new ValidationError([
				{ path: 'into', message: m.error_unknown_organisation({}, { locale: ctx.locale }) }
			]);

		const moved = await moveLinks(tx, organisation, id, into);
		// A cluster whose lead and co-lead were the two records is now led by one organisation.
		await tx
			.update(cluster)
			.set({ coLeadOrganisationId: null })
			.where(and(eq(cluster.leadOrganisationId, into), eq(cluster.coLeadOrganisationId, into)));
		const [after] = await tx
			.update(organisation)
			.set({
				...filled(kept, merged, ['acronym', 'website', 'country', 'address', 'phone']),
				emailDomains: union(kept.emailDomains, merged.emailDomains),
				updatedAt: new Date()
			})
			.where(eq(organisation.id, into))
			.returning();
		await tx.delete(organisation).where(eq(organisation.id, id));
		await recordAudit(tx, ctx.actor, {
			action: 'merge',
			entityType: 'organisation',
			entityId: into,
			before: { kept, merged },
			after: { ...after, mergedId: id, moved }
		});
		return after!;
	});
}

/** Merges person `id` into `input.into`, which stays. */
export async function mergePeople(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, mergesRecords(ctx.actor));
	const { into } = parseInput(mergeInput, input, ctx.locale);
	if (!isId(id)) throw new NotFoundError();
	if (into === id) sameRecord(ctx);
	return ctx.db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(person)
			.where(inArray(person.id, [id, into]))
			.orderBy(person.id)
			.for('update');
		const merged = rows.find((r) => r.id === id);
		const kept = rows.find((r) => r.id === into);
		if (!merged) throw new NotFoundError();
		if (!kept)
			throw new ValidationError([
				{ path: 'into', message: m.records_error_unknown_person({}, { locale: ctx.locale }) }
			]);
		const blocker = mergeBlocker(ctx, kept, merged);
		if (blocker) throw new ConflictError([{ path: 'into', message: blocker }]);

		const moved = await moveLinks(tx, person, id, into);
		// The account moves with its person: person.user_id is unique, so it leaves the merged record first.
		if (merged.userId) await tx.update(person).set({ userId: null }).where(eq(person.id, id));
		const [after] = await tx
			.update(person)
			.set({
				...filled(kept, merged, ['jobTitle', 'email', 'phone', 'organisationId', 'userId']),
				languages: union(kept.languages, merged.languages),
				updatedAt: new Date()
			})
			.where(eq(person.id, into))
			.returning();
		await tx.delete(person).where(eq(person.id, id));
		await recordAudit(tx, ctx.actor, {
			action: 'merge',
			entityType: 'person',
			entityId: into,
			before: { kept, merged },
			after: { ...after, mergedId: id, moved }
		});
		return after!;
	});
}

type PersonRow = typeof person.$inferSelect;

/** Why two people cannot be merged, in the user's language; null when they can. */
function mergeBlocker(ctx: Ctx, a: PersonRow, b: PersonRow): string | null {
	if (a.erasedAt || b.erasedAt) return m.records_error_merge_erased({}, { locale: ctx.locale });
	if (a.userId && b.userId) return m.records_error_both_accounts({}, { locale: ctx.locale });
	return null;
}

// ————————————————————————————————————————— the confirmation page

/**
 * The merge a confirmation page asks for: of the pair it showed, `keep` stays and the other goes.
 * Anything but one of the two is refused, so a forged form cannot merge a third record.
 */
export function chooseKept(ctx: Ctx, pair: [string, string], keep: unknown): { from: string; into: string } {
	const [a, b] = pair;
	if (keep !== a && keep !== b)
		throw new ValidationError([{ path: 'keep', message: m.records_error_into({}, { locale: ctx.locale }) }]);
	return keep === a ? { from: b, into: a } : { from: a, into: b };
}

/** How many rows point at a record, per link (`person.organisation_id`: 3 …), zeros left out. */
async function countLinks(db: Executor, target: PgTable, id: string): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const link of linksTo(target)) {
		const [row] = await db.select({ n: count() }).from(link.table).where(eq(link.column, id));
		if (row && row.n > 0) counts[link.key] = row.n;
	}
	return counts;
}

/** Two organisations side by side, with what points at each, for the merge confirmation. */
export async function organisationMergePreview(ctx: Ctx, a: string, b: string) {
	authorize(ctx.actor, mergesRecords(ctx.actor));
	if (!isId(a) || !isId(b)) throw new NotFoundError();
	if (a === b) sameRecord(ctx);
	const rows = await ctx.db
		.select()
		.from(organisation)
		.where(inArray(organisation.id, [a, b]));
	const side = async (id: string) => {
		const row = rows.find((r) => r.id === id);
		if (!row) throw new NotFoundError();
		return { ...row, links: await countLinks(ctx.db, organisation, id) };
	};
	return { a: await side(a), b: await side(b) };
}

/** Two people side by side, with what points at each and what would stop their merge. */
export async function personMergePreview(ctx: Ctx, a: string, b: string) {
	authorize(ctx.actor, mergesRecords(ctx.actor));
	if (!isId(a) || !isId(b)) throw new NotFoundError();
	if (a === b) sameRecord(ctx);
	const rows = await ctx.db
		.select({ person, organisationName: organisation.name, organisationAcronym: organisation.acronym })
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(inArray(person.id, [a, b]));
	const side = async (id: string) => {
		const row = rows.find((r) => r.person.id === id);
		if (!row) throw new NotFoundError();
		return {
			...row.person,
			organisationName: row.organisationName,
			organisationAcronym: row.organisationAcronym,
			links: await countLinks(ctx.db, person, id)
		};
	};
	const [left, right] = [await side(a), await side(b)];
	return { a: left, b: right, blocker: mergeBlocker(ctx, left, right) };
}
