import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import {
	addCriterion,
	listCriteria,
	moveCriterion,
	updateCriterion,
	useDefaultCriteria
} from '$lib/server/projects/reviews/criteria';
import { MAX_SCORE_LIMIT } from '$lib/server/projects/reviews/schema';

/** A cluster's review criteria: every signed-in user reads them, its coordinators keep them. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const list = await listCriteria(event.locals.ctx, event.params.id);
		return {
			cluster: list.cluster,
			criteria: list.criteria.map((c) => ({
				id: c.id,
				labelFr: c.labelFr,
				labelEn: c.labelEn,
				maxScore: c.maxScore,
				archived: c.archived
			})),
			canManage: list.canManage,
			maxScoreLimit: MAX_SCORE_LIMIT,
			missingDefaults: list.missingDefaults,
			saved: event.url.searchParams.has('saved')
		};
	});

const saved = (event: { params: { id: string } }, anchor = '') =>
	redirect(303, `/clusters/${event.params.id}/review-criteria?saved${anchor}`);

export const actions: Actions = {
	add: (event) =>
		submit(event, async (values) => {
			const added = await addCriterion(event.locals.ctx, event.params.id, values);
			saved(event, `#criterion-${added.id}`);
		}),
	save: (event) =>
		submit(event, async (values) => {
			const id = String(values.id ?? '');
			await updateCriterion(event.locals.ctx, id, {
				labelFr: values.labelFr,
				labelEn: values.labelEn,
				maxScore: values.maxScore
			});
			saved(event, `#criterion-${id}`);
		}),
	move: (event) =>
		submit(event, async (values) => {
			const id = String(values.id ?? '');
			await moveCriterion(event.locals.ctx, id, values);
			saved(event, `#criterion-${id}`);
		}),
	archive: (event) =>
		submit(event, async (values) => {
			const id = String(values.id ?? '');
			await updateCriterion(event.locals.ctx, id, { archived: values.archived === '1' });
			saved(event);
		}),
	defaults: (event) =>
		submit(event, async () => {
			await useDefaultCriteria(event.locals.ctx, event.params.id);
			saved(event);
		})
};
