/**
 * Importing a logframe: the file is read and checked, and what it would do shown, writing nothing;
 * the file waits (a day at most) for the user to confirm, which applies everything in one write of
 * the plan — refused if the framework changed since the file was exported or previewed.
 */
import { findStagedUpload } from '../../uploads/staged-upload';
import { and, eq, lt } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { importUpload, type ImportKind } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { readTable, type Sheet } from '../../spreadsheets/read-table';
import type { Upload } from '../../uploads/read-upload';
import {
	clusterIdsOf,
	editsPlan,
	editsPlanCluster,
	findPlanPart,
	findPlanPartForWrite,
	type PlanPart
} from '../access';
import { writePlan } from '../changes';
import { describeProblem, readLogframeFile } from './read';
import { presentPreview, type LogframePreview } from './present';
import { refuseIfStale } from './stale';
import { readState } from './state';
import { planLogframe, type PlanContext } from './validate';
import { writeLogframe, type LogframeResult } from './write';
import { m } from '$lib/paraglide/messages';

/** The staging table's kind for logframe files. */
const KIND: ImportKind = 'logframe';
const KEEP_UPLOADS_MS = 24 * 60 * 60 * 1000;
/** Enough to correct a file in one go without a page of thousands of lines. */
const MAX_REPORTED = 200;

interface Staged {
	id: string;
	filename: string;
	createdAt: Date;
	/** The revision the confirmation is guarded with: the file's, or the preview's. */
	revision: number;
	sheets: Sheet[];
}

interface StagedContent {
	planId: string;
	clusterId: string;
	clusterCode: string;
	revision: number;
	sheets: Sheet[];
}

/** Where a page expects a staged file to belong: a file of another plan part is not found there. */
export interface Expected {
	planId: string;
	clusterCode: string;
}

/** The plan part of the logframe page, and whether the user may import into it. */
export async function getLogframePage(ctx: Ctx, planId: string, clusterCode: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const canImport = part.plan.status !== 'closed' && editsPlanCluster(ctx.actor, part.cluster.id);
	return { ...part, canImport };
}

export async function previewLogframe(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	read: () => Promise<Upload>
): Promise<LogframePreview> {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const { filename, bytes } = await read();
	const sheets = await readTable(bytes, filename, ctx.locale);
	const { plan, rows } = await check(ctx, ctx.db, part, sheets);
	const revision = Math.min(plan.fileRevision ?? part.plan.revision, part.plan.revision);
	const content: StagedContent = {
		planId: part.plan.id,
		clusterId: part.cluster.id,
		clusterCode: part.cluster.code,
		revision,
		sheets
	};
	const [stored] = await ctx.db.transaction(async (tx) => {
		await tx
			.delete(importUpload)
			.where(
				and(eq(importUpload.kind, KIND), lt(importUpload.createdAt, new Date(Date.now() - KEEP_UPLOADS_MS)))
			);
		return tx
			.insert(importUpload)
			.values({ userId: ctx.actor!.userId, kind: KIND, filename, content })
			.returning({ id: importUpload.id, createdAt: importUpload.createdAt });
	});
	return presentPreview({ ...stored!, filename, revision }, plan, rows, ctx.locale);
}

/** The preview of a staged file, checked again against the framework as it is now. */
export async function getLogframePreview(ctx: Ctx, uploadId: string, expected?: Expected) {
	const { part, staged } = await findStaged(ctx, uploadId, expected);
	const { plan, rows } = await check(ctx, ctx.db, part, staged.sheets, staged.revision);
	return presentPreview(staged, plan, rows, ctx.locale);
}

/** Applies a staged file in one write of the plan: all of it, or nothing. */
export async function confirmLogframe(
	ctx: Ctx,
	uploadId: string,
	expected?: Expected
): Promise<LogframeResult & { planId: string; cluster: string; filename: string }> {
	const { part, staged } = await findStaged(ctx, uploadId, expected);
	const guard = { revision: staged.revision, clusterId: part.cluster.id };
	const mayEditPlan = editsPlan(ctx.actor, await clusterIdsOf(ctx.db, part.plan.id));
	const result = await writePlan(ctx, part.plan.id, guard, async (tx, log) => {
		// Taken out first: confirming the same file twice imports it once.
		const [claimed] = await tx
			.delete(importUpload)
			.where(eq(importUpload.id, staged.id))
			.returning({ id: importUpload.id });
		if (!claimed) throw new NotFoundError();
		const file = readLogframeFile(staged.sheets, ctx.locale);
		const state = await readState(tx, part);
		const plan = planLogframe(state, file, planContext(ctx, part, mayEditPlan));
		if (plan.problems.length)
			throw refusal(
				plan.problems.map((p) => describeProblem(p, ctx.locale)),
				ctx
			);
		return writeLogframe(tx, log, plan, part, state);
	});
	return { ...result, planId: part.plan.id, cluster: part.cluster.code, filename: staged.filename };
}

export async function discardLogframe(ctx: Ctx, uploadId: string, expected?: Expected) {
	const { staged } = await findStaged(ctx, uploadId, expected);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, staged.id));
}

/**
 * Reads the file against the framework: refused whole at the first kind of trouble — a file of
 * another plan, a framework changed since the file's export, or mistakes in its rows.
 */
async function check(ctx: Ctx, db: Executor, part: PlanPart, sheets: Sheet[], since?: number) {
	const file = readLogframeFile(sheets, ctx.locale);
	const state = await readState(db, part);
	const mayEditPlan = editsPlan(ctx.actor, await clusterIdsOf(db, part.plan.id));
	const plan = planLogframe(state, file, planContext(ctx, part, mayEditPlan));
	const revision = since ?? plan.fileRevision;
	if (revision !== null && revision < part.plan.revision)
		await refuseIfStale(db, ctx.locale, part.plan.id, part.cluster.id, revision);
	if (plan.problems.length)
		throw refusal(
			plan.problems.map((p) => describeProblem(p, ctx.locale)),
			ctx
		);
	return { plan, state, rows: file.rows.length };
}

function planContext(ctx: Ctx, part: PlanPart, mayEditPlan: boolean): PlanContext {
	return {
		planId: part.plan.id,
		clusterCode: part.cluster.code,
		countryId: part.plan.countryId,
		editsPlan: mayEditPlan,
		locale: ctx.locale
	};
}

function refusal(messages: string[], ctx: Ctx) {
	const shown = messages.slice(0, MAX_REPORTED);
	if (messages.length > shown.length)
		shown.push(m.logframe_error_more({ count: messages.length - shown.length }, { locale: ctx.locale }));
	return new ValidationError(shown.map((message) => ({ path: 'file', message })));
}

/**
 * Only the user who sent the file sees it, while they may still write the plan part it was sent
 * to; anyone else is told it does not exist.
 */
async function findStaged(
	ctx: Ctx,
	id: string,
	expected?: Expected
): Promise<{ part: PlanPart; staged: Staged }> {
	const row = await findStagedUpload(ctx, id, [KIND]);
	const content = row.content as StagedContent;
	if (
		expected &&
		(expected.planId !== content.planId || expected.clusterCode.toUpperCase() !== content.clusterCode)
	)
		throw new NotFoundError();
	const part = await findPlanPartForWrite(ctx, content.planId, content.clusterCode);
	if (part.cluster.id !== content.clusterId) throw new NotFoundError();
	const { revision, sheets } = content;
	return { part, staged: { id: row.id, filename: row.filename, createdAt: row.createdAt, revision, sheets } };
}
