/**
 * The plan's own questions: a cluster's coordinators add questions (text, number, choice; required
 * or not) that every project sheet of that cluster in the plan answers. Answers are kept in the
 * project's `answers` JSON by question id, and choices by a code that never changes, so wording a
 * question or a choice anew never changes what was answered.
 *
 * A question nobody submitted an answer to may be deleted. Once a submitted project answered it, the
 * versions frozen at submission quote it and reviewers compare them: it is kept — made optional or
 * reworded instead — and its kind and the choices that were chosen can no longer change. Drafts'
 * answers to a deleted question are simply dropped at their next save (`normaliseAnswers`).
 */
import { and, asc, eq, max, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../access/actor';
import type { Executor } from '../db/client';
import {
	cluster,
	plan,
	planCluster,
	planQuestion,
	project,
	QUESTION_KINDS,
	type QuestionAnswer,
	type QuestionChoice
} from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors';
import { isId } from '../directory/schema';
import { hint, optionalText, parseInput, requiredText } from '../validation';
import { assertOpen, findPlanPart, findPlanPartForWrite, readsPlan, type PlanPart } from '../plans/access';
import { readNumber } from '../plans/schema';
import type { Locale } from '../i18n';
import { labelIn } from '$lib/plan-labels';
import { m } from '$lib/paraglide/messages';

export type PlanQuestion = typeof planQuestion.$inferSelect;

/** At most this many questions per plan cluster, and choices per question: a sheet stays short. */
export const MAX_QUESTIONS = 30;
export const MAX_CHOICES = 40;
/** The longest text answer, after trimming. */
export const MAX_ANSWER_LENGTH = 4_000;

/** The questions of a plan's cluster, in the sheet's order. */
export async function listQuestions(db: Executor, planClusterId: string): Promise<PlanQuestion[]> {
	return db
		.select()
		.from(planQuestion)
		.where(eq(planQuestion.planClusterId, planClusterId))
		.orderBy(asc(planQuestion.position), asc(planQuestion.createdAt), asc(planQuestion.id));
}

const choiceCode = z
	.string()
	.trim()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, hint('projectwindow_error_choice_code'))
	.max(40, hint('projectwindow_error_choice_code'));

export const choiceInput = z.object({
	code: z.preprocess((v) => (v === '' || v === null ? undefined : v), choiceCode.optional()),
	labelFr: requiredText(200),
	labelEn: optionalText(200)
});

export const questionInput = z.object({
	labelFr: requiredText(500),
	labelEn: optionalText(500),
	kind: z.enum(QUESTION_KINDS, hint('projectwindow_error_kind')),
	required: z.boolean().default(false),
	choices: z.array(choiceInput).max(MAX_CHOICES).default([])
});
export type QuestionInput = z.input<typeof questionInput>;

export const moveQuestionInput = z.object({ direction: z.enum(['up', 'down']) });

/** The question with its plan and cluster, if the user may know it exists. */
export async function findQuestion(ctx: Ctx, id: string, db: Executor = ctx.db) {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await db
		.select({
			question: planQuestion,
			plan: { id: plan.id, status: plan.status },
			cluster: { id: cluster.id, code: cluster.code }
		})
		.from(planQuestion)
		.innerJoin(planCluster, eq(planCluster.id, planQuestion.planClusterId))
		.innerJoin(plan, eq(plan.id, planCluster.planId))
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(eq(planQuestion.id, id));
	if (!row || !readsPlan(ctx.actor, row.plan)) throw new NotFoundError();
	return row;
}

/** Reads one question: signed-in users only (partners answer them). */
export async function getQuestion(ctx: Ctx, id: string) {
	authorize(ctx.actor, ctx.actor !== null);
	return findQuestion(ctx, id);
}

/** Where a question is posted from: a plan's cluster by its code (the plan cluster's page). */
export interface QuestionPlace {
	planId: string;
	clusterCode: string;
}

/**
 * For a write: the cluster's coordinators and information managers, while the plan is not closed.
 * With `place`, a question of another plan's cluster is not found. The question's row is locked.
 */
