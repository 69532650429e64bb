/**
 * Writing action items: a coordinator of the cluster creates one from a meeting (optionally on an
 * item of its agenda) or on its own for the cluster, edits it and deletes it. Who is responsible
 * must exist in the directory when named by id; a due date before the meeting is saved with a
 * warning, as minutes sometimes record a deadline that has already passed.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { actionItem, agendaItem, cluster, meeting, organisation, person } from '../db/schema';
import { clusterByCode } from '../clusters/clusters';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError, ValidationError, type FieldError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { actionInput, actionOrigin, type ActionInput } from './action-schema';
import { dueWarnings } from './actions';

/** Where a new action belongs: a meeting (and so its cluster) or a cluster alone. */
export async function actionPlace(ctx: Ctx, origin: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const o = parseInput(actionOrigin, origin, ctx.locale);
	if (o.meeting) {
		const [found] = await ctx.db
			.select({
				clusterId: meeting.clusterId,
				clusterCode: cluster.code,
				meetingId: meeting.id,
				meetingTitle: meeting.title,
				meetingOn: meeting.heldOn
			})
			.from(meeting)
			.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
			.where(eq(meeting.id, o.meeting));
		if (!found) throw new NotFoundError();
		authorize(ctx.actor, managesCluster(ctx.actor, found.clusterId));
		const agenda = await ctx.db
			.select({ id: agendaItem.id, subject: agendaItem.subject, section: agendaItem.section })
			.from(agendaItem)
			.where(eq(agendaItem.meetingId, found.meetingId))
			.orderBy(agendaItem.position);
		return { ...found, agenda };
	}
	if (!o.cluster)
		throw new ValidationError([
			{ path: 'cluster', message: m.actionedit_error_origin({}, { locale: ctx.locale }) }
		]);
	const found = await clusterByCode(ctx.db, o.cluster);
	authorize(ctx.actor, managesCluster(ctx.actor, found.id));
	return {
		clusterId: found.id,
		clusterCode: found.code,
		meetingId: null,
		meetingTitle: null,
		meetingOn: null,
		agenda: []
	};
}

/**
 * Refuses, each by name, an organisation or person that is not in the directory and an agenda
 * item that is not one of the action's meeting.
 */
async function checkReferences(tx: Executor, values: ActionInput, meetingId: string | null, locale: Locale) {
	const errors: FieldError[] = [];
	if (values.responsibleOrganisationId) {
		const [found] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.id, values.responsibleOrganisationId));
		if (!found)
			errors.push({
				path: 'responsibleOrganisationId',
				message: m.actionedit_error_organisation({}, { locale })
			});
	}
	if (values.responsiblePersonId) {
		const [found] = await tx
			.select({ id: person.id })
			.from(person)
			.where(eq(person.id, values.responsiblePersonId));
		if (!found)
			errors.push({ path: 'responsiblePersonId', message: m.actionedit_error_person({}, { locale }) });
	}
	if (values.agendaItemId) {
		const [found] = await tx
			.select({ meetingId: agendaItem.meetingId })
			.from(agendaItem)
			.where(eq(agendaItem.id, values.agendaItemId));
		if (!found || found.meetingId !== meetingId)
			errors.push({ path: 'agendaItemId', message: m.actionedit_error_agenda_item({}, { locale }) });
	}
	if (errors.length) throw new ValidationError(errors);
}

const stored = (values: ActionInput) => ({
	description: values.description,
	responsibleText: values.responsibleText,
	responsibleOrganisationId: values.responsibleOrganisationId,
	responsiblePersonId: values.responsiblePersonId,
	dueOn: values.dueOn,
	status: values.status,
	agendaItemId: values.agendaItemId
});

/** Creates an action of a meeting (`{ meeting }`) or of a cluster (`{ cluster }`). */
export async function createAction(ctx: Ctx, origin: unknown, input: unknown) {
	const place = await actionPlace(ctx, origin);
	const values = parseInput(actionInput, input, ctx.locale);
	const actor = ctx.actor!;
	const action = await ctx.db.transaction(async (tx) => {
		await checkReferences(tx, values, place.meetingId, ctx.locale);
		const [row] = await tx
			.insert(actionItem)
			.values({ ...stored(values), clusterId: place.clusterId, meetingId: place.meetingId })
			.returning();
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'action-item',
			entityId: row!.id,
			after: row
		});
		return row!;
	});
	return { action, warnings: dueWarnings(action, place.meetingOn, ctx.locale) };
}

/** The item and its meeting's date, locked for a write by a coordinator of its cluster. */
async function lockForWrite(ctx: Ctx, tx: Executor, id: string) {
	const [row] = await tx
		.select({ item: actionItem, meetingOn: meeting.heldOn })
		.from(actionItem)
		.leftJoin(meeting, eq(meeting.id, actionItem.meetingId))
		.where(eq(actionItem.id, id))
		.for('update', { of: actionItem });
	if (!row) throw new NotFoundError();
	authorize(ctx.actor, managesCluster(ctx.actor, row.item.clusterId));
	return row;
}

/** Replaces every field of an action item (a PATCH is merged with the stored item first). */
export async function updateAction(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const { item: before, meetingOn } = await lockForWrite(ctx, tx, id);
		const values = parseInput(actionInput, input, ctx.locale);
		await checkReferences(tx, values, before.meetingId, ctx.locale);
		const [after] = await tx
			.update(actionItem)
			.set({ ...stored(values), updatedAt: new Date() })
			.where(eq(actionItem.id, id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'action-item',
			entityId: id,
			before,
			after
		});
		return { action: after!, warnings: dueWarnings(after!, meetingOn, ctx.locale) };
	});
}

export async function deleteAction(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const actor = ctx.actor;
	await ctx.db.transaction(async (tx) => {
		const { item: before } = await lockForWrite(ctx, tx, id);
		await tx.delete(actionItem).where(eq(actionItem.id, id));
		await recordAudit(tx, actor, { action: 'delete', entityType: 'action-item', entityId: id, before });
	});
}
