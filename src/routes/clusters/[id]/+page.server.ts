import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { isAdmin, managesCluster } from '$lib/server/access/policy';
import { getCluster } from '$lib/server/clusters/clusters';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const c = await getCluster(ctx, event.params.id);
		return {
			cluster: {
				id: c.id,
				code: c.code,
				nameFr: c.nameFr,
				nameEn: c.nameEn,
				leadOrganisationId: c.leadOrganisationId,
				leadName: c.leadName,
				leadAcronym: c.leadAcronym,
				coLeadOrganisationId: c.coLeadOrganisationId,
				coLeadName: c.coLeadName,
				coLeadAcronym: c.coLeadAcronym
			},
			canEdit: managesCluster(actor, c.id),
			canDelete: isAdmin(actor),
			saved: event.url.searchParams.has('saved')
		};
	});
