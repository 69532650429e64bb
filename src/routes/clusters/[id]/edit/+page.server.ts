import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getClusterForEdit, updateCluster } from '$lib/server/clusters/clusters';
import { organisationOptions } from '$lib/server/directory/organisations';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const c = await getClusterForEdit(ctx, event.params.id);
		return {
			cluster: {
				id: c.id,
				code: c.code,
				nameFr: c.nameFr,
				nameEn: c.nameEn,
				leadOrganisationId: c.leadOrganisationId,
				coLeadOrganisationId: c.coLeadOrganisationId
			},
			organisations: await organisationOptions(ctx)
		};
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const saved = await updateCluster(event.locals.ctx, event.params.id, values);
			redirect(303, `/clusters/${saved.id}?saved`);
		})
};
