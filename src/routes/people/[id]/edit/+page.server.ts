import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { editableOrganisations } from '$lib/server/access/policy';
import { organisationOptions } from '$lib/server/directory/organisations';
import { getPersonForEdit, updatePerson } from '$lib/server/directory/people';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const p = await getPersonForEdit(ctx, event.params.id);
		return {
			person: {
				id: p.id,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email,
				phone: p.phone,
				languages: p.languages.join(', '),
				organisationId: p.organisationId
			},
			organisations: await organisationOptions(ctx, { editableOnly: true }),
			allowNone: editableOrganisations(actor) === 'all'
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const saved = await updatePerson(event.locals.ctx, event.params.id, values);
			redirect(303, `/people/${saved.id}?saved`);
		})
};
