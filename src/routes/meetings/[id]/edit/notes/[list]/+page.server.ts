import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMeetingForEdit } from '$lib/server/meetings/edit-meeting';
import { applyNoteCommand, isNoteList, setNotes } from '$lib/server/meetings/edit-notes';
import { NotFoundError } from '$lib/server/errors';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { list } = event.params;
		if (!isNoteList(list)) throw new NotFoundError();
		const meeting = await getMeetingForEdit(event.locals.ctx, event.params.id);
		return {
			meeting: { id: meeting.id, title: meeting.title },
			list,
			values: { items: meeting[list], version: meeting.version }
		};
	});

export const actions: Actions = {
	// One form for the whole list: its buttons move or remove a line, and save the rest as typed.
	default: (event) =>
		submit(event, async (values) => {
			const typed = [values.items ?? []].flat().map(String);
			const command = typeof values.command === 'string' ? values.command : '';
			const items = applyNoteCommand(typed, command);
			const { id, list } = event.params;
			await setNotes(event.locals.ctx, id, list, { items, version: values.version });
			redirect(303, command ? `/meetings/${id}/edit/notes/${list}` : `/meetings/${id}/edit`);
		})
};
