/**
 * The membership pipeline of a cluster: an organisation goes from prospect to contacted, interested,
 * member and inactive, and each move is a dated step with who made it and why. Only the cluster's
 * coordinators and information managers (and administrators) change it; the reads are in queries.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { membership, membershipStep, organisation, person, type MembershipStage } from '../db/schema';
import { isUniqueViolation } from '../db/constraint-violation';
import { authorize, managesCluster, readsDirectory } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Locale } from '../i18n';
import { parseInput } from '../validation';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getMembership, getPipelineCluster, type MembershipDetail } from './queries';
import {
	addMembershipInput,
	dayOf,
	focalPointInput,
	membershipPatchInput,
	moveMembershipInput,
	type StepDate
} from './schema';

export {
	countMembershipsByStage,
	focalPointOptions,
	getMembership,
	listMemberships,
	membershipHistory,
	membershipsOfOrganisation,
	organisationsOutsidePipeline
} from './queries';

type Scope = { clusterId?: string };
type Move = { stage?: MembershipStage; at?: StepDate; note: string | null };

/** Adds an organisation of the directory to the cluster's pipeline, with its first step. */
export async function addToPipeline(ctx: Ctx, clusterId: string, input: unknown) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const c = await getPipelineCluster(ctx, clusterId);
	authorize(ctx.actor, managesCluster(ctx.actor, c.id));
	const values = parseInput(addMembershipInput, input, ctx.locale);
	const byUserId = ctx.actor.userId;
	const created = ctx.db.transaction(async (tx) => {
		const [org] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.id, values.organisationId));
		if (!org) throw invalid('organisationId', m.membership_error_organisation({}, { locale: ctx.locale }));
		const [taken] = await tx
			.select({ id: membership.id })
			.from(membership)
			.where(and(eq(membership.organisationId, org.id), eq(membership.clusterId, c.id)));
		if (taken) throw alreadyInPipeline(ctx.locale);
		if (values.focalPointId) await assertFocalPoint(ctx, tx, org.id, values.focalPointId);
		const [row] = await tx
			.insert(membership)
			.values({
				organisationId: org.id,
				clusterId: c.id,
				stage: values.stage,
				focalPointId: values.focalPointId ?? null
			})
			.returning();
		const [step] = await tx
			.insert(membershipStep)
			.values({
				membershipId: row!.id,
				stage: values.stage,
				at: stepTime(ctx.locale, values.at, null),
				byUserId,
				note: values.note
			})
			.returning();
		await recordAudit(tx, ctx.actor, {
			action: 'create',
			entityType: 'membership',
			entityId: row!.id,
			after: { ...row, step }
		});
		return row!;
	});
	// The check above cannot see the same organisation being added by another request at this moment.
	return created.catch((error: unknown) => {
		throw isUniqueViolation(error) ? alreadyInPipeline(ctx.locale) : error;
	});
}

/**
 * Moves a membership to a stage, on a date (default now) with a note. Moving to the stage it is
 * at only adds a note, so it needs one.
 */
export async function moveMembership(ctx: Ctx, id: string, input: unknown, scope: Scope = {}) {
	const before = await membershipForWrite(ctx, id, scope);
	const values = parseInput(moveMembershipInput, input, ctx.locale);
	return change(ctx, before, { move: values });
}

/** Names the organisation's focal point for this cluster (one of its people), or none. */
export async function setFocalPoint(ctx: Ctx, id: string, input: unknown, scope: Scope = {}) {
	const before = await membershipForWrite(ctx, id, scope);
	const values = parseInput(focalPointInput, input, ctx.locale);
	return change(ctx, before, { focalPointId: values.focalPointId });
}

/** The API's PATCH: a move or a note (stage, at, note), a focal point, or both at once. */
export async function updateMembership(ctx: Ctx, id: string, input: unknown) {
	const before = await membershipForWrite(ctx, id, {});
	const { focalPointId, ...move } = parseInput(membershipPatchInput, input, ctx.locale);
	const moves = move.stage !== undefined || move.at !== undefined || move.note !== null;
	return change(ctx, before, { move: moves ? move : undefined, focalPointId });
}

/**
 * A prospect leaves the pipeline without a trace but the audit; any other membership has a history
 * worth keeping, so it becomes inactive instead (and an inactive one stays as it is).
 */
