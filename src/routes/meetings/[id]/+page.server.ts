import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getMeeting } from '$lib/server/meetings/meetings';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({ meeting: await getMeeting(event.locals.ctx, event.params.id) }));
