import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listMeetings } from '$lib/server/meetings/meetings';
import { managesDirectory } from '$lib/server/access/policy';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({
		meetings: await listMeetings(event.locals.ctx, {
			cluster: event.url.searchParams.get('cluster') ?? undefined
		}),
		canImport: managesDirectory(event.locals.actor)
	}));
