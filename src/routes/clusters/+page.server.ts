import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listClusters } from '$lib/server/clusters/clusters';

const limit = 50;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const query = {
			q: params.get('q') ?? undefined,
			offset: params.get('offset') ?? undefined,
			limit
		};
		const { items, total } = await listClusters(event.locals.ctx, query);
		return {
			clusters: items.map((c) => ({
				id: c.id,
				code: c.code,
				nameFr: c.nameFr,
				nameEn: c.nameEn,
				leadOrganisationId: c.leadOrganisationId,
				lead: c.leadAcronym || c.leadName,
				coLeadOrganisationId: c.coLeadOrganisationId,
				coLead: c.coLeadAcronym || c.coLeadName
			})),
			total,
			limit,
			offset: Number(query.offset ?? 0),
			q: query.q ?? '',
			deleted: params.has('deleted')
		};
	});
