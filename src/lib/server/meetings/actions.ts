/**
 * The action tracker: every action item of every cluster, whatever meeting it came from, filtered by
 * cluster, status, responsible and due date, the overdue ones flagged. Every signed-in user reads
 * it; the cluster's coordinators change any item (action-edit.ts); a partner focal point changes
 * the status of what their organisation owes, and a person the status of what they owe themselves.
 */
import { and, asc, count, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Actor } from '../access/actor';
import { actionItem, agendaItem, cluster, meeting, organisation, person } from '../db/schema';
import { authorize, hasRole, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { matchesText } from '../db/search';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import { actionListQuery, actionStatusInput, type ActionFilters } from './action-schema';

export { actionListQuery, actionStatusInput };

/** Today in UTC, as due dates are days. */
export const today = () => new Date().toISOString().slice(0, 10);

/** What a list row and a record show of an item, with who is responsible by name. */
const actionColumns = {
	id: actionItem.id,
	description: actionItem.description,
	responsibleText: actionItem.responsibleText,
	responsibleOrganisationId: actionItem.responsibleOrganisationId,
	responsibleOrganisationName: organisation.name,
	responsibleOrganisationAcronym: organisation.acronym,
	responsiblePersonId: actionItem.responsiblePersonId,
	responsiblePersonName: person.name,
	dueOn: actionItem.dueOn,
	status: actionItem.status,
	clusterId: actionItem.clusterId,
	clusterCode: cluster.code,
	meetingId: actionItem.meetingId,
	meetingTitle: meeting.title,
	meetingOn: meeting.heldOn,
	agendaItemId: actionItem.agendaItemId,
	createdAt: actionItem.createdAt,
	updatedAt: actionItem.updatedAt
};

export type ActionRow = NonNullable<Awaited<ReturnType<typeof readAction>>>;

/** `%q%` for LIKE, the user's own % and _ taken literally (as db/search.ts does). */
const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Items whose role text matches: the few distinct texts are folded, not each of the 20,000 rows
 * (folding accents row by row is what made the filter slow); `offset 0` keeps PostgreSQL from
 * pushing the fold below the distinct.
 */
function responsibleTextMatches(q: string): SQL {
	return sql`${actionItem.responsibleText} in (select t from (select distinct responsible_text as t from action_item offset 0) d where concerto_fold(t) like concerto_fold(${containsPattern(q)}))`;
}

/**
 * The filters as SQL on action_item alone — names are matched in the small organisation and person
 * tables first — so that a page is sorted and cut before anything is joined.
 */
function actionWhere(q: ActionFilters, clusterId: string | undefined, now: string) {
	return and(
		clusterId ? eq(actionItem.clusterId, clusterId) : undefined,
		q.status ? eq(actionItem.status, q.status) : undefined,
		q.organisation ? eq(actionItem.responsibleOrganisationId, q.organisation) : undefined,
		q.dueFrom ? gte(actionItem.dueOn, q.dueFrom) : undefined,
		q.dueTo ? lte(actionItem.dueOn, q.dueTo) : undefined,
		q.overdue
			? and(eq(actionItem.status, 'open'), isNotNull(actionItem.dueOn), lt(actionItem.dueOn, now))
			: undefined,
		q.responsible
			? or(
					responsibleTextMatches(q.responsible),
					sql`${actionItem.responsibleOrganisationId} in (select ${organisation.id} from ${organisation} where ${matchesText(q.responsible, organisation.name, organisation.acronym)})`,
					sql`${actionItem.responsiblePersonId} in (select ${person.id} from ${person} where ${matchesText(q.responsible, person.name)})`
				)
			: undefined,
		q.q ? or(matchesText(q.q, actionItem.description), responsibleTextMatches(q.q)) : undefined
	);
}

const byDue = [sql`${actionItem.dueOn} asc nulls last`, asc(actionItem.createdAt), asc(actionItem.id)];

/**
 * A page of the tracker, by due date (none last). The page's ids are chosen on action_item alone,
 * then joined to names: 20,000 items are sorted, never joined whole.
 */
export async function listActions(ctx: Ctx, query: unknown = {}) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(actionListQuery, query, ctx.locale);
	const empty = { items: [], total: 0 };
	let clusterId: string | undefined;
	if (q.cluster) {
		const [found] = await ctx.db
			.select({ id: cluster.id })
			.from(cluster)
			.where(eq(cluster.code, q.cluster.toUpperCase()));
		if (!found) return empty;
		clusterId = found.id;
	}
	const now = today();
	const where = actionWhere(q, clusterId, now);
	const pageIds = ctx.db
		.select({ id: actionItem.id })
		.from(actionItem)
		.where(where)
		.orderBy(...byDue)
		.limit(q.limit)
		.offset(q.offset);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select(actionColumns)
			.from(actionItem)
			.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
			.leftJoin(meeting, eq(meeting.id, actionItem.meetingId))
			.leftJoin(organisation, eq(organisation.id, actionItem.responsibleOrganisationId))
			.leftJoin(person, eq(person.id, actionItem.responsiblePersonId))
			.where(inArray(actionItem.id, pageIds))
			.orderBy(...byDue),
		ctx.db.select({ n: count() }).from(actionItem).where(where)
	]);
	return {
		items: items.map((a) => ({
			...a,
			overdue: isOverdue(a, now),
			canEdit: managesCluster(ctx.actor, a.clusterId),
			canChangeStatus: changesStatus(ctx.actor, a)
		})),
		total: total?.n ?? 0
	};
}

