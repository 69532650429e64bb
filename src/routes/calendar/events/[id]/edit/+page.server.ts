import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize } from '$lib/server/access/policy';
import { load as guard, submit } from '$lib/server/forms';
import { deleteEvent, eventFieldsOf, getEvent, updateEvent } from '$lib/server/calendar/events';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const found = await getEvent(event.locals.ctx, event.params.id);
		authorize(event.locals.actor, found.canEdit);
		return { event: found, values: eventFieldsOf(found) };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			await updateEvent(event.locals.ctx, event.params.id, values);
			redirect(303, `/calendar/events/${event.params.id}?saved`);
		}),
	delete: (event) =>
		submit(event, async () => {
			const { clusterCode } = await getEvent(event.locals.ctx, event.params.id);
			await deleteEvent(event.locals.ctx, event.params.id);
			redirect(303, `/calendar?cluster=${clusterCode}`);
		})
};
