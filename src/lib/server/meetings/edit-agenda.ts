/**
 * The agenda of a meeting, item by item: subject, context and status (formatted, sanitised here),
 * grouped in sections such as "Divers" by the section each item names. Positions run 1…n.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { agendaItem } from '../db/schema';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { lockMeeting, refuseIfChanged, touchMeeting, type MeetingChange } from './edit-guard';
import { AGENDA_FIELDS, agendaItemInput, versionInput } from './schema';

export type AgendaItem = typeof agendaItem.$inferSelect;

/** The meeting an agenda item belongs to (404 for an unknown item). */
export async function agendaItemMeeting(db: Executor, itemId: string): Promise<string> {
	if (!isId(itemId)) throw new NotFoundError();
	const [row] = await db
		.select({ meetingId: agendaItem.meetingId })
		.from(agendaItem)
		.where(eq(agendaItem.id, itemId));
	if (!row) throw new NotFoundError();
	return row.meetingId;
}

/** One item, for one of its cluster's coordinators. */
export async function getAgendaItem(ctx: Ctx, itemId: string): Promise<AgendaItem> {
	authorize(ctx.actor, ctx.actor !== null);
	const meetingId = await agendaItemMeeting(ctx.db, itemId);
	return ctx.db.transaction(async (tx) => {
		await lockMeeting(tx, ctx.actor, meetingId);
		const [row] = await tx.select().from(agendaItem).where(eq(agendaItem.id, itemId));
		return row!;
	});
}

/** Adds an item at `position` (at the end without one). */
export async function addAgendaItem(ctx: Ctx, meetingId: string, input: unknown): Promise<AgendaItem> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		await lockMeeting(tx, actor, meetingId);
		const values = parseInput(agendaItemInput, input, ctx.locale);
		const order = await itemOrder(tx, meetingId);
		const [row] = await tx
			.insert(agendaItem)
			.values({ meetingId, position: order.length + 1, ...fieldsOf(values) })
			.returning();
		const position = clamp(values.position ?? order.length + 1, order.length + 1);
		order.splice(position - 1, 0, row!.id);
		await renumber(tx, meetingId, order);
		await touchMeeting(tx, meetingId);
		const after = { ...row!, position };
		await recordAudit(tx, actor, { action: 'create', entityType: 'agenda_item', entityId: row!.id, after });
		return after;
	});
}

/**
 * Saves an item whole (a PATCH fills in the rest from the record); `position` moves it. Refused
 * if another editor changed or removed this item since `version`.
 */
export function updateAgendaItem(ctx: Ctx, itemId: string, input: unknown): Promise<AgendaItem> {
	return writeItem(ctx, itemId, () => {
		const values = parseInput(agendaItemInput, input, ctx.locale);
		return { fields: fieldsOf(values), position: values.position, version: values.version };
	});
}

/** Moves an item one place up or down (the page's buttons), whatever else changed meanwhile. */
export function moveAgendaItem(ctx: Ctx, itemId: string, direction: 'up' | 'down'): Promise<AgendaItem> {
	return writeItem(ctx, itemId, (before) => ({
		fields: fieldsOf(before),
		position: before.position + (direction === 'up' ? -1 : 1),
		version: undefined
	}));
}

async function writeItem(
	ctx: Ctx,
	itemId: string,
	read: (before: AgendaItem) => {
		fields: ReturnType<typeof fieldsOf>;
		position: number | undefined;
		version: string | undefined;
	}
): Promise<AgendaItem> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	const meetingId = await agendaItemMeeting(ctx.db, itemId);
	return ctx.db.transaction(async (tx) => {
		const locked = await lockMeeting(tx, actor, meetingId);
		const before = await lockedItem(tx, meetingId, itemId);
		const { fields: after, ...values } = read(before);
		await refuseIfChanged(tx, ctx.locale, locked, values.version, touchesText(itemId));
		const changed: string[] = AGENDA_FIELDS.filter((k) => before[k] !== after[k]);
		const order = await itemOrder(tx, meetingId);
		const position = clamp(values.position ?? before.position, order.length);
		if (position !== before.position) changed.push('position');
		if (changed.length === 0) return before;
		await tx.update(agendaItem).set(after).where(eq(agendaItem.id, itemId));
		if (position !== before.position) {
			order.splice(order.indexOf(itemId), 1);
			order.splice(position - 1, 0, itemId);
			await renumber(tx, meetingId, order);
		}
		await touchMeeting(tx, meetingId);
		const row: AgendaItem = { ...before, ...after, position };
		const pick = (o: AgendaItem) => ({
			meetingId,
			label: o.subject,
			...Object.fromEntries(changed.map((k) => [k, o[k as keyof AgendaItem]]))
		});
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'agenda_item',
			entityId: itemId,
			before: pick(before),
			after: pick(row)
		});
		return row;
	});
}

/** Removes an item; action items decided on it keep their meeting. */
export async function removeAgendaItem(ctx: Ctx, itemId: string, input: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	const meetingId = await agendaItemMeeting(ctx.db, itemId);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockMeeting(tx, actor, meetingId);
		const before = await lockedItem(tx, meetingId, itemId);
		const { version } = parseInput(versionInput, input ?? {}, ctx.locale);
		await refuseIfChanged(tx, ctx.locale, locked, version, touchesText(itemId));
		await tx.delete(agendaItem).where(eq(agendaItem.id, itemId));
		await renumber(
			tx,
			meetingId,
			(await itemOrder(tx, meetingId)).filter((id) => id !== itemId)
		);
		await touchMeeting(tx, meetingId);
		await recordAudit(tx, actor, { action: 'delete', entityType: 'agenda_item', entityId: itemId, before });
	});
	return { meetingId };
}

/** Another editor's change to this item's text, or its removal; a move elsewhere does not count. */
function touchesText(itemId: string) {
	const fields = new Set<string>(AGENDA_FIELDS);
	return (c: MeetingChange) =>
		c.part === 'agenda-item' &&
		c.itemId === itemId &&
		(c.action === 'delete' || c.fields.some((f) => fields.has(f)));
}

function fieldsOf(values: Pick<AgendaItem, 'section' | 'subject' | 'context' | 'status'>) {
	return { section: values.section, subject: values.subject, context: values.context, status: values.status };
}

function clamp(position: number, max: number) {
	return Math.min(Math.max(1, position), Math.max(1, max));
}

async function lockedItem(tx: Executor, meetingId: string, itemId: string) {
	const [row] = await tx
		.select()
		.from(agendaItem)
		.where(and(eq(agendaItem.id, itemId), eq(agendaItem.meetingId, meetingId)));
	if (!row) throw new NotFoundError();
	return row;
}

async function itemOrder(tx: Executor, meetingId: string): Promise<string[]> {
	const rows = await tx
		.select({ id: agendaItem.id })
		.from(agendaItem)
		.where(eq(agendaItem.meetingId, meetingId))
		.orderBy(asc(agendaItem.position), asc(agendaItem.id));
	return rows.map((r) => r.id);
}

/** Gives the items positions 1…n in this order, writing only those that move. */
async function renumber(tx: Executor, meetingId: string, order: string[]) {
	const rows = await tx
		.select({ id: agendaItem.id, position: agendaItem.position })
		.from(agendaItem)
		.where(eq(agendaItem.meetingId, meetingId));
	const current = new Map(rows.map((r) => [r.id, r.position]));
	for (const [i, id] of order.entries())
		if (current.get(id) !== i + 1)
			await tx
				.update(agendaItem)
				.set({ position: i + 1 })
				.where(eq(agendaItem.id, id));
}
