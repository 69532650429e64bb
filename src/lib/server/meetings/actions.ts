/**
 * The action tracker: every action item of a cluster, whatever meeting it came from, filtered by
 * status, responsible organisation and due date, the overdue ones flagged. The cluster's
 * coordinators change any item; a partner focal point changes the status of their organisation's.
 */
import { and, asc, count, eq, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import { actionItem, cluster, meeting, ACTION_STATUSES } from '../db/schema';
import { authorize, hasRole, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId, listQuery } from '../directory/schema';
import { hint, parseInput, blankAsAbsent } from '../validation';

export const actionListQuery = listQuery.extend({
	cluster: blankAsAbsent(z.string().trim().max(40)),
	status: blankAsAbsent(z.enum(ACTION_STATUSES, hint('minutes_error_action_status'))),
	/** Only those of this organisation (a partner's "what we owe"). */
	organisation: blankAsAbsent(z.uuid()),
	overdue: blankAsAbsent(z.enum(['1', 'true']))
});

export const actionStatusInput = z.object({
	status: z.enum(ACTION_STATUSES, hint('minutes_error_action_status'))
});

/** Today in UTC, as due dates are days. */
const today = () => new Date().toISOString().slice(0, 10);

export async function listActions(ctx: Ctx, query: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(actionListQuery, query, ctx.locale);
	const filters: (SQL | undefined)[] = [
		q.cluster ? eq(cluster.code, q.cluster.toUpperCase()) : undefined,
		q.status ? eq(actionItem.status, q.status) : undefined,
		q.organisation ? eq(actionItem.responsibleOrganisationId, q.organisation) : undefined,
		q.overdue
			? and(eq(actionItem.status, 'open'), isNotNull(actionItem.dueOn), lt(actionItem.dueOn, today()))
			: undefined,
		q.q
			? sql`concerto_fold(${actionItem.description} || ' ' || ${actionItem.responsibleText}) like concerto_fold(${`%${q.q}%`})`
			: undefined
	];
	const where = and(...filters);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({
				id: actionItem.id,
				description: actionItem.description,
				responsibleText: actionItem.responsibleText,
				responsibleOrganisationId: actionItem.responsibleOrganisationId,
				dueOn: actionItem.dueOn,
				status: actionItem.status,
				clusterId: actionItem.clusterId,
				clusterCode: cluster.code,
				meetingId: actionItem.meetingId,
				meetingTitle: meeting.title,
				meetingOn: meeting.heldOn
			})
			.from(actionItem)
			.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
			.leftJoin(meeting, eq(meeting.id, actionItem.meetingId))
			.where(where)
			.orderBy(sql`${actionItem.dueOn} asc nulls last`, asc(actionItem.createdAt))
			.limit(q.limit)
			.offset(q.offset),
		ctx.db
			.select({ n: count() })
			.from(actionItem)
			.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
			.where(where)
	]);
	const now = today();
	return {
		items: items.map((a) => ({
			...a,
			overdue: a.status === 'open' && a.dueOn !== null && a.dueOn < now,
			canChangeStatus: changesStatus(ctx, a)
		})),
		total: total?.n ?? 0
	};
}

function changesStatus(ctx: Ctx, item: { clusterId: string; responsibleOrganisationId: string | null }) {
	if (managesCluster(ctx.actor, item.clusterId)) return true;
	const organisationId = item.responsibleOrganisationId;
	return organisationId !== null && hasRole(ctx.actor, 'focal-point', { organisationId });
}

/** Marks an action open, done or cancelled. */
export async function setActionStatus(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const { status } = parseInput(actionStatusInput, input, ctx.locale);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx.select().from(actionItem).where(eq(actionItem.id, id)).for('update');
		if (!before) throw new NotFoundError();
		authorize(actor, changesStatus(ctx, before));
		const [after] = await tx
			.update(actionItem)
			.set({ status, updatedAt: new Date() })
			.where(eq(actionItem.id, id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'action-item',
			entityId: id,
			before: { status: before.status },
			after: { status }
		});
		return after!;
	});
}
