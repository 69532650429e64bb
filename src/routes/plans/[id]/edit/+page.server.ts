import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize } from '$lib/server/access/policy';
import { countryOptions, getPlan, updatePlan } from '$lib/server/plans/plans';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const p = await getPlan(ctx, event.params.id);
		authorize(actor, p.canEdit);
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn },
			values: {
				countryId: p.countryId,
				year: p.year,
				kind: p.kind,
				titleFr: p.titleFr,
				titleEn: p.titleEn,
				startsOn: p.startsOn,
				endsOn: p.endsOn,
				peopleInNeed: p.peopleInNeed,
				peopleTargeted: p.peopleTargeted,
				requirementsUsd: p.requirementsUsd === null ? null : Number(p.requirementsUsd),
				figuresSource: p.figuresSource,
				revision: p.revision
			},
			countries: await countryOptions(ctx)
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			await updatePlan(event.locals.ctx, event.params.id, values);
			redirect(303, `/plans/${event.params.id}?saved`);
		})
};
