import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { deletePerson, getPersonForEdit } from '$lib/server/directory/people';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const p = await getPersonForEdit(event.locals.ctx, event.params.id);
		return { person: { id: p.id, name: p.name } };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async () => {
			await deletePerson(event.locals.ctx, event.params.id);
			redirect(303, '/people?deleted');
		})
};
