import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { adminOverview } from '$lib/server/admin/overview';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({ overview: await adminOverview(event.locals.ctx) }));
