import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { editsOrganisation, managesDirectory } from '$lib/server/access/policy';
import { getOrganisationDetail } from '$lib/server/directory/organisations';
import { listPeople } from '$lib/server/directory/people';
import { reviewsDuplicates } from '$lib/server/directory/records-policy';
import { membershipsOfOrganisation } from '$lib/server/memberships/queries';

const shown = 100;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const organisation = await getOrganisationDetail(ctx, event.params.id);
		const [people, memberships] = await Promise.all([
			listPeople(ctx, { organisation: organisation.id, limit: shown }),
			membershipsOfOrganisation(ctx, organisation.id)
		]);
		return {
			organisation,
			people: people.items.map((p) => ({
				id: p.id,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email
			})),
			peopleTotal: people.total,
			memberships,
			canEdit: editsOrganisation(actor, organisation.id),
			canDelete: managesDirectory(actor),
			canReview: reviewsDuplicates(actor),
			saved: event.url.searchParams.has('saved')
		};
	});
