import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getPlan, listPlans } from '$lib/server/plans/plans';
import { whoWhatWhere } from '$lib/server/projects/who-what-where';
import { filtersFrom } from '../list-params';
import { readFiltered } from '../read-filtered';

/** Who does what where in a plan (the most recent the user may see unless one is chosen). */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const ctx = event.locals.ctx;
		const params = event.url.searchParams;
		const plans = (await listPlans(ctx, { limit: 100 })).items;
		const planId = params.get('plan') || plans[0]?.id;
		const { status, cluster } = filtersFrom(params);
		const signedIn = !!ctx.actor;
		if (!planId) return { plans, plan: null, signedIn };
		const [{ result: view, errors }, { clusters }] = await Promise.all([
			readFiltered((query: object) => whoWhatWhere(ctx, { ...query, plan: planId }), { status, cluster }, {}),
			getPlan(ctx, planId)
		]);
		const { plan } = view;
		return {
			plans,
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn },
			statuses: view.statuses,
			rows: view.rows,
			clusters: clusters.map((c) => ({ code: c.code })),
			cluster: errors.length ? '' : cluster.toUpperCase(),
			errors,
			signedIn
		};
	});
