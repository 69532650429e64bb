import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportOrganisations } from '$lib/server/directory/export';

export const GET: RequestHandler = (event) =>
	guard(event, async () =>
		downloadResponse(await exportOrganisations(event.locals.ctx, Object.fromEntries(event.url.searchParams)))
	);
