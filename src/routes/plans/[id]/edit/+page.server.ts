import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize } from '$lib/server/access/policy';
import { countryOptions, getPlan, updatePlan } from '$lib/server/plans/plans';
import { setSexAgeGroups } from '$lib/server/plans/sex-age-groups';

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
			countries: await countryOptions(ctx),
			groups: p.sexAgeGroups.map((g) => ({ ...g, hxl: g.hxl.join(' ') }))
		};
	});

/** The groups table posts one `code`, `nameFr`, `nameEn`, `hxl` per row; empty rows are dropped. */
function groupRows(values: Record<string, unknown>) {
	const column = (name: string) => [values[name] ?? []].flat().map(String);
	const codes = column('code');
	return codes
		.map((code, i) => ({
			code,
			nameFr: column('nameFr')[i] ?? '',
			nameEn: column('nameEn')[i] ?? '',
			hxl: column('hxl')[i] ?? ''
		}))
		.filter((g) => Object.values(g).some((v) => v.trim() !== ''));
}

export const actions: Actions = {
	groups: (event) =>
		submit(event, async (values) => {
			await setSexAgeGroups(event.locals.ctx, event.params.id, {
				groups: groupRows(values),
				revision: values.revision
			});
			redirect(303, `/plans/${event.params.id}?saved`);
		}),
	save: (event) =>
		submit(event, async (values) => {
			await updatePlan(event.locals.ctx, event.params.id, values);
			redirect(303, `/plans/${event.params.id}?saved`);
		})
};
