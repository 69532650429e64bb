import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportNeeds } from '$lib/server/plans/needs/export';

/** `?format=csv|xlsx|hxl`, and `?revision=N` for an older revision than the latest. */
export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		downloadResponse(
			await exportNeeds(
				event.locals.ctx,
				event.params.id,
				event.params.code,
				Object.fromEntries(event.url.searchParams)
			)
		)
	);
