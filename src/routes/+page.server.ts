import type { PageServerLoad } from './$types';
import { listClusters } from '$lib/server/clusters/clusters';
import { myGrants } from '$lib/server/access/my-grants';

export const load: PageServerLoad = async ({ locals }) => ({
	clusters: (await listClusters(locals.ctx, { limit: 50 })).items,
	grants: await myGrants(locals.ctx)
});
