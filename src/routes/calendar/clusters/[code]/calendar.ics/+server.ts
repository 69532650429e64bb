import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { clusterFeed } from '$lib/server/calendar/feeds';
import { icalResponse } from '$lib/server/calendar/ical';

/** A cluster's public feed: no sign-in (calendar apps cannot), nothing that names organisations. */
export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		icalResponse(
			event.request,
			await clusterFeed(event.locals.app.db, event.params.code, {
				publicUrl: event.locals.app.config.publicUrl,
				locale: event.locals.locale
			}),
			{ download: false, cache: 'public' }
		)
	);
