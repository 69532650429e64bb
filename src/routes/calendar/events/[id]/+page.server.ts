import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getEvent } from '$lib/server/calendar/events';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({
		event: await getEvent(event.locals.ctx, event.params.id),
		saved: event.url.searchParams.has('saved')
	}));
