import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { editsOrganisation } from '$lib/server/access/policy';
import { getPerson } from '$lib/server/directory/people';
import { erasesPeople, exportsPersonalData, reviewsDuplicates } from '$lib/server/directory/records-policy';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const p = await getPerson(ctx, event.params.id);
		return {
			person: {
				id: p.id,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email,
				phone: p.phone,
				languages: p.languages,
				erased: p.erasedAt !== null,
				organisationId: p.organisationId,
				organisationName: p.organisationName,
				organisationAcronym: p.organisationAcronym,
				hasAccount: p.userId !== null
			},
			canEdit: editsOrganisation(actor, p.organisationId),
			canErase: erasesPeople(actor) && !p.erasedAt,
			canExport: exportsPersonalData(actor, p.id),
			canReview: reviewsDuplicates(actor),
			saved: event.url.searchParams.has('saved')
		};
	});
