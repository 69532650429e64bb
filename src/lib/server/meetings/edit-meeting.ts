/**
 * A coordinator plans a meeting (its invitation: title, kind, date, times, place, objectives),
 * corrects it later, or deletes it. The minutes' parts are edited in edit-agenda.ts and
 * edit-notes.ts; the state (planned → held → published) moves in lifecycle.ts.
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { actionItem, agendaItem, attendance, cluster, meeting, meetingNote } from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { clusterForWrite, getMeeting } from './meetings';
import { lockMeeting, refuseIfChanged, touched } from './edit-guard';
import { MEETING_FIELDS, meetingFieldsInput, versionInput } from './schema';

/** The meeting with its minutes, for one of its cluster's coordinators (403 for others). */
export async function getMeetingForEdit(ctx: Ctx, id: string) {
	const found = await getMeeting(ctx, id);
	authorize(ctx.actor, found.canEdit);
	return found;
}

/** The clusters whose meetings the user plans (403 when none). */
export async function clustersForMeetings(ctx: Ctx) {
	authorize(ctx.actor, ctx.actor !== null);
	const rows = await ctx.db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(cluster)
		.orderBy(asc(cluster.code));
	const managed = rows.filter((c) => managesCluster(ctx.actor, c.id));
	authorize(ctx.actor, managed.length > 0);
	return managed;
}

/** Plans a meeting of a cluster the user manages: state 'planned', no minutes yet. */
export async function createPlannedMeeting(ctx: Ctx, clusterCode: string, input: unknown) {
	const c = await clusterForWrite(ctx, clusterCode);
	const values = parseInput(meetingFieldsInput, input, ctx.locale);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(meeting)
			.values({ clusterId: c.id, ...columns(values), state: 'planned' })
			.returning();
		await recordAudit(tx, actor, { action: 'create', entityType: 'meeting', entityId: row!.id, after: row });
		return row!;
	});
}

type Fields = Pick<ReturnType<typeof meetingFieldsInput.parse>, (typeof MEETING_FIELDS)[number]>;

function columns(v: Fields) {
	return {
		title: v.title,
		kind: v.kind,
		heldOn: v.date,
		startTime: v.startTime,
		endTime: v.endTime,
		place: v.place,
		objectives: v.objectives
	};
}

/**
 * Saves the meeting's own fields, all of them (a PATCH fills in the others from the record).
 * Refused if another editor changed one of them since `version`.
 */
export async function updateMeeting(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const locked = await lockMeeting(tx, actor, id);
		const values = parseInput(meetingFieldsInput, input, ctx.locale);
		const fields = new Set<string>(MEETING_FIELDS);
		await refuseIfChanged(
			tx,
			ctx.locale,
			locked,
			values.version,
			(c) => c.part === 'field' && (fields.has(c.field) || c.field === 'heldOn')
		);
		const before: Fields = {
			title: locked.title,
			kind: locked.kind,
			date: locked.heldOn!,
			startTime: locked.startTime,
			endTime: locked.endTime,
			place: locked.place,
			objectives: locked.objectives
		};
		const changed = MEETING_FIELDS.filter((k) => before[k] !== values[k]);
		if (changed.length === 0) return { id, changed };
		await tx
			.update(meeting)
			.set({ ...columns(values), updatedAt: touched })
			.where(eq(meeting.id, id));
		const pick = (o: Fields) => Object.fromEntries(changed.map((k) => [k, o[k]]));
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'meeting',
			entityId: id,
			before: pick(before),
			after: pick(values)
		});
		return { id, changed };
	});
}

/**
 * Deletes a meeting with its agenda, lists and attendance. Its action items stay in the tracker,
 * no longer linked to it. Refused if anything of it changed since `version`.
 */
export async function deleteMeeting(ctx: Ctx, id: string, input: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const locked = await lockMeeting(tx, actor, id);
		const { version } = parseInput(versionInput, input ?? {}, ctx.locale);
		await refuseIfChanged(tx, ctx.locale, locked, version, () => true);
		const counted = async (table: typeof agendaItem | typeof meetingNote | typeof attendance) =>
			(await tx.select({ n: count() }).from(table).where(eq(table.meetingId, id)))[0]?.n ?? 0;
		const [agendaItems, notes, participants] = [
			await counted(agendaItem),
			await counted(meetingNote),
			await counted(attendance)
		];
		const [actions] = await tx.select({ n: count() }).from(actionItem).where(eq(actionItem.meetingId, id));
		await tx.delete(meeting).where(eq(meeting.id, id));
		await recordAudit(tx, actor, {
			action: 'delete',
			entityType: 'meeting',
			entityId: id,
			before: {
				...withoutVersion(locked),
				agendaItems,
				notes,
				participants,
				actionItemsKept: actions?.n ?? 0
			}
		});
		return { actionItemsKept: actions?.n ?? 0 };
	});
}

function withoutVersion<T extends { version: string }>(row: T): Omit<T, 'version'> {
	const copy: Partial<T> = { ...row };
	delete copy.version;
	return copy as Omit<T, 'version'>;
}
