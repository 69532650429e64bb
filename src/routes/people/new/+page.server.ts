import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { addsPeople, authorize, editableOrganisations } from '$lib/server/access/policy';
import { organisationOptions } from '$lib/server/directory/organisations';
import { createPerson } from '$lib/server/directory/people';
import { similarFailure, similarOnEntry } from '$lib/server/directory/similar-on-entry';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		authorize(actor, addsPeople(actor));
		const organisations = await organisationOptions(ctx, { editableOnly: true });
		const wanted = event.url.searchParams.get('organisation');
		return {
			organisations,
			allowNone: editableOrganisations(actor) === 'all',
			organisationId: organisations.some((o) => o.id === wanted) ? wanted : null
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const similar = await similarOnEntry(event.locals.ctx, 'person', values);
			if (similar.length) return similarFailure(similar, values);
			const created = await createPerson(event.locals.ctx, values);
			redirect(303, `/people/${created.id}?saved`);
		})
};
