import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { importNotice } from '$lib/server/directory/import/pages';
import { reviewsDuplicates } from '$lib/server/directory/records-policy';
import { addsPeople } from '$lib/server/access/policy';
import { listPeople } from '$lib/server/directory/people';
import { getOrganisation } from '$lib/server/directory/organisations';
import { listClusters } from '$lib/server/clusters/clusters';
import { isId } from '$lib/server/directory/schema';

const limit = 50;
const FILTERS = ['q', 'organisation', 'type', 'cluster', 'language', 'sort'] as const;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const params = event.url.searchParams;
		const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
			(typeof FILTERS)[number],
			string
		>;
		const offset = Number(params.get('offset') ?? 0) || 0;
		// No select of every organisation: with thousands it would outweigh the page.
		const [{ items, total }, clusters, organisation] = await Promise.all([
			listPeople(ctx, { ...filters, offset, limit }),
			listClusters(ctx, { limit: 500 }),
			isId(filters.organisation) ? getOrganisation(ctx, filters.organisation) : null
		]);
		return {
			people: items.map((p) => ({
				id: p.id,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email,
				phone: p.phone,
				erased: p.erasedAt !== null,
				organisationId: p.organisationId,
				organisationName: p.organisationName,
				organisationAcronym: p.organisationAcronym
			})),
			organisation: organisation && { id: organisation.id, name: organisation.name },
			clusters: clusters.items.map((c) => ({ code: c.code, nameFr: c.nameFr, nameEn: c.nameEn })),
			total,
			limit,
			offset,
			filters,
			canAdd: addsPeople(actor),
			canReview: reviewsDuplicates(actor),
			imported: importNotice(params),
			deleted: params.has('deleted')
		};
	});
