import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportPipeline } from '$lib/server/memberships/export';

export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		downloadResponse(
			await exportPipeline(event.locals.ctx, event.params.id, Object.fromEntries(event.url.searchParams))
		)
	);