export function isOverdue(item: { status: string; dueOn: string | null }, now = today()) {
	return item.status === 'open' && item.dueOn !== null && item.dueOn < now;
}

/** Who may mark an item open, done or cancelled. */
export function changesStatus(
	actor: Actor | null,
	item: { clusterId: string; responsibleOrganisationId: string | null; responsiblePersonId: string | null }
) {
	if (managesCluster(actor, item.clusterId)) return true;
	const organisationId = item.responsibleOrganisationId;
	if (organisationId !== null && hasRole(actor, 'focal-point', { organisationId })) return true;
	return item.responsiblePersonId !== null && actor?.personId === item.responsiblePersonId;
}

/** One item with names, or undefined. */
export async function readAction(db: Ctx['db'], id: string) {
	const [row] = await db
		.select(actionColumns)
		.from(actionItem)
		.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
		.leftJoin(meeting, eq(meeting.id, actionItem.meetingId))
		.leftJoin(organisation, eq(organisation.id, actionItem.responsibleOrganisationId))
		.leftJoin(person, eq(person.id, actionItem.responsiblePersonId))
		.where(eq(actionItem.id, id));
	return row;
}

/** A due date before the meeting that decided the action is saved, but the user is told. */
export function dueWarnings(
	item: { dueOn: string | null },
	meetingOn: string | null | undefined,
	locale: Locale
) {
	if (!item.dueOn || !meetingOn || item.dueOn >= meetingOn) return [];
	return [
		{
			path: 'dueOn',
			message: m.actionedit_warning_due_before(
				{ due: formatDate(item.dueOn, locale), meeting: formatDate(meetingOn, locale) },
				{ locale }
			)
		}
	];
}

/** An action item for any signed-in user, with what this user may do with it. */
export async function getAction(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const row = await readAction(ctx.db, id);
	if (!row) throw new NotFoundError();
	const agenda = row.meetingId
		? await ctx.db
				.select({ id: agendaItem.id, subject: agendaItem.subject, section: agendaItem.section })
				.from(agendaItem)
				.where(eq(agendaItem.meetingId, row.meetingId))
				.orderBy(asc(agendaItem.position))
		: [];
	return {
		...row,
		agenda,
		overdue: isOverdue(row),
		canEdit: managesCluster(ctx.actor, row.clusterId),
		canChangeStatus: changesStatus(ctx.actor, row),
		warnings: dueWarnings(row, row.meetingOn, ctx.locale)
	};
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
		authorize(actor, changesStatus(actor, before));
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
