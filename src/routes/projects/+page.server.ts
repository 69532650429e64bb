import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listPlans } from '$lib/server/plans/plans';
import { listProjects } from '$lib/server/projects/list';
import { projectFilterOptions } from '$lib/server/projects/list-options';
import { filtersFrom } from './list-params';
import { readFiltered } from './read-filtered';
import { partnerOrganisations, vettedClusters } from '$lib/server/projects/access';

const limit = 50;

/** The projects of a plan (the most recent the user may see unless one is chosen), filtered, with sums. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const ctx = event.locals.ctx;
		const params = event.url.searchParams;
		const plans = (await listPlans(ctx, { limit: 100 })).items;
		const planId = params.get('plan') || plans[0]?.id;
		const filters = filtersFrom(params);
		const offset = Number(params.get('offset') ?? 0) || 0;
		const signedIn = !!ctx.actor;
		const vetted = vettedClusters(ctx.actor);
		const canCreate = partnerOrganisations(ctx.actor).length > 0 || vetted === 'all' || vetted.length > 0;
		if (!planId) return { plans, plan: null, filters, signedIn, canCreate };
		const [{ result, errors }, options] = await Promise.all([
			readFiltered(
				(query: object) => listProjects(ctx, { ...query, plan: planId }),
				{ ...filters, offset, limit },
				{ limit }
			),
			projectFilterOptions(ctx, planId)
		]);
		const { plan, items, total, sums } = result;
		return {
			canCreate,
			plans,
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn, year: plan.year },
			projects: items,
			total,
			sums,
			options,
			filters,
			errors,
			limit,
			offset,
			signedIn
		};
	});
