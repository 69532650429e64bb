import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { calendarPage } from '$lib/server/calendar/calendar-page';

export const load: PageServerLoad = (event) =>
	guard(event, () => calendarPage(event.locals.ctx, Object.fromEntries(event.url.searchParams)));
