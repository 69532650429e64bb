import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { createProject } from '$lib/server/projects/edit';
import { newProjectChoices } from '$lib/server/projects/new-project-choices';

/**
 * Starting a project: the form's "update the choices" buttons send it back by GET, so that the
 * clusters of the plan chosen, the organisations found and their earlier projects are read from
 * the address along with what was typed; "create" posts it.
 */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const get = (name: string) => params.get(name) ?? '';
		const choices = await newProjectChoices(event.locals.ctx, {
			planId: params.get('planId') ?? params.get('plan'),
			organisationId: get('organisationId'),
			find: get('find')
		});
		const clusterId = choices.clusters.some((c) => c.id === get('clusterId'))
			? get('clusterId')
			: (choices.clusterId ?? '');
		return {
			choices,
			values: {
				planId: choices.plan?.id ?? '',
				clusterId,
				organisationId: choices.organisationId ?? '',
				titleFr: get('titleFr'),
				titleEn: get('titleEn'),
				carriedFromId: get('carriedFromId')
			}
		};
	});

export const actions: Actions = {
	create: (event) =>
		submit(event, async (values) => {
			const created = await createProject(event.locals.ctx, values);
			redirect(303, `/projects/${created.id}/edit/general`);
		})
};
