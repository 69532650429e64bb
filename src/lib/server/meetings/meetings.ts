/**
 * Meetings of a cluster with their minutes: agenda, lessons, consensus, perspectives, who attended
 * (as they were that day) and the action items decided. Written by the cluster's coordinators and
 * information managers; read by every signed-in user.
 */
import { and, asc, count, desc, eq, getTableColumns, gte, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import {
	actionItem,
	agendaItem,
	attendance,
	cluster,
	meeting,
	meetingNote,
	type MeetingNoteKind
} from '../db/schema';
import { clusterByCode } from '../clusters/clusters';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { meetingInput, meetingListQuery, type MeetingListQuery } from './schema';
import { meetingVersion } from './edit-guard';

type MeetingInput = ReturnType<typeof meetingInput.parse>;

/** The cluster of that code, if the user writes its meetings. */
export async function clusterForWrite(ctx: Ctx, code: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const found = await clusterByCode(ctx.db, code);
	authorize(ctx.actor, managesCluster(ctx.actor, found.id));
	return found;
}

/** Saves a meeting with its minutes in one go (a typed-in meeting, or a reviewed import). */
export async function createMeeting(ctx: Ctx, clusterCode: string, input: unknown) {
	const c = await clusterForWrite(ctx, clusterCode);
	const values = parseInput(meetingInput, input, ctx.locale);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(meeting)
			.values({
				clusterId: c.id,
				title: values.title,
				kind: values.kind,
				heldOn: values.date,
				startTime: values.startTime,
				endTime: values.endTime,
				place: values.place,
				objectives: values.objectives,
				state: 'held'
			})
			.returning();
		const counts = await insertMinutes(tx, c.id, row!.id, values);
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'meeting',
			entityId: row!.id,
			after: { ...row, ...counts }
		});
		return row!;
	});
}

async function insertMinutes(tx: Executor, clusterId: string, meetingId: string, values: MeetingInput) {
	if (values.agenda.length)
		await tx.insert(agendaItem).values(values.agenda.map((a, i) => ({ ...a, meetingId, position: i + 1 })));
	const notes = (kind: MeetingNoteKind, texts: string[]) =>
		texts.map((text, i) => ({ meetingId, kind, text, position: i + 1 }));
	const allNotes = [
		...notes('lesson', values.lessons),
		...notes('consensus', values.consensus),
		...notes('perspective', values.perspectives)
	];
	if (allNotes.length) await tx.insert(meetingNote).values(allNotes);
	if (values.participants.length)
		await tx.insert(attendance).values(
			values.participants.map((p, i) => ({
				meetingId,
				personId: p.personId,
				organisationId: p.organisationId,
				name: p.name,
				organisationName: p.organisation ?? '',
				function: p.function ?? '',
				email: p.email,
				status: 'present' as const,
				position: i + 1
			}))
		);
	if (values.actions.length)
		await tx.insert(actionItem).values(
			values.actions.map((a) => ({
				clusterId,
				meetingId,
				description: a.description,
				responsibleText: a.responsible ?? '',
				dueOn: a.dueDate
			}))
		);
	return {
		agendaItems: values.agenda.length,
		notes: allNotes.length,
		participants: values.participants.length,
		actions: values.actions.length
	};
}

/**
 * A meeting with its minutes, for any signed-in user. Until the minutes are published, those who
 * do not manage the cluster read only the invitation: title, kind, date, times, place, objectives
 * and the agenda's sections and subjects (`minutesVisible` false; the minutes' parts come empty).
 */
export async function getMeeting(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ ...getTableColumns(meeting), version: meetingVersion, clusterCode: cluster.code })
		.from(meeting)
		.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
		.where(eq(meeting.id, id));
	if (!row) throw new NotFoundError();
	const canEdit = managesCluster(ctx.actor, row.clusterId);
	const minutesVisible = canEdit || row.state === 'published';
	const agendaOf = ctx.db
		.select()
		.from(agendaItem)
		.where(eq(agendaItem.meetingId, id))
		.orderBy(asc(agendaItem.position));
	if (!minutesVisible) {
		const agenda = await agendaOf;
		return {
			...row,
			agenda: agenda.map((a) => ({ ...a, context: '', status: '' })),
			lessons: [] as string[],
			consensus: [] as string[],
			perspectives: [] as string[],
			attendance: [] as (typeof attendance.$inferSelect)[],
			actions: [] as (typeof actionItem.$inferSelect)[],
			canEdit,
			minutesVisible
		};
	}
	const [agenda, notes, people, actions] = await Promise.all([
		agendaOf,
		ctx.db
			.select()
			.from(meetingNote)
			.where(eq(meetingNote.meetingId, id))
			.orderBy(asc(meetingNote.kind), asc(meetingNote.position)),
		ctx.db.select().from(attendance).where(eq(attendance.meetingId, id)).orderBy(asc(attendance.position)),
		ctx.db.select().from(actionItem).where(eq(actionItem.meetingId, id)).orderBy(asc(actionItem.dueOn))
	]);
	const texts = (kind: MeetingNoteKind) => notes.filter((n) => n.kind === kind).map((n) => n.text);
	return {
		...row,
		agenda,
		lessons: texts('lesson'),
		consensus: texts('consensus'),
		perspectives: texts('perspective'),
		attendance: people,
		actions,
		canEdit,
		minutesVisible
	};
}

export type Meeting = Awaited<ReturnType<typeof getMeeting>>;

function listWhere(query: ReturnType<typeof meetingListQuery.parse>) {
	return and(
		query.cluster ? eq(cluster.code, query.cluster) : undefined,
		query.state ? eq(meeting.state, query.state) : undefined,
		query.from ? gte(meeting.heldOn, query.from) : undefined,
		query.to ? lte(meeting.heldOn, query.to) : undefined
	);
}

/**
 * Meetings (a cluster's, in a state, held between two dates), newest first, for any signed-in user.
 * A list names only the invitation part, which everyone may read.
 */
export async function listMeetings(ctx: Ctx, query: MeetingListQuery = {}) {
	return (await pageOfMeetings(ctx, { limit: 100, ...query }, false)).items;
}

/** As listMeetings, with the number of meetings matching (for the API's pages). */
export async function pageOfMeetings(ctx: Ctx, query: MeetingListQuery = {}, counted = true) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(meetingListQuery, query, ctx.locale);
	const where = listWhere(q);
	const [rows, total] = await Promise.all([
		ctx.db
			.select({
				id: meeting.id,
				title: meeting.title,
				kind: meeting.kind,
				heldOn: meeting.heldOn,
				startTime: meeting.startTime,
				endTime: meeting.endTime,
				place: meeting.place,
				state: meeting.state,
				clusterId: meeting.clusterId,
				clusterCode: cluster.code
			})
			.from(meeting)
			.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
			.where(where)
			.orderBy(sql`${meeting.heldOn} desc nulls last`, desc(meeting.startTime), asc(meeting.id))
			.limit(q.limit)
			.offset(q.offset),
		counted
			? ctx.db
					.select({ n: count() })
					.from(meeting)
					.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
					.where(where)
					.then((r) => r[0]?.n ?? 0)
			: Promise.resolve(0)
	]);
	const items = rows.map((r) => {
		const canEdit = managesCluster(ctx.actor, r.clusterId);
		return { ...r, canEdit, minutesVisible: canEdit || r.state === 'published' };
	});
	return { items, total };
}
