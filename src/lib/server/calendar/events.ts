/**
 * Events of a cluster's calendar that are not meetings with minutes: trainings, deadlines,
 * milestones. Every signed-in user reads them; the cluster's coordinators and information managers
 * write them, each write audited.
 */
import { and, asc, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import { calendarEvent, cluster } from '../db/schema';
import { clusterByCode } from '../clusters/clusters';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { eventInput, eventListQuery, type EventInput } from './schema';

export type CalendarEvent = typeof calendarEvent.$inferSelect;

/** The cluster of that code, if the signed-in user writes its calendar. */
export async function clusterForCalendarWrite(ctx: Ctx, code: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const found = await clusterByCode(ctx.db, code);
	authorize(ctx.actor, managesCluster(ctx.actor, found.id));
	return found;
}

const columns = {
	id: calendarEvent.id,
	clusterId: calendarEvent.clusterId,
	clusterCode: cluster.code,
	kind: calendarEvent.kind,
	title: calendarEvent.title,
	startsOn: calendarEvent.startsOn,
	startTime: calendarEvent.startTime,
	endsOn: calendarEvent.endsOn,
	endTime: calendarEvent.endTime,
	place: calendarEvent.place,
	notes: calendarEvent.notes,
	createdAt: calendarEvent.createdAt,
	updatedAt: calendarEvent.updatedAt
};

/** Events by day, filtered by cluster, kind and a period they overlap; for any signed-in user. */
export async function listEvents(ctx: Ctx, query: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(eventListQuery, query, ctx.locale);
	const filters: (SQL | undefined)[] = [
		q.cluster ? eq(cluster.code, q.cluster.toUpperCase()) : undefined,
		q.kind ? eq(calendarEvent.kind, q.kind) : undefined,
		q.from ? gte(sql`coalesce(${calendarEvent.endsOn}, ${calendarEvent.startsOn})`, q.from) : undefined,
		q.to ? lte(calendarEvent.startsOn, q.to) : undefined
	];
	const where = and(...filters);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select(columns)
			.from(calendarEvent)
			.innerJoin(cluster, eq(cluster.id, calendarEvent.clusterId))
			.where(where)
			.orderBy(
				asc(calendarEvent.startsOn),
				sql`${calendarEvent.startTime} asc nulls first`,
				asc(calendarEvent.title)
			)
			.limit(q.limit)
			.offset(q.offset),
		ctx.db
			.select({ n: count() })
			.from(calendarEvent)
			.innerJoin(cluster, eq(cluster.id, calendarEvent.clusterId))
			.where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** One event with its cluster, and whether the user may change it. */
export async function getEvent(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ ...columns, clusterNameFr: cluster.nameFr, clusterNameEn: cluster.nameEn })
		.from(calendarEvent)
		.innerJoin(cluster, eq(cluster.id, calendarEvent.clusterId))
		.where(eq(calendarEvent.id, id));
	if (!row) throw new NotFoundError();
	return { ...row, canEdit: managesCluster(ctx.actor, row.clusterId) };
}

/** The event as its edit form and a PATCH start from: the fields a coordinator types. */
export function eventFieldsOf(e: Pick<CalendarEvent, keyof EventInput>) {
	const { kind, title, startsOn, startTime, endsOn, endTime, place, notes } = e;
	return { kind, title, startsOn, startTime, endsOn, endTime, place, notes };
}

export async function createEvent(ctx: Ctx, clusterCode: string, input: unknown): Promise<CalendarEvent> {
	const c = await clusterForCalendarWrite(ctx, clusterCode);
	const values = parseInput(eventInput, input, ctx.locale);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(calendarEvent)
			.values({ ...values, clusterId: c.id })
			.returning();
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'calendar-event',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
}

export async function updateEvent(ctx: Ctx, id: string, input: unknown): Promise<CalendarEvent> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx.select().from(calendarEvent).where(eq(calendarEvent.id, id)).for('update');
		if (!before) throw new NotFoundError();
		authorize(actor, managesCluster(actor, before.clusterId));
		const values = parseInput(eventInput, input, ctx.locale);
		const [after] = await tx
			.update(calendarEvent)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(calendarEvent.id, id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'calendar-event',
			entityId: id,
			before: eventFieldsOf(before),
			after: eventFieldsOf(after!)
		});
		return after!;
	});
}

export async function deleteEvent(ctx: Ctx, id: string): Promise<void> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const actor = ctx.actor;
	await ctx.db.transaction(async (tx) => {
		const [before] = await tx.select().from(calendarEvent).where(eq(calendarEvent.id, id)).for('update');
		if (!before) throw new NotFoundError();
		authorize(actor, managesCluster(actor, before.clusterId));
		await tx.delete(calendarEvent).where(eq(calendarEvent.id, id));
		await recordAudit(tx, actor, {
			action: 'delete',
			entityType: 'calendar-event',
			entityId: id,
			before
		});
	});
}
