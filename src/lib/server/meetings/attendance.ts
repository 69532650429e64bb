/**
 * Who is on a meeting's list — invited, present or excused — with their name, function and
 * organisation as they were on the day. The cluster's coordinators keep the list; every signed-in
 * user reads it once the minutes are published. Adding people is in attendance-add.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Database, Executor } from '../db/client';
import { attendance, cluster, meeting, organisation, person, type AttendanceStatus } from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit, recordAudits } from '../audit/record-audit';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { attendanceStatusInput } from './attendance-schema';
import { m } from '$lib/paraglide/messages';

export type AttendanceRow = typeof attendance.$inferSelect;

/** The meeting whose list is read or written, with the caller's right checked. */
export async function meetingOfList(ctx: Ctx, id: string, write: boolean) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({
			id: meeting.id,
			clusterId: meeting.clusterId,
			clusterCode: cluster.code,
			title: meeting.title,
			heldOn: meeting.heldOn,
			state: meeting.state
		})
		.from(meeting)
		.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
		.where(eq(meeting.id, id));
	if (!row) throw new NotFoundError();
	const manages = managesCluster(ctx.actor, row.clusterId);
	// Before publication the list is part of the minutes in the making: only the cluster's team sees it.
	authorize(ctx.actor, write ? manages : manages || row.state === 'published');
	return { ...row, canEdit: manages };
}

/** The meeting's list in its order; `forEdit` for the page that changes it (coordinators only). */
export async function listAttendance(ctx: Ctx, meetingId: string, { forEdit = false } = {}) {
	const found = await meetingOfList(ctx, meetingId, forEdit);
	const rows = await ctx.db
		.select()
		.from(attendance)
		.where(eq(attendance.meetingId, meetingId))
		.orderBy(asc(attendance.position));
	return { meeting: found, rows };
}

/** One row of a list, for whoever may read that list. */
export async function getAttendee(ctx: Ctx, rowId: string): Promise<AttendanceRow> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(rowId)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(attendance).where(eq(attendance.id, rowId));
	if (!row) throw new NotFoundError();
	await meetingOfList(ctx, row.meetingId, false);
	return row;
}

/**
 * Takes the meeting's row lock for the rest of the transaction: two coordinators adding the same
 * person at once are then served one after the other, and the second is told the person is listed.
 */
export async function lockMeeting(tx: Executor, meetingId: string) {
	await tx.select({ id: meeting.id }).from(meeting).where(eq(meeting.id, meetingId)).for('update');
}

/** A row of the list, checked to belong to the meeting the page or path names. */
async function rowForWrite(ctx: Ctx, rowId: string, meetingId?: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(rowId) || (meetingId !== undefined && !isId(meetingId))) throw new NotFoundError();
	const [row] = await ctx.db.select().from(attendance).where(eq(attendance.id, rowId));
	if (!row || (meetingId !== undefined && row.meetingId !== meetingId)) throw new NotFoundError();
	await meetingOfList(ctx, row.meetingId, true);
	return row;
}

export async function setAttendanceStatus(ctx: Ctx, rowId: string, input: unknown, meetingId?: string) {
	const before = await rowForWrite(ctx, rowId, meetingId);
	const { status } = parseInput(attendanceStatusInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.update(attendance).set({ status }).where(eq(attendance.id, rowId)).returning();
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'attendance',
			entityId: rowId,
			before,
			after: row
		});
		return row!;
	});
}

export async function removeAttendee(ctx: Ctx, rowId: string, meetingId?: string) {
	const before = await rowForWrite(ctx, rowId, meetingId);
	await ctx.db.transaction(async (tx) => {
		await tx.delete(attendance).where(eq(attendance.id, rowId));
		await recordAudit(tx, ctx.actor, { action: 'delete', entityType: 'attendance', entityId: rowId, before });
	});
}

/** What a list row copies from the directory: the person as they are now. */
export function snapshotOf(p: {
	id: string;
	name: string;
	jobTitle: string | null;
	email: string | null;
	organisationId: string | null;
	organisationName: string | null;
	organisationAcronym: string | null;
}) {
	return {
		personId: p.id,
		organisationId: p.organisationId,
		name: p.name,
		function: p.jobTitle ?? '',
		// Minutes name organisations as people say them: "PNUD", "ACF".
		organisationName: p.organisationAcronym ?? p.organisationName ?? '',
		email: p.email
	};
}

/** People of the directory with their organisation, as snapshots take them. */
export function peopleWithOrganisation(db: Executor | Database, ids: string[]) {
	return db
		.select({
			id: person.id,
			name: person.name,
			jobTitle: person.jobTitle,
			email: person.email,
			erasedAt: person.erasedAt,
			organisationId: person.organisationId,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(inArray(person.id, ids));
}

/**
 * Copies again, from the directory, the name, function, organisation and e-mail of everyone on the
 * list who is in it — until the minutes are published, when the list becomes a record of the day.
 * Returns how many rows changed.
 */
export async function refreshAttendance(ctx: Ctx, meetingId: string): Promise<number> {
	const found = await meetingOfList(ctx, meetingId, true);
	if (found.state === 'published')
		throw new ConflictError([
			{ path: '', message: m.attendance_error_published({}, { locale: ctx.locale }) }
		]);
	return ctx.db.transaction(async (tx) => {
		await lockMeeting(tx, meetingId);
		const rows = await tx
			.select()
			.from(attendance)
			.where(and(eq(attendance.meetingId, meetingId), sql`${attendance.personId} is not null`));
		if (rows.length === 0) return 0;
		const people = await peopleWithOrganisation(tx, [...new Set(rows.map((r) => r.personId!))]);
		const changes: { before: AttendanceRow; after: AttendanceRow }[] = [];
		for (const row of rows) {
			const p = people.find((candidate) => candidate.id === row.personId);
			// Someone who asked to be forgotten keeps the name the minutes gave them.
			if (!p || p.erasedAt) continue;
			const next = snapshotOf(p);
			const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === row[k]);
			if (same) continue;
			const [after] = await tx.update(attendance).set(next).where(eq(attendance.id, row.id)).returning();
			changes.push({ before: row, after: after! });
		}
		await recordAudits(
			tx,
			ctx.actor,
			changes.map((c) => ({
				action: 'refresh',
				entityType: 'attendance',
				entityId: c.after.id,
				before: c.before,
				after: c.after
			}))
		);
		return changes.length;
	});
}

export const defaultStatus = (state: string): AttendanceStatus =>
	state === 'planned' ? 'invited' : 'present';
