import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMeetingForEdit } from '$lib/server/meetings/edit-meeting';
import { removeAgendaItem, updateAgendaItem } from '$lib/server/meetings/edit-agenda';
import { NotFoundError } from '$lib/server/errors';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { id, title, version, agenda } = await getMeetingForEdit(event.locals.ctx, event.params.id);
		const item = agenda.find((a) => a.id === event.params.item);
		if (!item) throw new NotFoundError();
		return { meeting: { id, title }, item: { ...item, version } };
	});

const back = (id: string) => `/meetings/${id}/edit#agenda`;

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			await updateAgendaItem(event.locals.ctx, event.params.item, values);
			redirect(303, back(event.params.id));
		}),
	remove: (event) =>
		submit(event, async (values) => {
			await removeAgendaItem(event.locals.ctx, event.params.item, values);
			redirect(303, back(event.params.id));
		})
};
