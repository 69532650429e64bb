import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { formFailure } from './form-failure.server';
import { authorize, managesCluster } from '$lib/server/access/policy';
import { listClusters } from '$lib/server/clusters/clusters';
import { clusterByCode } from '$lib/server/clusters/clusters';
import { createWorkPlan, listWorkPlans } from '$lib/server/calendar/work-plans';

const clusterOf = (url: URL) => (url.searchParams.get('cluster') ?? '').trim().toUpperCase();

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		authorize(actor, actor !== null);
		const code = clusterOf(event.url);
		const chosen = code ? await clusterByCode(ctx.db, code) : null;
		const [{ items: clusters }, { items: plans, total }] = await Promise.all([
			listClusters(ctx, { limit: 500 }),
			listWorkPlans(ctx, { cluster: code, limit: 200 })
		]);
		return {
			clusters,
			cluster: chosen,
			plans,
			total,
			canCreate: chosen !== null && managesCluster(actor, chosen.id),
			defaults: { year: new Date().getFullYear(), quarter: Math.floor(new Date().getMonth() / 3) + 1 }
		};
	});

export const actions: Actions = {
	default: async (event) => {
		const code = clusterOf(event.url);
		const result = await submit(event, async (values) => {
			const created = await createWorkPlan(event.locals.ctx, code, values);
			redirect(303, `/calendar/work-plans/${created.id}`);
		});
		// Refused because the quarter has its plan: offer the way to it.
		const failure = formFailure(result);
		if (failure?.status === 409) {
			const { items } = await listWorkPlans(event.locals.ctx, {
				cluster: code,
				year: String(failure.data.values.year ?? '')
			});
			const existing = items.find((p) => String(p.quarter) === String(failure.data.values.quarter));
			return fail(409, { ...failure.data, existing: existing?.id });
		}
		return result;
	}
};
