import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { clusterForCalendarWrite, createEvent } from '$lib/server/calendar/events';

const clusterOf = (url: URL) => url.searchParams.get('cluster') ?? '';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const cluster = await clusterForCalendarWrite(event.locals.ctx, clusterOf(event.url));
		const kind = event.url.searchParams.get('kind') ?? 'meeting';
		return { cluster, defaults: { kind, startsOn: event.url.searchParams.get('date') ?? '' } };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const created = await createEvent(event.locals.ctx, clusterOf(event.url), values);
			redirect(303, `/calendar/events/${created.id}?saved`);
		})
};
