/**
 * Meetings of a cluster with their minutes: agenda, lessons, consensus, perspectives, who attended
 * (as they were that day) and the action items decided. Written by the cluster's coordinators and
 * information managers; read by every signed-in user.
 */
import { asc, eq, sql } from 'drizzle-orm';
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
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { meetingInput } from './schema';

type MeetingInput = ReturnType<typeof meetingInput.parse>;

/** The cluster of that code, if the user writes its meetings. */
export async function clusterForWrite(ctx: Ctx, code: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const [found] = await ctx.db
		.select({ id: cluster.id })
		.from(cluster)
		.where(eq(cluster.code, code.trim().toUpperCase()));
	if (!found) throw new NotFoundError();
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

/** A meeting with its minutes, for any signed-in user. */
export async function getMeeting(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(meeting).where(eq(meeting.id, id));
	if (!row) throw new NotFoundError();
	const [agenda, notes, people, actions] = await Promise.all([
		ctx.db.select().from(agendaItem).where(eq(agendaItem.meetingId, id)).orderBy(asc(agendaItem.position)),
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
		canEdit: managesCluster(ctx.actor, row.clusterId)
	};
}

/** A cluster's meetings (or every cluster's), newest first, for any signed-in user. */
export async function listMeetings(
	ctx: Ctx,
	query: { cluster?: string; limit?: number; offset?: number } = {}
) {
	authorize(ctx.actor, ctx.actor !== null);
	const where = query.cluster ? eq(cluster.code, query.cluster.trim().toUpperCase()) : undefined;
	return ctx.db
		.select({
			id: meeting.id,
			title: meeting.title,
			heldOn: meeting.heldOn,
			startTime: meeting.startTime,
			place: meeting.place,
			state: meeting.state,
			clusterCode: cluster.code
		})
		.from(meeting)
		.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
		.where(where)
		.orderBy(sql`${meeting.heldOn} desc nulls last`)
		.limit(Math.min(query.limit ?? 100, 500))
		.offset(query.offset ?? 0);
}
