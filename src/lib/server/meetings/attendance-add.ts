/**
 * Adding people to a meeting's list: someone found in the directory, or someone not yet in it, who
 * is then added to the directory first (with its duplicate warning) — in one transaction, so that
 * neither half is saved alone. The row copies the person's name, function and organisation as they
 * are today.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Database, Executor } from '../db/client';
import { attendance, type AttendanceStatus } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, ValidationError } from '../errors';
import { createPerson, listPeople, type Person } from '../directory/people';
import { NOT_A_DUPLICATE, similarOnEntry } from '../directory/similar-on-entry';
import type { SimilarRecord } from '../directory/duplicates';
import { parseInput } from '../validation';
import { addFromDirectoryInput, addNewPersonInput } from './attendance-schema';
import {
	defaultStatus,
	lockMeeting,
	meetingOfList,
	peopleWithOrganisation,
	snapshotOf,
	type AttendanceRow
} from './attendance';
import { m } from '$lib/paraglide/messages';

type ListedMeeting = Awaited<ReturnType<typeof meetingOfList>>;

/** How many people a search shows: enough to pick from, few enough for a slow link. */
const SEARCH_LIMIT = 20;

/**
 * The directory's search (name, e-mail, function, organisation), for the people to add; those already
 * on the list are marked. Empty for an empty query: nobody is listed wholesale.
 */
export async function searchPeopleToAdd(ctx: Ctx, meetingId: string, q: string) {
	await meetingOfList(ctx, meetingId, true);
	if (!q.trim()) return { items: [], total: 0 };
	const { items, total } = await listPeople(ctx, { q, limit: SEARCH_LIMIT });
	const found = items.filter((p) => !p.erasedAt);
	const listed = found.length
		? await ctx.db
				.select({ personId: attendance.personId })
				.from(attendance)
				.where(
					and(
						eq(attendance.meetingId, meetingId),
						inArray(
							attendance.personId,
							found.map((p) => p.id)
						)
					)
				)
		: [];
	return {
		items: found.map((p) => ({
			id: p.id,
			name: p.name,
			jobTitle: p.jobTitle,
			email: p.email,
			organisationName: p.organisationName,
			organisationAcronym: p.organisationAcronym,
			onList: listed.some((l) => l.personId === p.id)
		})),
		total
	};
}

/** Someone of the directory joins the list; refused if they already are on it. */
export async function addFromDirectory(ctx: Ctx, meetingId: string, input: unknown): Promise<AttendanceRow> {
	const found = await meetingOfList(ctx, meetingId, true);
	const values = parseInput(addFromDirectoryInput, input, ctx.locale);
	return ctx.db.transaction((tx) => insertAttendee(ctx, tx, found, values.personId, values.status));
}

export type NewPersonResult =
	{ added: false; similar: SimilarRecord[] } | { added: true; row: AttendanceRow; person: Person };

/**
 * Someone not yet in the directory: unless the caller confirmed it is none of them, the people they
 * may be are returned and nothing is saved; otherwise the person is created in the directory and
 * joins the list, both or neither.
 */
export async function addNewPerson(ctx: Ctx, meetingId: string, input: unknown): Promise<NewPersonResult> {
	const found = await meetingOfList(ctx, meetingId, true);
	const values = parseInput(addNewPersonInput, input, ctx.locale);
	const similar = await similarOnEntry(ctx, 'person', {
		name: values.name,
		email: values.email ?? '',
		[NOT_A_DUPLICATE]: values.notDuplicate ? 'yes' : ''
	});
	if (similar.length) return { added: false, similar };
	return ctx.db.transaction(async (tx) => {
		const created = await createPerson(
			{ ...ctx, db: tx as unknown as Database },
			{
				organisationId: values.organisationId,
				name: values.name,
				jobTitle: values.jobTitle,
				email: values.email
			}
		);
		const row = await insertAttendee(ctx, tx, found, created.id, values.status);
		return { added: true as const, row, person: created };
	});
}

async function insertAttendee(
	ctx: Ctx,
	tx: Executor,
	found: ListedMeeting,
	personId: string,
	status: AttendanceStatus | undefined
): Promise<AttendanceRow> {
	await lockMeeting(tx, found.id);
	const [p] = await peopleWithOrganisation(tx, [personId]);
	if (!p || p.erasedAt)
		throw new ValidationError([
			{ path: 'personId', message: m.attendance_error_unknown_person({}, { locale: ctx.locale }) }
		]);
	const [listed] = await tx
		.select({ id: attendance.id })
		.from(attendance)
		.where(and(eq(attendance.meetingId, found.id), eq(attendance.personId, personId)));
	if (listed)
		throw new ConflictError([
			{
				path: 'personId',
				message: m.attendance_error_already_listed({ name: p.name }, { locale: ctx.locale })
			}
		]);
	const [last] = await tx
		.select({ position: sql<number>`coalesce(max(${attendance.position}), 0)` })
		.from(attendance)
		.where(eq(attendance.meetingId, found.id));
	const [row] = await tx
		.insert(attendance)
		.values({
			meetingId: found.id,
			...snapshotOf(p),
			status: status ?? defaultStatus(found.state),
			position: Number(last?.position ?? 0) + 1
		})
		.returning();
	await recordAudit(tx, ctx.actor, {
		action: 'create',
		entityType: 'attendance',
		entityId: row!.id,
		after: row
	});
	return row!;
}
