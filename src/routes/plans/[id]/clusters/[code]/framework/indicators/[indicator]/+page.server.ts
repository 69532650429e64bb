import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { findPlanPart, editsPlanCluster } from '$lib/server/plans/access';
import { getIndicatorTargets, setIndicatorTargets, targetPlaces } from '$lib/server/plans/framework/targets';
import { NotFoundError } from '$lib/server/errors';
import { assertInPart } from '$lib/server/plans/framework/levels';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const part = await findPlanPart(ctx, event.params.id, event.params.code);
		const found = await getIndicatorTargets(ctx, event.params.indicator);
		if (found.indicator.planClusterId !== part.planCluster.id) throw new NotFoundError();
		const values = new Map(found.targets.map((t) => [t.pcode, Number(t.value)]));
		const places = await targetPlaces(ctx.db, part.plan.countryId);
		const p = part.plan;
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn, status: p.status },
			cluster: part.cluster,
			indicator: { ...found.indicator.row, code: found.indicator.code },
			places: places.map((pl) => ({
				pcode: pl.pcode,
				name: pl.name,
				level: pl.level,
				value: values.get(pl.pcode) ?? null
			})),
			rollUp: found.rollUp,
			revision: p.revision,
			canEdit: p.status !== 'closed' && editsPlanCluster(actor, part.cluster.id),
			saved: event.url.searchParams.has('saved')
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const targets = Object.fromEntries(
				Object.entries(values)
					.filter(([k]) => k.startsWith('t.'))
					.map(([k, v]) => [k.slice(2), v])
			);
			const { id, code, indicator } = event.params;
			await assertInPart(event.locals.ctx, 'indicator', indicator, id, code);
			await setIndicatorTargets(event.locals.ctx, indicator, {
				targets,
				revision: values.revision
			});
			redirect(303, `${event.url.pathname}?saved`);
		})
};
