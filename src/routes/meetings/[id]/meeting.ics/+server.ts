import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { meetingDocument } from '$lib/server/calendar/feeds';
import { icalResponse } from '$lib/server/calendar/ical';

/** A meeting's invitation part (title, day, times, place) to add to one's calendar. */
export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		icalResponse(
			event.request,
			await meetingDocument(event.locals.ctx, event.params.id, event.locals.app.config.publicUrl),
			{ download: true, cache: 'private' }
		)
	);
