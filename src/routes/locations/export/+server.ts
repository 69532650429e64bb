import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportPlaces } from '$lib/server/locations/export-places';

export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		downloadResponse(await exportPlaces(event.locals.ctx, Object.fromEntries(event.url.searchParams)))
	);
