import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { chooseKept, mergeOrganisations, organisationMergePreview } from '$lib/server/directory/merge';

export const load: PageServerLoad = (event) =>
	guard(event, () => organisationMergePreview(event.locals.ctx, event.params.a, event.params.b));

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const { ctx } = event.locals;
			const { from, into } = chooseKept(ctx, [event.params.a, event.params.b], values.keep);
			await mergeOrganisations(ctx, from, { into });
			redirect(303, `/organisations/${into}?saved`);
		})
};
