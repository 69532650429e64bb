import type { PageServerLoad } from './$types';
import { listClusters } from '$lib/server/clusters/clusters';
import { myGrants } from '$lib/server/access/my-grants';
import { listPlans } from '$lib/server/plans/plans';

export const load: PageServerLoad = async ({ locals }) => ({
	clusters: (await listClusters(locals.ctx, { limit: 50 })).items,
	grants: await myGrants(locals.ctx),
	plans: (await listPlans(locals.ctx, { limit: 5 })).items
});
