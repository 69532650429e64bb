import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize, isAdmin } from '$lib/server/access/policy';
import { createCluster } from '$lib/server/clusters/clusters';
import { organisationOptions } from '$lib/server/directory/organisations';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		authorize(event.locals.actor, isAdmin(event.locals.actor));
		return { organisations: await organisationOptions(event.locals.ctx) };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const created = await createCluster(event.locals.ctx, values);
			redirect(303, `/clusters/${created.id}?saved`);
		})
};