async function findQuestionForWrite(ctx: Ctx, tx: Executor, id: string, place?: QuestionPlace) {
	const found = await findQuestion(ctx, id, tx);
	if (place && (found.plan.id !== place.planId || found.cluster.code !== place.clusterCode.toUpperCase()))
		throw new NotFoundError();
	authorize(ctx.actor, managesCluster(ctx.actor, found.cluster.id));
	assertOpen(found.plan, ctx.locale);
	// One writer of a cluster's questions at a time: positions and checks see each other's work.
	await tx
		.select({ id: planCluster.id })
		.from(planCluster)
		.where(eq(planCluster.id, found.question.planClusterId))
		.for('no key update');
	const [question] = await tx.select().from(planQuestion).where(eq(planQuestion.id, id)).for('update');
	if (!question) throw new NotFoundError();
	return { ...found, question };
}

/**
 * A patch names only what changes; the rest is the question as stored. A question made another
 * kind than a choice drops its choices, unless the patch names some (which is then refused).
 */
function patchedQuestion(q: PlanQuestion, patch: unknown): unknown {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
	const stored = {
		labelFr: q.labelFr,
		labelEn: q.labelEn,
		kind: q.kind,
		required: q.required,
		choices: q.choices
	};
	const merged: Record<string, unknown> = { ...stored, ...patch };
	if (!('choices' in patch) && merged.kind !== 'choice') merged.choices = [];
	return merged;
}

/** The input checked as a whole: choices only for a choice question, at least two, none twice. */
function checkedInput(input: unknown, locale: Locale) {
	const values = parseInput(questionInput, input, locale);
	const errors: FieldError[] = [];
	if (values.kind === 'choice' && values.choices.length < 2)
		errors.push({ path: 'choices', message: m.projectwindow_error_choices_needed({}, { locale }) });
	if (values.kind !== 'choice' && values.choices.length)
		errors.push({ path: 'choices', message: m.projectwindow_error_choices_unused({}, { locale }) });
	const seenLabels = new Set<string>();
	const seenCodes = new Set<string>();
	values.choices.forEach((c, i) => {
		const label = fold(c.labelFr);
		if (seenLabels.has(label) || (c.code && seenCodes.has(c.code)))
			errors.push({
				path: `choices.${i}.labelFr`,
				message: m.projectwindow_error_choice_duplicate({ label: c.labelFr }, { locale })
			});
		seenLabels.add(label);
		if (c.code) seenCodes.add(c.code);
	});
	if (errors.length) throw new ValidationError(errors);
	return values;
}

const fold = (text: string) =>
	text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Codes for the choices that have none: the French label written plainly (`tres-satisfaisant`),
 * made unique among the question's codes, present and past (`taken`).
 */
function withCodes(choices: z.output<typeof choiceInput>[], taken: Iterable<string>): QuestionChoice[] {
	const used = new Set<string>([...taken, ...choices.flatMap((c) => (c.code ? [c.code] : []))]);
	return choices.map((c) => {
		let code = c.code;
		if (!code) {
			const base =
				fold(c.labelFr)
					.replace(/[^a-z0-9]+/g, '-')
					.replace(/^-+|-+$/g, '')
					.slice(0, 32)
					.replace(/-+$/, '') || 'choix';
			code = base;
			for (let n = 2; used.has(code); n++) code = `${base}-${n}`;
			used.add(code);
		}
		return { code, labelFr: c.labelFr, labelEn: c.labelEn ?? c.labelFr };
	});
}

