/**
 * What a review is made of when someone writes one: a cluster's criteria, an assignment, a reviewer's
 * scores. The same schemas validate the pages' forms and the API's bodies and feed the OpenAPI document.
 */
import { z } from 'zod';
import { REVIEW_RECOMMENDATIONS } from '../../db/schema';
import { blankAsAbsent, hint, optionalText, requiredText } from '../../validation';

/** A score goes up to this at most (the table's check says the same). */
export const MAX_SCORE_LIMIT = 100;

const maxScore = z.coerce
	.number(hint('reviews_error_max_score'))
	.int(hint('reviews_error_max_score'))
	.min(1, hint('reviews_error_max_score'))
	.max(MAX_SCORE_LIMIT, hint('reviews_error_max_score'));

/** A new criterion of a cluster: its name in French (English optional) and the highest score. */
export const criterionInput = z.object({
	labelFr: requiredText(200).meta({ description: 'What reviewers read, in French' }),
	labelEn: optionalText(200).meta({ description: 'What reviewers read, in English' }),
	maxScore: blankAsAbsent(maxScore)
		.transform((v) => v ?? 5)
		.meta({ description: 'Scores run from 0 to this (5 unless said)' })
});
export type CriterionInput = z.output<typeof criterionInput>;

/** A change to a criterion: any of its names, its highest score, archived or not. */
export const criterionPatch = z.object({
	labelFr: requiredText(200).optional(),
	labelEn: optionalText(200).optional(),
	maxScore: blankAsAbsent(maxScore),
	archived: z
		.boolean(hint('reviews_error_archived'))
		.optional()
		.meta({ description: 'An archived criterion is no longer scored; the scores it had are kept' })
});
export type CriterionPatch = z.output<typeof criterionPatch>;

export const MOVE_DIRECTIONS = ['up', 'down'] as const;
export const moveInput = z.object({
	direction: z.enum(MOVE_DIRECTIONS, hint('reviews_error_direction'))
});

/** Who is assigned to review a project, or taken off. */
export const assignmentInput = z.object({
	userId: z.uuid(hint('reviews_error_user')).meta({ description: 'The reviewer’s user id' })
});

/** Removing a reviewer: `confirm` is needed once they have scored or commented (their review goes). */
export const unassignmentInput = assignmentInput.extend({
	confirm: z
		.union([z.boolean(), z.enum(['1', 'true', 'on'])])
		.optional()
		.transform((v) => v !== undefined && v !== false)
		.meta({ description: 'Remove the reviewer even though their review has scores or a comment' })
});

/** A search for users to assign: part of a name or an e-mail address. */
export const candidateQuery = z.object({
	q: z.string().trim().max(200).optional()
});

/**
 * A reviewer's review: a score per criterion (criterion id → score; a criterion left out is not
 * scored yet), a comment, a recommendation; `submit` hands it in, and every later save must keep it
 * complete.
 */
export const reviewInput = z.object({
	scores: z
		.record(
			z.string(),
			z.number(hint('reviews_error_score_number')).int(hint('reviews_error_score_number')).nullable()
		)
		.default({})
		.transform(
			(scores) =>
				Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== null)) as Record<string, number>
		)
		.meta({ description: 'Criterion id → score from 0 to the criterion’s maximum (null: not scored)' }),
	comment: z.string().trim().max(10_000).default(''),
	recommendation: blankAsAbsent(z.enum(REVIEW_RECOMMENDATIONS, hint('reviews_error_recommendation')))
		.transform((v) => v ?? null)
		.meta({ description: 'approve, revise or reject' }),
	submit: z
		.boolean()
		.default(false)
		.meta({ description: 'Hands the review in (every criterion scored and a recommendation needed)' })
});
export type ReviewInput = z.output<typeof reviewInput>;

/**
 * A posted form as `reviewInput` takes it: `score.<criterion id>` fields (blank: not scored), a
 * comment, a recommendation, and the button pressed (`submit` hands the review in).
 */
export function reviewFromForm(values: Record<string, unknown>): Record<string, unknown> {
	const scores: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values)) {
		if (!key.startsWith('score.') || typeof value !== 'string' || !value.trim()) continue;
		const n = Number(value.trim());
		scores[key.slice('score.'.length)] = Number.isFinite(n) ? n : value;
	}
	return {
		scores,
		comment: values.comment ?? '',
		recommendation: values.recommendation,
		submit: values.submit === '1'
	};
}
