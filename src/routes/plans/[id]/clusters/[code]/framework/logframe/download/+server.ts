import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportLogframe } from '$lib/server/plans/logframe/export';

export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		downloadResponse(
			await exportLogframe(
				event.locals.ctx,
				event.params.id,
				event.params.code,
				Object.fromEntries(event.url.searchParams)
			)
		)
	);
