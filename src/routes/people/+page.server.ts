import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { addsPeople } from '$lib/server/access/policy';
import { listPeople } from '$lib/server/directory/people';
import { organisationOptions } from '$lib/server/directory/organisations';

const limit = 50;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const params = event.url.searchParams;
		const query = {
			q: params.get('q') ?? undefined,
			organisation: params.get('organisation') ?? undefined,
			offset: params.get('offset') ?? undefined,
			limit
		};
		const [{ items, total }, organisations] = await Promise.all([
			listPeople(ctx, query),
			organisationOptions(ctx)
		]);
		return {
			people: items.map((p) => ({
				id: p.id,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email,
				phone: p.phone,
				organisationId: p.organisationId,
				organisationName: p.organisationName,
				organisationAcronym: p.organisationAcronym
			})),
			organisations,
			total,
			limit,
			offset: Number(query.offset ?? 0),
			q: query.q ?? '',
			organisation: query.organisation ?? '',
			canAdd: addsPeople(actor),
			deleted: params.has('deleted')
		};
	});
