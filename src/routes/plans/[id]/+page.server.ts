import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { isAdmin, managesCluster } from '$lib/server/access/policy';
import { listClusters } from '$lib/server/clusters/clusters';
import { addClusterToPlan, getPlan, setPlanStatus } from '$lib/server/plans/plans';
import { strategicObjectivesOf } from '$lib/server/plans/framework/tree';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const p = await getPlan(ctx, event.params.id);
		const taking = new Set(p.clusters.map((c) => c.id));
		const addable = p.canEdit
			? (await listClusters(ctx, { limit: 500 })).items.filter(
					(c) => !taking.has(c.id) && (isAdmin(actor) || managesCluster(actor, c.id))
				)
			: [];
		const strategic = await strategicObjectivesOf(ctx.db, p.id);
		return {
			plan: p,
			strategic: strategic.map((s) => ({ id: s.id, code: s.code, titleFr: s.titleFr, titleEn: s.titleEn })),
			addable: addable.map((c) => ({ id: c.id, code: c.code, nameFr: c.nameFr, nameEn: c.nameEn })),
			saved: event.url.searchParams.has('saved')
		};
	});

export const actions: Actions = {
	status: (event) =>
		submit(event, async (values) => {
			await setPlanStatus(event.locals.ctx, event.params.id, values);
			redirect(303, `/plans/${event.params.id}?saved`);
		}),
	addCluster: (event) =>
		submit(event, async (values) => {
			await addClusterToPlan(event.locals.ctx, event.params.id, String(values.clusterId ?? ''));
			redirect(303, `/plans/${event.params.id}?saved`);
		})
};
