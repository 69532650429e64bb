import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listPlans } from '$lib/server/plans/plans';
import { createsPlans } from '$lib/server/plans/access';

const limit = 50;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const query = {
			year: params.get('year') ?? undefined,
			status: params.get('status') ?? undefined,
			offset: params.get('offset') ?? undefined,
			limit
		};
		const { items, total } = await listPlans(event.locals.ctx, query);
		return {
			plans: items,
			total,
			limit,
			offset: Number(query.offset ?? 0),
			year: query.year ?? '',
			status: query.status ?? '',
			canCreate: createsPlans(event.locals.actor)
		};
	});
