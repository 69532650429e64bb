import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { personalDataDownload } from '$lib/server/directory/personal-data';

/** Everything held about the person, as a JSON file (coordinators, administrators, the person). */
export const GET: RequestHandler = (event) =>
	guard(event, async () => downloadResponse(await personalDataDownload(event.locals.ctx, event.params.id)));
