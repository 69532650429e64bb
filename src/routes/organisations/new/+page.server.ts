import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize, managesDirectory } from '$lib/server/access/policy';
import { createOrganisation } from '$lib/server/directory/organisations';
import { similarFailure, similarOnEntry } from '$lib/server/directory/similar-on-entry';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		authorize(event.locals.actor, managesDirectory(event.locals.actor));
		return {};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const similar = await similarOnEntry(event.locals.ctx, 'organisation', values);
			if (similar.length) return similarFailure(similar, values);
			const created = await createOrganisation(event.locals.ctx, values);
			redirect(303, `/organisations/${created.id}?saved`);
		})
};
