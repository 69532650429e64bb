import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { importNotice } from '$lib/server/directory/import/pages';
import { reviewsDuplicates } from '$lib/server/directory/records-policy';
import { managesDirectory } from '$lib/server/access/policy';
import { countPeopleByOrganisation, listOrganisations } from '$lib/server/directory/organisations';
import { listClusters } from '$lib/server/clusters/clusters';

const limit = 50;
const FILTERS = ['q', 'type', 'cluster', 'stage', 'place', 'sort'] as const;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const params = event.url.searchParams;
		const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
			(typeof FILTERS)[number],
			string
		>;
		const offset = Number(params.get('offset') ?? 0) || 0;
		const { items, total } = await listOrganisations(ctx, { ...filters, offset, limit });
		const [people, clusters] = await Promise.all([
			countPeopleByOrganisation(
				ctx,
				items.map((o) => o.id)
			),
			listClusters(ctx, { limit: 500 })
		]);
		return {
			organisations: items.map((o) => ({
				id: o.id,
				name: o.name,
				acronym: o.acronym,
				type: o.type,
				country: o.country,
				people: people.get(o.id) ?? 0
			})),
			clusters: clusters.items.map((c) => ({ code: c.code, nameFr: c.nameFr, nameEn: c.nameEn })),
			total,
			limit,
			offset,
			filters,
			canManage: managesDirectory(actor),
			canReview: reviewsDuplicates(actor),
			imported: importNotice(params),
			deleted: params.has('deleted')
		};
	});