export async function removeMembership(
	ctx: Ctx,
	id: string,
	scope: Scope = {}
): Promise<'deleted' | 'inactive'> {
	const before = await membershipForWrite(ctx, id, scope);
	return ctx.db.transaction(async (tx) => {
		const stage = await lockStage(tx, before.id);
		if (stage === 'prospect') {
			await tx.delete(membership).where(eq(membership.id, before.id));
			await recordAudit(tx, ctx.actor, {
				action: 'delete',
				entityType: 'membership',
				entityId: before.id,
				before
			});
			return 'deleted';
		}
		if (stage !== 'inactive') {
			const step = await applyMove(ctx, tx, before.id, stage, { stage: 'inactive', note: null });
			await recordAudit(tx, ctx.actor, {
				action: 'update',
				entityType: 'membership',
				entityId: before.id,
				before: { stage },
				after: { stage: 'inactive', step }
			});
		}
		return 'inactive';
	});
}

async function membershipForWrite(ctx: Ctx, id: string, scope: Scope) {
	const row = await getMembership(ctx, id, scope);
	authorize(ctx.actor, managesCluster(ctx.actor, row.clusterId));
	return row;
}

/** One write: a step (and the stage it leads to), a focal point, or both; audited together. */
async function change(
	ctx: Ctx,
	before: MembershipDetail,
	changes: { move?: Move; focalPointId?: string | null }
) {
	const { move, focalPointId } = changes;
	// Nothing asked (an empty PATCH): nothing written, nothing audited.
	if (!move && focalPointId === undefined) return before;
	await ctx.db.transaction(async (tx) => {
		const stage = await lockStage(tx, before.id);
		const step = move ? await applyMove(ctx, tx, before.id, stage, move) : undefined;
		if (focalPointId !== undefined) {
			if (focalPointId) await assertFocalPoint(ctx, tx, before.organisationId, focalPointId);
			await tx
				.update(membership)
				.set({ focalPointId, updatedAt: new Date() })
				.where(eq(membership.id, before.id));
		}
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'membership',
			entityId: before.id,
			before: { stage, focalPointId: before.focalPointId },
			after: {
				stage: step?.stage ?? stage,
				focalPointId: focalPointId === undefined ? before.focalPointId : focalPointId,
				step
			}
		});
	});
	return getMembership(ctx, before.id);
}

/** The membership's stage, its row locked until the transaction ends: moves happen one at a time. */
async function lockStage(tx: Executor, id: string): Promise<MembershipStage> {
	const [row] = await tx
		.select({ stage: membership.stage })
		.from(membership)
		.where(eq(membership.id, id))
		.for('update');
	// Removed by someone else since it was read.
	if (!row) throw new NotFoundError();
	return row.stage;
}

async function applyMove(ctx: Ctx, tx: Executor, id: string, current: MembershipStage, move: Move) {
	const stage = move.stage ?? current;
	if (stage === current && !move.note)
		throw invalid('note', m.membership_error_note_required({}, { locale: ctx.locale }));
	const [previous] = await tx
		.select({ at: membershipStep.at })
		.from(membershipStep)
		.where(eq(membershipStep.membershipId, id))
		.orderBy(desc(membershipStep.at))
		.limit(1);
	const [step] = await tx
		.insert(membershipStep)
		.values({
			membershipId: id,
			stage,
			at: stepTime(ctx.locale, move.at, previous?.at ?? null),
			byUserId: ctx.actor!.userId,
			note: move.note
		})
		.returning();
	if (stage !== current)
		await tx.update(membership).set({ stage, updatedAt: new Date() }).where(eq(membership.id, id));
	return step!;
}

/**
 * When a step happened. A day alone means "that day": now if it is today, else the start of the day,
 * yet never before the previous step of the same day, so that the history keeps its order.
 * Nothing may be dated before the previous step.
 */
function stepTime(locale: Locale, given: StepDate | undefined, previous: Date | null): Date {
	const now = new Date();
	const tooEarly = () =>
		invalid('at', m.membership_error_date_before({ date: formatDate(previous!, locale) }, { locale }));
	let at: Date;
	if (!given) at = now;
	else if (!given.dayOnly) {
		if (previous && given.at < previous) throw tooEarly();
		at = given.at;
	} else {
		if (previous && dayOf(given.at) < dayOf(previous)) throw tooEarly();
		at = dayOf(given.at) === dayOf(now) ? now : given.at;
	}
	return previous && at <= previous ? new Date(previous.getTime() + 1) : at;
}

async function assertFocalPoint(ctx: Ctx, tx: Executor, organisationId: string, personId: string) {
	const [row] = await tx
		.select({ id: person.id })
		.from(person)
		.where(and(eq(person.id, personId), eq(person.organisationId, organisationId)));
	if (!row) throw invalid('focalPointId', m.membership_error_focal_point({}, { locale: ctx.locale }));
}

function invalid(path: string, message: string) {
	return new ValidationError([{ path, message }]);
}

function alreadyInPipeline(locale: Locale) {
	return new ConflictError([
		{ path: 'organisationId', message: m.membership_error_already_in_pipeline({}, { locale }) }
	]);
}