/** Adds a question at the end of the cluster's list. */
export async function createQuestion(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	input: unknown
): Promise<PlanQuestion> {
	authorize(ctx.actor, ctx.actor !== null);
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const values = checkedInput(input, ctx.locale);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		await tx
			.select({ id: planCluster.id })
			.from(planCluster)
			.where(eq(planCluster.id, part.planCluster.id))
			.for('no key update');
		const [stats] = await tx
			.select({ last: max(planQuestion.position), count: sql<number>`count(*)`.mapWith(Number) })
			.from(planQuestion)
			.where(eq(planQuestion.planClusterId, part.planCluster.id));
		if ((stats?.count ?? 0) >= MAX_QUESTIONS)
			throw new ConflictError([
				{
					path: '',
					message: m.projectwindow_error_too_many_questions({ max: MAX_QUESTIONS }, { locale: ctx.locale })
				}
			]);
		const [row] = await tx
			.insert(planQuestion)
			.values({
				planClusterId: part.planCluster.id,
				position: (stats?.last ?? 0) + 1,
				labelFr: values.labelFr,
				labelEn: values.labelEn,
				kind: values.kind,
				required: values.required,
				choices: withCodes(values.choices, [])
			})
			.returning();
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'plan-question',
			entityId: row!.id,
			after: { ...audited(row!), plan: part.plan.id, cluster: part.cluster.code }
		});
		return row!;
	});
}

/**
 * Rewords a question, changes whether it is required, its kind or its choices: `patch` names what
 * changes (a whole form may be sent). Once submitted projects answered it, its kind stays and the
 * choices they chose stay (their wording may change).
 */
export async function updateQuestion(
	ctx: Ctx,
	id: string,
	patch: unknown,
	place?: QuestionPlace
): Promise<PlanQuestion> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	const locale = ctx.locale;
	return ctx.db.transaction(async (tx) => {
		const found = await findQuestionForWrite(ctx, tx, id, place);
		const before = found.question;
		const values = checkedInput(patchedQuestion(before, patch), locale);
		const scope = { planId: found.plan.id, clusterId: found.cluster.id };
		if (values.kind !== before.kind && (await submittedAnswers(tx, scope, id)) > 0)
			throw new ConflictError([{ path: 'kind', message: m.projectwindow_error_in_use_kind({}, { locale }) }]);
		const choices =
			values.kind === 'choice'
				? withCodes(
						values.choices,
						before.choices.map((c) => c.code)
					)
				: [];
		if (before.kind === 'choice') {
			const kept = new Set(choices.map((c) => c.code));
			for (const gone of before.choices.filter((c) => !kept.has(c.code)))
				if ((await submittedAnswers(tx, scope, id, gone.code)) > 0)
					throw new ConflictError([
						{
							path: 'choices',
							message: m.projectwindow_error_in_use_choice({ label: labelIn(gone, locale) }, { locale })
						}
					]);
		}
		const [row] = await tx
			.update(planQuestion)
			.set({
				labelFr: values.labelFr,
				labelEn: values.labelEn,
				kind: values.kind,
				required: values.required,
				choices
			})
			.where(eq(planQuestion.id, id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'plan-question',
			entityId: id,
			before: audited(before),
			after: audited(row!)
		});
		return row!;
	});
}

/** Deletes a question no submitted project answered; refuses, saying how many did, otherwise. */
export async function deleteQuestion(ctx: Ctx, id: string, place?: QuestionPlace): Promise<void> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	await ctx.db.transaction(async (tx) => {
		const found = await findQuestionForWrite(ctx, tx, id, place);
		const count = await submittedAnswers(tx, { planId: found.plan.id, clusterId: found.cluster.id }, id);
		if (count > 0)
			throw new ConflictError([
				{ path: '', message: m.projectwindow_error_in_use_delete({ count }, { locale: ctx.locale }) }
			]);
		await tx.delete(planQuestion).where(eq(planQuestion.id, id));
		await recordAudit(tx, actor, {
			action: 'delete',
			entityType: 'plan-question',
			entityId: id,
			before: audited(found.question)
		});
	});
}

