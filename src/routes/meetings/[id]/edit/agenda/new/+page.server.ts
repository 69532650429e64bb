import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMeetingForEdit } from '$lib/server/meetings/edit-meeting';
import { addAgendaItem } from '$lib/server/meetings/edit-agenda';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { id, title, agenda } = await getMeetingForEdit(event.locals.ctx, event.params.id);
		// A new item goes last, in the section of the last one.
		return { meeting: { id, title }, defaults: { section: agenda.at(-1)?.section ?? '' } };
	});

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			await addAgendaItem(event.locals.ctx, event.params.id, values);
			redirect(303, `/meetings/${event.params.id}/edit#agenda`);
		})
};
