import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { erasePerson, getPersonForErase } from '$lib/server/directory/erase-person';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { person, blocker } = await getPersonForErase(event.locals.ctx, event.params.id);
		return { person: { id: person.id, name: person.name }, blocker };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async () => {
			await erasePerson(event.locals.ctx, event.params.id);
			redirect(303, `/people/${event.params.id}?saved`);
		})
};
