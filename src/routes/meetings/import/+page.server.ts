import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submitUpload } from '$lib/server/forms';
import { authorize, isAdmin, managesCluster } from '$lib/server/access/policy';
import { listClusters } from '$lib/server/clusters/clusters';
import { readUpload } from '$lib/server/uploads/read-upload';
import { stageMinutes } from '$lib/server/meetings/minutes/staged-minutes';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const { items } = await listClusters(ctx, { limit: 500 });
		const clusters = items.filter((c) => isAdmin(actor) || managesCluster(actor, c.id));
		authorize(actor, clusters.length > 0);
		return { clusters: clusters.map((c) => ({ code: c.code, nameFr: c.nameFr, nameEn: c.nameEn })) };
	});

export const actions: Actions = {
	default: (event) =>
		submitUpload(event, async () => {
			const cluster = event.url.searchParams.get('cluster') ?? '';
			const id = await stageMinutes(event.locals.ctx, cluster, () =>
				readUpload(event.request, event.locals.locale)
			);
			redirect(303, `/meetings/import/${id}`);
		})
};
