import type { PageServerLoad } from './$types';
import { listClusters } from '$lib/server/clusters/clusters';

export const load: PageServerLoad = async ({ locals }) => ({
	clusters: (await listClusters(locals.ctx, { limit: 50 })).items
});
