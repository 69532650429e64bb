/**
 * The submission window of a plan's cluster: its coordinators open it (with a deadline, or none)
 * and close it; partners submit projects only while it is open.
 *
 * The deadline is the deadline: it is the last day partners may submit, in Bamako's time, and the
 * day after it submissions are closed by themselves — no one has to remember to close the window.
 * A coordinator who wants to give more time moves the deadline (opening again with a later day).
 * After the close, only a coordinator can let one project in (`project.reopened`, set by the
 * workflow). The stored row keeps what the coordinator did; `windowState` says what holds today.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { cluster, plan, planCluster, submissionWindow } from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, ValidationError } from '../errors';
import { optionalDaySchema, parseInput } from '../validation';
import { findPlanPart, findPlanPartForWrite } from '../plans/access';
import { today } from '../calendar/agenda';
import { questionsOfPart } from './questions';
import type { Locale } from '../i18n';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';

export type WindowStatus = 'open' | 'closed' | 'never-opened';

/** What partners and coordinators are shown, and what decides whether a project may be submitted. */
export interface SubmissionWindowState {
	/** `closed` also when the window was left open but its deadline has passed (`expired`). */
	status: WindowStatus;
	/** The last day partners may submit, included; null when the coordinator set none. */
	deadline: string | null;
	openedAt: Date | null;
	closedAt: Date | null;
	/** Left open by the coordinator, but the deadline has passed: closed to partners. */
	expired: boolean;
	/** Days left after today while open with a deadline: 0 on the last day; null otherwise. */
	daysLeft: number | null;
}

type WindowRow = typeof submissionWindow.$inferSelect;

/** The state of a window at `now` from its stored row (none: never opened). */
export function windowState(
	row: WindowRow | null | undefined,
	now: Date = new Date()
): SubmissionWindowState {
	if (!row)
		return {
			status: 'never-opened',
			deadline: null,
			openedAt: null,
			closedAt: null,
			expired: false,
			daysLeft: null
		};
	const day = today(now);
	const expired = row.status === 'open' && row.deadline !== null && day > row.deadline;
	const open = row.status === 'open' && !expired;
	return {
		status: open ? 'open' : 'closed',
		deadline: row.deadline,
		openedAt: row.openedAt,
		closedAt: row.closedAt,
		expired,
		daysLeft: open && row.deadline ? daysBetween(day, row.deadline) : null
	};
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The window of a cluster in a plan. No permission check: every signed-in user may know it. */
export async function getWindow(
	db: Executor,
	planId: string,
	clusterId: string,
	now: Date = new Date()
): Promise<SubmissionWindowState> {
	const [row] = await db
		.select({ window: submissionWindow })
		.from(planCluster)
		.innerJoin(submissionWindow, eq(submissionWindow.planClusterId, planCluster.id))
		.where(and(eq(planCluster.planId, planId), eq(planCluster.clusterId, clusterId)));
	return windowState(row?.window, now);
}

/** The windows of every cluster of a plan, by cluster id (for the projects list of a plan). */
export async function getWindows(
	db: Executor,
	planId: string,
	now: Date = new Date()
): Promise<Map<string, SubmissionWindowState>> {
	const rows = await db
		.select({ clusterId: planCluster.clusterId, window: submissionWindow })
		.from(planCluster)
		.leftJoin(submissionWindow, eq(submissionWindow.planClusterId, planCluster.id))
		.where(eq(planCluster.planId, planId));
	return new Map(rows.map((r) => [r.clusterId, windowState(r.window, now)]));
}

export interface OpenWindow extends SubmissionWindowState {
	planId: string;
	planTitleFr: string;
	planTitleEn: string | null;
	clusterId: string;
	clusterCode: string;
}

/**
 * The windows open to submissions today (deadline not passed), of plans not closed, soonest
 * deadline first: what a partner is reminded of on every page. `clusterIds` narrows them.
 */
export async function listOpenWindows(
	db: Executor,
	now: Date = new Date(),
	clusterIds?: string[]
): Promise<OpenWindow[]> {
	const rows = await db
		.select({
			window: submissionWindow,
			planId: plan.id,
			planTitleFr: plan.titleFr,
			planTitleEn: plan.titleEn,
			clusterId: cluster.id,
			clusterCode: cluster.code
		})
		.from(submissionWindow)
		.innerJoin(planCluster, eq(planCluster.id, submissionWindow.planClusterId))
		.innerJoin(plan, eq(plan.id, planCluster.planId))
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(
			and(
				eq(submissionWindow.status, 'open'),
				ne(plan.status, 'closed'),
				clusterIds ? inArray(cluster.id, clusterIds.length ? clusterIds : [NO_ID]) : undefined
			)
		);
	return rows
		.map(({ window, ...r }) => ({ ...r, ...windowState(window, now) }))
		.filter((w) => w.status === 'open')
		.sort(
			(a, b) =>
				(a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
				a.clusterCode.localeCompare(b.clusterCode)
		);
}
const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface SubmittedProject {
	planId: string;
	clusterId: string;
	/** Let in by a coordinator after the close. */
	reopened: boolean;
}

/**
 * Whether the project may be submitted at `now`: the window of its plan's cluster is open and its
 * deadline (a day in Bamako) not passed — or a coordinator reopened this one project.
 */
export async function acceptsSubmission(
	db: Executor,
	project: SubmittedProject,
	now: Date = new Date()
): Promise<boolean> {
	if (project.reopened) return true;
	return (await getWindow(db, project.planId, project.clusterId, now)).status === 'open';
}

/**
 * Throws a conflict that tells the partner why the project may not be submitted (not yet open,
 * closed since, deadline passed) unless `acceptsSubmission`; for the workflow's submit.
 */
export async function assertAcceptsSubmission(
	db: Executor,
	project: SubmittedProject,
	locale: Locale,
	now: Date = new Date()
): Promise<void> {
	if (project.reopened) return;
	const state = await getWindow(db, project.planId, project.clusterId, now);
	if (state.status === 'open') return;
	const [row] = await db
		.select({ code: cluster.code })
		.from(cluster)
		.where(eq(cluster.id, project.clusterId));
	const clusterCode = row?.code ?? '';
	throw new ConflictError([{ path: '', message: refusal(state, clusterCode, locale) }]);
}

/** Why a window takes no submission, in a sentence. */
export function refusal(state: SubmissionWindowState, clusterCode: string, locale: Locale): string {
	const args = { cluster: clusterCode };
	if (state.status === 'never-opened') return m.projectwindow_refused_never(args, { locale });
	if (state.expired)
		return m.projectwindow_refused_expired(
			{ ...args, date: formatDate(state.deadline!, locale) },
			{ locale }
		);
	return m.projectwindow_refused_closed(
		{ ...args, date: state.closedAt ? formatDate(state.closedAt, locale) : '—' },
		{ locale }
	);
}

export const openWindowInput = z.object({
	deadline: optionalDaySchema('projectwindow_error_deadline')
});

/**
 * Opens the window of a plan's cluster, or changes the deadline of an open one (to extend it, or
 * to open again once it has passed). The deadline may not be before today.
 */
export async function openWindow(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	input: unknown,
	now: Date = new Date()
): Promise<SubmissionWindowState> {
	authorize(ctx.actor, ctx.actor !== null);
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const { deadline } = parseInput(openWindowInput, input, ctx.locale);
	const day = today(now);
	if (deadline !== null && deadline < day)
		throw new ValidationError([
			{
				path: 'deadline',
				message: m.projectwindow_error_deadline_past(
					{ today: formatDate(day, ctx.locale) },
					{ locale: ctx.locale }
				)
			}
		]);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const before = await lockWindow(tx, part.planCluster.id);
		const stillOpen = before?.status === 'open';
		const [row] = await tx
			.insert(submissionWindow)
			.values({ planClusterId: part.planCluster.id, status: 'open', deadline, openedAt: now, closedAt: null })
			.onConflictDoUpdate({
				target: submissionWindow.planClusterId,
				set: {
					status: 'open',
					deadline,
					// Moving the deadline of an open window keeps the day it opened.
					openedAt: stillOpen ? before!.openedAt : now,
					closedAt: null,
					updatedAt: now
				}
			})
			.returning();
		await recordAudit(tx, actor, {
			action: stillOpen ? 'update' : 'open',
			entityType: 'submission-window',
			entityId: part.planCluster.id,
			before: before ? audited(before) : null,
			after: { ...audited(row!), plan: part.plan.id, cluster: part.cluster.code }
		});
		return windowState(row, now);
	});
}

