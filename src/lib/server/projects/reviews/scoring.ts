/**
 * A reviewer's own review: they score each active criterion of the project's cluster from 0 to its
 * maximum, write a comment and recommend approving, revising or rejecting. They may save as they go
 * and hand the review in once complete; until the coordinator decides (the project leaves "submitted"
 * or "under review") they may still correct it, and it must stay complete. Nobody reads or writes
 * someone else's review here: the coordinators read them all on the panel (compare.ts).
 */
import { eq, and } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { projectReview } from '../../db/schema';
import { authorize } from '../../access/policy';
import { assertOpen } from '../../plans/access';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, ValidationError, type FieldError } from '../../errors';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { projectStatusLabel } from '$lib/project-labels';
import { criteriaOfCluster, criterionLabel, ensureCriteria, type Criterion } from './criteria';
import { costPerPerson } from './cost-per-person';
import { reviewInput, type ReviewInput } from './schema';
import {
	authorizeOnProject,
	findAssignment,
	findReviewProject,
	isOpenForReview,
	isReviewable
} from './review-project';

/** The criteria a review shows: the active ones, and archived ones it had scored before. */
export function criteriaShown(criteria: Criterion[], scored: Record<string, number>[]) {
	return criteria.filter((c) => !c.archived || scored.some((s) => c.id in s));
}

/** The reviewer's review of the project, with the project, the criteria and whether it can change. */
export async function getMyReview(ctx: Ctx, projectId: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const p = await findReviewProject(tx, projectId);
		const review = await findAssignment(tx, p.id, actor.userId);
		authorizeOnProject(actor, p, review !== undefined);
		const criteria = await criteriaOfCluster(tx, p.clusterId);
		return {
			project: p,
			criteria: criteriaShown(criteria, [review!.scores]),
			review: review!,
			canEdit: isOpenForReview(p),
			cost: await costPerPerson(tx, p.id)
		};
	});
}

/** Each problem of the scores, named by criterion; on hand-in every active criterion needs one. */
function scoreProblems(values: ReviewInput, active: Criterion[], complete: boolean, locale: Ctx['locale']) {
	const errors: FieldError[] = [];
	for (const [id, score] of Object.entries(values.scores)) {
		const c = active.find((a) => a.id === id);
		if (!c) errors.push({ path: `scores.${id}`, message: m.reviews_error_unknown_criterion({}, { locale }) });
		else if (score < 0 || score > c.maxScore)
			errors.push({
				path: `scores.${id}`,
				message: m.reviews_error_score_range(
					{ label: criterionLabel(c, locale), max: c.maxScore },
					{ locale }
				)
			});
	}
	if (!complete) return errors;
	for (const c of active)
		if (!(c.id in values.scores))
			errors.push({
				path: `scores.${c.id}`,
				message: m.reviews_error_score_missing({ label: criterionLabel(c, locale) }, { locale })
			});
	if (!values.recommendation)
		errors.push({ path: 'recommendation', message: m.reviews_error_recommendation_missing({}, { locale }) });
	return errors;
}

/**
 * Saves the reviewer's scores, comment and recommendation; `submit` hands the review in. Scores of
 * criteria archived since are kept as they were.
 */
export async function saveMyReview(ctx: Ctx, projectId: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const { actor, locale } = ctx;
	return ctx.db.transaction(async (tx) => {
		// The project's row is held so that a decision cannot slip in between the check and the write.
		const p = await findReviewProject(tx, projectId, { lock: true });
		const before = await findAssignment(tx, p.id, actor.userId, { lock: true });
		authorizeOnProject(actor, p, before !== undefined);
		assertOpen({ status: p.planStatus }, locale);
		const values = parseInput(reviewInput, input, locale);
		if (!isReviewable(p.status))
			throw new ConflictError([
				{
					path: 'status',
					message: m.reviews_error_decided({ status: projectStatusLabel(p.status, locale) }, { locale })
				}
			]);
		const criteria = await ensureCriteria(tx, actor, p.clusterId);
		const active = criteria.filter((c) => !c.archived);
		const handedIn = before!.submittedAt !== null || values.submit;
		const errors = scoreProblems(values, active, handedIn, locale);
		if (errors.length) throw new ValidationError(errors);
		const archivedScores = Object.fromEntries(
			Object.entries(before!.scores).filter(([id]) => criteria.some((c) => c.id === id && c.archived))
		);
		const [after] = await tx
			.update(projectReview)
			.set({
				scores: { ...archivedScores, ...values.scores },
				comment: values.comment,
				recommendation: values.recommendation,
				submittedAt: before!.submittedAt ?? (values.submit ? new Date() : null),
				updatedAt: new Date()
			})
			.where(and(eq(projectReview.projectId, p.id), eq(projectReview.reviewerUserId, actor.userId)))
			.returning();
		await recordAudit(tx, actor, {
			action: values.submit && !before!.submittedAt ? 'submit' : 'update',
			entityType: 'project-review',
			entityId: p.id,
			before,
			after
		});
		return after!;
	});
}
