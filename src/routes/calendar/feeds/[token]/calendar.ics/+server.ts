import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { personalFeed } from '$lib/server/calendar/feeds';
import { icalResponse } from '$lib/server/calendar/ical';

/** A user's own feed: the secret address is the credential; an unknown or revoked one is 404. */
export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		icalResponse(
			event.request,
			await personalFeed(event.locals.app.db, event.params.token, {
				publicUrl: event.locals.app.config.publicUrl
			}),
			{ download: false, cache: 'private' }
		)
	);
