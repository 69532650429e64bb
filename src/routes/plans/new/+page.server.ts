import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize, isAdmin, managesCluster } from '$lib/server/access/policy';
import { listClusters } from '$lib/server/clusters/clusters';
import { countryOptions, createPlan } from '$lib/server/plans/plans';
import { createsPlans } from '$lib/server/plans/access';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		authorize(actor, createsPlans(actor));
		const { items } = await listClusters(ctx, { limit: 500 });
		const year = new Date().getFullYear() + 1;
		return {
			countries: await countryOptions(ctx),
			clusters: items.filter((c) => isAdmin(actor) || managesCluster(actor, c.id)),
			defaults: { kind: 'hrp', year, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const created = await createPlan(event.locals.ctx, values);
			redirect(303, `/plans/${created.id}?saved`);
		})
};