/** Closes the window: partners may no longer submit (a coordinator may still reopen one project). */
export async function closeWindow(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	now: Date = new Date()
): Promise<SubmissionWindowState> {
	authorize(ctx.actor, ctx.actor !== null);
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const before = await lockWindow(tx, part.planCluster.id);
		// An expired window is still open in the table: closing it records when it was closed.
		if (before?.status !== 'open')
			throw new ConflictError([
				{ path: 'status', message: m.projectwindow_error_not_open({}, { locale: ctx.locale }) }
			]);
		const [row] = await tx
			.update(submissionWindow)
			.set({ status: 'closed', closedAt: now, updatedAt: now })
			.where(eq(submissionWindow.planClusterId, part.planCluster.id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'close',
			entityType: 'submission-window',
			entityId: part.planCluster.id,
			before: audited(before),
			after: { ...audited(row!), plan: part.plan.id, cluster: part.cluster.code }
		});
		return windowState(row, now);
	});
}

/** Two coordinators acting at once: the second waits for the first, then sees what it did. */
async function lockWindow(tx: Executor, planClusterId: string): Promise<WindowRow | undefined> {
	const [row] = await tx
		.select()
		.from(submissionWindow)
		.where(eq(submissionWindow.planClusterId, planClusterId))
		.for('update');
	return row;
}

const audited = (row: WindowRow) => ({ status: row.status, deadline: row.deadline });

/**
 * The window of a plan's cluster as its page shows it, with whether the user may open or close
 * it; any signed-in user may read it.
 */
export async function readWindow(ctx: Ctx, planId: string, clusterCode: string, now: Date = new Date()) {
	authorize(ctx.actor, ctx.actor !== null);
	const part = await findPlanPart(ctx, planId, clusterCode);
	const state = await getWindow(ctx.db, part.plan.id, part.cluster.id, now);
	const canEdit = managesCluster(ctx.actor, part.cluster.id) && part.plan.status !== 'closed';
	return { part, window: state, canEdit, today: today(now) };
}

/**
 * What a plan cluster's submissions page shows: the window and whether the user may open or close
 * it, and the questions its project sheets answer with how many submitted projects answered each.
 */
export async function readSubmissionSettings(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	now: Date = new Date()
) {
	const read = await readWindow(ctx, planId, clusterCode, now);
	const { questions, answered } = await questionsOfPart(ctx, read.part);
	return { ...read, questions, answered };
}
