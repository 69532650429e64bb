import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import {
	addPopulationGroup,
	listPopulationGroups,
	movePopulationGroup,
	renamePopulationGroup
} from '$lib/server/plans/needs/population-groups';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { part, groups, editable } = await listPopulationGroups(
			event.locals.ctx,
			event.params.id,
			event.params.code
		);
		const { plan, cluster } = part;
		return {
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn },
			cluster,
			groups: groups.map(({ code, nameFr, nameEn }) => ({ code, nameFr, nameEn })),
			stored: groups.every((g) => g.id !== null),
			editable,
			saved: event.url.searchParams.has('saved')
		};
	});

const back = (params: { id: string; code: string }) =>
	`/plans/${params.id}/clusters/${params.code}/needs/groups?saved`;

export const actions: Actions = {
	add: (event) =>
		submit(event, async (values) => {
			await addPopulationGroup(event.locals.ctx, event.params.id, event.params.code, values);
			redirect(303, back(event.params));
		}),
	rename: (event) =>
		submit(event, async (values) => {
			await renamePopulationGroup(
				event.locals.ctx,
				event.params.id,
				event.params.code,
				String(values.group ?? ''),
				values
			);
			redirect(303, back(event.params));
		}),
	move: (event) =>
		submit(event, async (values) => {
			await movePopulationGroup(
				event.locals.ctx,
				event.params.id,
				event.params.code,
				String(values.group ?? ''),
				values
			);
			redirect(303, back(event.params));
		})
};
