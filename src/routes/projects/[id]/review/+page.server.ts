import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getReviewPanel } from '$lib/server/projects/reviews/compare';
import { assignReviewer, findCandidates, unassignReviewer } from '$lib/server/projects/reviews/assignments';
import { criterionSummary, projectSummary } from './review-page';

/**
 * The coordinators' panel: the committee, every review side by side, the cost per person, and the
 * decision. A reviewer who comes here is sent to their own review.
 */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const id = event.params.id;
		const panel = await getReviewPanel(ctx, id);
		if (panel.scope === 'own') redirect(303, `/projects/${id}/review/mine`);
		const find = event.url.searchParams.get('find')?.trim() ?? '';
		const found = panel.canManage && find ? await findCandidates(ctx, id, { q: find }) : null;
		const assigned = event.url.searchParams.get('assigned');
		return {
			project: projectSummary(panel.project),
			criteria: panel.criteria.map(criterionSummary),
			reviews: panel.reviews.map((r) => ({
				userId: r.userId,
				name: r.name,
				organisationName: r.organisationName,
				organisationAcronym: r.organisationAcronym,
				scores: r.scores,
				total: r.total,
				comment: r.comment,
				recommendation: r.recommendation,
				submittedAt: r.submittedAt
			})),
			summary: panel.summary,
			cost: panel.cost,
			canManage: panel.canManage,
			assignedToMe: panel.assignedToMe,
			find,
			candidates: found?.users ?? null,
			assignedName: panel.reviews.find((r) => r.userId === assigned)?.name ?? null,
			removed: event.url.searchParams.has('removed')
		};
	});

export const actions: Actions = {
	assign: (event) =>
		submit(event, async (values) => {
			const { ctx, app } = event.locals;
			const assignment = await assignReviewer(ctx, event.params.id, values, app.config.publicUrl);
			redirect(303, `/projects/${event.params.id}/review?assigned=${assignment.userId}#committee`);
		}),
	unassign: (event) =>
		submit(event, async (values) => {
			await unassignReviewer(event.locals.ctx, event.params.id, values);
			redirect(303, `/projects/${event.params.id}/review?removed#committee`);
		})
};
