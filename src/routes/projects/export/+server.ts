import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { exportProjects } from '$lib/server/projects/export/export-projects';
import { filtersFrom } from '../list-params';

/** The file of every project the list's filters select, as `format` asks (csv, xlsx, hxl, iati). */
export const GET: RequestHandler = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const query = {
			...filtersFrom(params),
			plan: params.get('plan') ?? '',
			format: params.get('format') ?? ''
		};
		return downloadResponse(await exportProjects(event.locals.ctx, query));
	});
