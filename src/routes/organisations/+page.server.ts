import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { countPeopleByOrganisation, listOrganisations } from '$lib/server/directory/organisations';

const limit = 50;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const query = {
			q: params.get('q') ?? undefined,
			type: params.get('type') ?? undefined,
			offset: params.get('offset') ?? undefined,
			limit
		};
		const { items, total } = await listOrganisations(event.locals.ctx, query);
		const people = await countPeopleByOrganisation(
			event.locals.ctx,
			items.map((o) => o.id)
		);
		return {
			organisations: items.map((o) => ({
				id: o.id,
				name: o.name,
				acronym: o.acronym,
				type: o.type,
				country: o.country,
				people: people.get(o.id) ?? 0
			})),
			total,
			limit,
			offset: Number(query.offset ?? 0),
			q: query.q ?? '',
			type: query.type ?? '',
			deleted: params.has('deleted')
		};
	});
