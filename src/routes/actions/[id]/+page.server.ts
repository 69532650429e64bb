import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getAction, setActionStatus } from '$lib/server/meetings/actions';
import { deleteAction, updateAction } from '$lib/server/meetings/action-edit';
import { findAction, withNames } from '../action-form';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({
		action: await getAction(event.locals.ctx, event.params.id),
		saved: event.url.searchParams.has('saved')
	}));

export const actions: Actions = {
	save: async (event) =>
		withNames(
			event,
			await submit(event, async (values) => {
				await updateAction(event.locals.ctx, event.params.id, values);
				redirect(303, `/actions/${event.params.id}?saved=1`);
			})
		),
	status: (event) =>
		submit(event, async (values) => {
			await setActionStatus(event.locals.ctx, event.params.id, values);
			redirect(303, `/actions/${event.params.id}?saved=1`);
		}),
	delete: (event) =>
		submit(event, async () => {
			const { meetingId } = await getAction(event.locals.ctx, event.params.id);
			await deleteAction(event.locals.ctx, event.params.id);
			redirect(303, meetingId ? `/meetings/${meetingId}` : '/actions');
		}),
	find: findAction
};
