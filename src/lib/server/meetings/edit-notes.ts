/**
 * The lists of the minutes — lessons learned, consensus, perspectives — each saved whole, in order.
 * Without script, the page's form sends the list with a button naming one line to move or remove.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { meetingNote } from '../db/schema';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { parseInput } from '../validation';
import { lockMeeting, refuseIfChanged, touchMeeting } from './edit-guard';
import { NOTE_LISTS, notesInput, type NoteList } from './schema';

export function isNoteList(value: string): value is NoteList {
	return Object.hasOwn(NOTE_LISTS, value);
}

/** Replaces a list of the meeting; refused if another editor changed that list since `version`. */
export async function setNotes(ctx: Ctx, meetingId: string, list: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isNoteList(list)) throw new NotFoundError();
	const kind = NOTE_LISTS[list];
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const locked = await lockMeeting(tx, actor, meetingId);
		const { items, version } = parseInput(notesInput, input, ctx.locale);
		await refuseIfChanged(tx, ctx.locale, locked, version, (c) => c.part === 'field' && c.field === list);
		const where = and(eq(meetingNote.meetingId, meetingId), eq(meetingNote.kind, kind));
		const before = (
			await tx
				.select({ text: meetingNote.text })
				.from(meetingNote)
				.where(where)
				.orderBy(asc(meetingNote.position))
		).map((n) => n.text);
		if (before.length === items.length && before.every((t, i) => t === items[i])) return items;
		await tx.delete(meetingNote).where(where);
		if (items.length)
			await tx
				.insert(meetingNote)
				.values(items.map((text, i) => ({ meetingId, kind, text, position: i + 1 })));
		await touchMeeting(tx, meetingId);
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'meeting',
			entityId: meetingId,
			before: { [list]: before },
			after: { [list]: items }
		});
		return items;
	});
}

/**
 * The list as the form sent it, with the line its button names (`up:2`, `down:2`, `remove:2`,
 * counted from 0 among the posted lines) moved or removed.
 */
export function applyNoteCommand(items: string[], command: string): string[] {
	const match = /^(up|down|remove):(\d+)$/.exec(command);
	if (!match) return items;
	const at = Number(match[2]);
	if (at >= items.length) return items;
	const out = [...items];
	if (match[1] === 'remove') out.splice(at, 1);
	else {
		const to = match[1] === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= out.length) return items;
		[out[at], out[to]] = [out[to]!, out[at]!];
	}
	return out;
}
