import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { actionPlace, createAction } from '$lib/server/meetings/action-edit';
import { findAction, withNames } from '../action-form';

const origin = (url: URL) => ({
	meeting: url.searchParams.get('meeting') ?? '',
	cluster: url.searchParams.get('cluster') ?? ''
});

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({ place: await actionPlace(event.locals.ctx, origin(event.url)) }));

export const actions: Actions = {
	save: async (event) =>
		withNames(
			event,
			await submit(event, async (values) => {
				const { action } = await createAction(event.locals.ctx, origin(event.url), values);
				redirect(303, `/actions/${action.id}?saved=1`);
			})
		),
	find: findAction
};
