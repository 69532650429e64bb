import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listRevisions } from '$lib/server/plans/needs/revisions';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { part, items } = await listRevisions(event.locals.ctx, event.params.id, event.params.code);
		const { plan, cluster } = part;
		return { plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn }, cluster, items };
	});
