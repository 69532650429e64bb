import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMeetingForEdit, updateMeeting } from '$lib/server/meetings/edit-meeting';
import { moveAgendaItem } from '$lib/server/meetings/edit-agenda';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({ meeting: await getMeetingForEdit(event.locals.ctx, event.params.id) }));

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			await updateMeeting(event.locals.ctx, event.params.id, values);
			redirect(303, `/meetings/${event.params.id}`);
		}),
	move: (event) =>
		submit(event, async (values) => {
			const direction = values.direction === 'up' ? 'up' : 'down';
			await moveAgendaItem(event.locals.ctx, String(values.item ?? ''), direction);
			redirect(303, `/meetings/${event.params.id}/edit#agenda`);
		})
};
