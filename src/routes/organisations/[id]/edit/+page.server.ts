import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getOrganisationForEdit, updateOrganisation } from '$lib/server/directory/organisations';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const o = await getOrganisationForEdit(event.locals.ctx, event.params.id);
		return {
			organisation: {
				id: o.id,
				name: o.name,
				acronym: o.acronym,
				type: o.type,
				website: o.website,
				country: o.country,
				emailDomains: o.emailDomains.join(', ')
			}
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const saved = await updateOrganisation(event.locals.ctx, event.params.id, values);
			redirect(303, `/organisations/${saved.id}?saved`);
		})
};
