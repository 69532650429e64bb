import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { deleteMeeting, getMeetingForEdit } from '$lib/server/meetings/edit-meeting';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { id, title, version, actions } = await getMeetingForEdit(event.locals.ctx, event.params.id);
		return { meeting: { id, title, version, actionCount: actions.length } };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			await deleteMeeting(event.locals.ctx, event.params.id, values);
			redirect(303, '/meetings');
		})
};
