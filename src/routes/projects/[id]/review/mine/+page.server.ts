import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMyReview, saveMyReview } from '$lib/server/projects/reviews/scoring';
import { reviewFromForm } from '$lib/server/projects/reviews/schema';
import { criterionSummary, projectSummary } from '../review-page';

/** The reviewer's scoring form: their own review of the project, nobody else's. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const mine = await getMyReview(event.locals.ctx, event.params.id);
		const params = event.url.searchParams;
		return {
			project: projectSummary(mine.project),
			criteria: mine.criteria.map(criterionSummary),
			review: {
				scores: mine.review.scores,
				comment: mine.review.comment,
				recommendation: mine.review.recommendation,
				submittedAt: mine.review.submittedAt
			},
			canEdit: mine.canEdit,
			cost: mine.cost,
			saved: params.has('saved'),
			handedIn: params.has('handed-in')
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const input = reviewFromForm(values);
			const saved = await saveMyReview(event.locals.ctx, event.params.id, input);
			const notice = input.submit && saved.submittedAt ? 'handed-in' : 'saved';
			redirect(303, `/projects/${event.params.id}/review/mine?${notice}`);
		})
};
