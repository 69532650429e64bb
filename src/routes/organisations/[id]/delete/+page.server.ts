import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import {
	countPeopleOf,
	deleteOrganisation,
	getOrganisationForDelete
} from '$lib/server/directory/organisations';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const o = await getOrganisationForDelete(ctx, event.params.id);
		return { organisation: { id: o.id, name: o.name }, people: await countPeopleOf(ctx, o.id) };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async () => {
			await deleteOrganisation(event.locals.ctx, event.params.id);
			redirect(303, '/organisations?deleted');
		})
};