/** Moves a question one place up or down in the sheet; nothing at either end. */
export async function moveQuestion(
	ctx: Ctx,
	id: string,
	input: unknown,
	place?: QuestionPlace
): Promise<PlanQuestion> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const found = await findQuestionForWrite(ctx, tx, id, place);
		const { direction } = parseInput(moveQuestionInput, input, ctx.locale);
		const list = await listQuestions(tx, found.question.planClusterId);
		const index = list.findIndex((q) => q.id === id);
		const otherIndex = direction === 'up' ? index - 1 : index + 1;
		const other = list[otherIndex];
		if (!other) return found.question;
		// Positions may tie or have gaps (deletions): number the list afresh, with the two swapped.
		const order = list.map((q) => q.id);
		order[index] = other.id;
		order[otherIndex] = id;
		for (const [i, questionId] of order.entries()) {
			const current = list.find((q) => q.id === questionId)!;
			if (current.position !== i + 1)
				await tx
					.update(planQuestion)
					.set({ position: i + 1 })
					.where(eq(planQuestion.id, questionId));
		}
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'plan-question',
			entityId: id,
			before: { position: index + 1 },
			after: { position: otherIndex + 1 }
		});
		const [row] = await tx.select().from(planQuestion).where(eq(planQuestion.id, id));
		return row!;
	});
}

const audited = (q: PlanQuestion) => ({
	labelFr: q.labelFr,
	labelEn: q.labelEn,
	kind: q.kind,
	required: q.required,
	choices: q.choices,
	position: q.position
});

/**
 * How many projects of the plan's cluster that were submitted (anything but a draft) hold an answer
 * to the question — or, with `code`, chose that choice.
 */
export async function submittedAnswers(
	db: Executor,
	scope: { planId: string; clusterId: string },
	questionId: string,
	code?: string
): Promise<number> {
	const answer = sql`${project.answers} ->> ${questionId}::text`;
	const [row] = await db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(project)
		.where(
			and(
				eq(project.planId, scope.planId),
				eq(project.clusterId, scope.clusterId),
				ne(project.status, 'draft'),
				code === undefined ? sql`coalesce(${answer}, '') <> ''` : sql`${answer} = ${code}`
			)
		);
	return row?.n ?? 0;
}

/** For each question of a plan's cluster, how many submitted projects answered it (the page shows it). */
export async function answeredCounts(
	db: Executor,
	scope: { planId: string; clusterId: string },
	questions: Pick<PlanQuestion, 'id'>[]
): Promise<Record<string, number>> {
	const counts: Record<string, number> = Object.fromEntries(questions.map((q) => [q.id, 0]));
	if (!questions.length) return counts;
	// As `submittedAnswers`: a JSON null is no answer (its text is null), nor is an empty text.
	const result = await db.execute(sql`
		select answer.key as id, count(*)::int as n
		from ${project} cross join lateral jsonb_each_text(${project.answers}) as answer(key, value)
		where ${project.planId} = ${scope.planId} and ${project.clusterId} = ${scope.clusterId}
			and ${project.status} <> 'draft' and answer.value <> ''
		group by answer.key`);
	for (const row of (result as unknown as { rows: { id: string; n: number }[] }).rows)
		if (row.id in counts) counts[row.id] = Number(row.n);
	return counts;
}

/**
 * The questions of a plan's cluster with how many submitted projects answered each, and whether
 * the user may change them; any signed-in user may read them.
 */
export async function readQuestions(ctx: Ctx, planId: string, clusterCode: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const part = await findPlanPart(ctx, planId, clusterCode);
	return { part, ...(await questionsOfPart(ctx, part)) };
}

/** The questions of a plan part the caller has found, as `readQuestions` gives them. */
export async function questionsOfPart(ctx: Ctx, part: PlanPart) {
	const questions = await listQuestions(ctx.db, part.planCluster.id);
	const answered = await answeredCounts(
		ctx.db,
		{ planId: part.plan.id, clusterId: part.cluster.id },
		questions
	);
	return { questions, answered, canEdit: editsQuestions(ctx.actor, part.cluster.id, part.plan) };
}

/** The cluster's coordinators and information managers change its questions while the plan is open. */
export const editsQuestions = (actor: Actor | null, clusterId: string, p: { status: string }) =>
	managesCluster(actor, clusterId) && p.status !== 'closed';

// ——— Answers ———

type AnswerCheck = { value: QuestionAnswer } | { error: 'number' | 'choice' | 'too-long' };

/** Characters that do not show: zero-width space, line and paragraph separators, byte order mark. */
const INVISIBLE = new Set([0x200b, 0x2028, 0x2029, 0xfeff]);

