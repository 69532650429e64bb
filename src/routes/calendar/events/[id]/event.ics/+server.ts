import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { eventDocument } from '$lib/server/calendar/feeds';
import { icalResponse } from '$lib/server/calendar/ical';

export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		icalResponse(
			event.request,
			await eventDocument(event.locals.ctx, event.params.id, event.locals.app.config.publicUrl),
			{ download: true, cache: 'private' }
		)
	);