/** Control characters out (tabs and line breaks stay), line breaks made plain, composed, trimmed. */
export function cleanText(text: string): string {
	const kept = [...text.normalize('NFC').replace(/\r\n?/g, '\n')].filter((ch) => {
		const c = ch.codePointAt(0)!;
		if (c === 0x09 || c === 0x0a) return true;
		return c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && !INVISIBLE.has(c);
	});
	return kept.join('').trim();
}

/** A number as a person writes it, read as the plan's figures are (`readNumber`): 1 250, 3,700, 12,5. */
function parseNumber(raw: string | number): number | null {
	const n = readNumber(raw);
	return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e15 ? n : null;
}

/** An answer checked against its question: its stored form, or what is wrong (empty is null). */
function checkAnswer(q: PlanQuestion, raw: unknown): AnswerCheck {
	if (raw === null || raw === undefined) return { value: null };
	if (typeof raw !== 'string' && typeof raw !== 'number')
		return { error: q.kind === 'number' ? 'number' : 'choice' };
	const text = typeof raw === 'string' ? cleanText(raw) : String(raw);
	if (text === '') return { value: null };
	switch (q.kind) {
		case 'number': {
			const n = parseNumber(typeof raw === 'number' ? raw : text);
			return n === null ? { error: 'number' } : { value: n };
		}
		case 'choice':
			return q.choices.some((c) => c.code === text) ? { value: text } : { error: 'choice' };
		default:
			return text.length > MAX_ANSWER_LENGTH ? { error: 'too-long' } : { value: text };
	}
}

/**
 * What is wrong with a sheet's answers, one message per question naming it, at `answers.<id>`: a
 * number that is not one, a choice not offered, a text too long; and, for a submission, required
 * questions left unanswered. Answers to questions not listed are ignored.
 */
export function validateAnswers(
	questions: PlanQuestion[],
	answers: Record<string, unknown> | null | undefined,
	{ forSubmission, locale }: { forSubmission: boolean; locale: Locale }
): FieldError[] {
	const errors: FieldError[] = [];
	for (const q of questions) {
		const checked = checkAnswer(q, answers?.[q.id]);
		const question = short(labelIn(q, locale));
		const path = `answers.${q.id}`;
		if ('error' in checked) {
			const message =
				checked.error === 'number'
					? m.projectwindow_answer_number({ question }, { locale })
					: checked.error === 'choice'
						? m.projectwindow_answer_choice({ question }, { locale })
						: m.projectwindow_answer_too_long({ question, max: MAX_ANSWER_LENGTH }, { locale });
			errors.push({ path, message });
		} else if (checked.value === null && forSubmission && q.required)
			errors.push({ path, message: m.projectwindow_answer_required({ question }, { locale }) });
	}
	return errors;
}

/**
 * Only the required questions left unanswered, for a submission's checklist beside `checkSheet`
 * (which already reports answers that are wrong): each problem is then named once.
 */
export function unansweredRequired(
	questions: PlanQuestion[],
	answers: Record<string, unknown> | null | undefined,
	locale: Locale
): FieldError[] {
	const wrong = new Set(
		validateAnswers(questions, answers, { forSubmission: false, locale }).map((e) => e.path)
	);
	return validateAnswers(questions, answers, { forSubmission: true, locale }).filter(
		(e) => !wrong.has(e.path)
	);
}

/**
 * The answers as they are stored: only the questions listed, texts cleaned, numbers as numbers,
 * empty ones left out. Call it once `validateAnswers` found nothing wrong.
 */
export function normaliseAnswers(
	questions: PlanQuestion[],
	answers: Record<string, unknown> | null | undefined
): Record<string, QuestionAnswer> {
	const out: Record<string, QuestionAnswer> = {};
	for (const q of questions) {
		const checked = checkAnswer(q, answers?.[q.id]);
		if ('value' in checked && checked.value !== null) out[q.id] = checked.value;
	}
	return out;
}

/** A question quoted in a message: long ones cut. */
const short = (label: string) => (label.length > 80 ? `${label.slice(0, 79)}…` : label);
