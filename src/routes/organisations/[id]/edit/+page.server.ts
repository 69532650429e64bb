import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit, submitUpload } from '$lib/server/forms';
import {
	getOrganisationDetail,
	getOrganisationForEdit,
	updateOrganisation
} from '$lib/server/directory/organisations';
import { removeLogo, setLogo } from '$lib/server/directory/logos';
import { readUpload } from '$lib/server/uploads/read-upload';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		await getOrganisationForEdit(event.locals.ctx, event.params.id);
		const o = await getOrganisationDetail(event.locals.ctx, event.params.id);
		return {
			organisation: {
				id: o.id,
				name: o.name,
				acronym: o.acronym,
				type: o.type,
				website: o.website,
				country: o.country,
				emailDomains: o.emailDomains.join(', '),
				address: o.address,
				phone: o.phone,
				places: o.places.map((p) => p.pcode).join(', ')
			},
			hasLogo: o.hasLogo
		};
	});

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			const saved = await updateOrganisation(event.locals.ctx, event.params.id, values);
			redirect(303, `/organisations/${saved.id}?saved`);
		}),
	logo: (event) =>
		submitUpload(event, async () => {
			const { ctx, locale } = event.locals;
			const { bytes } = await readUpload(event.request, locale, { field: 'logo' });
			await setLogo(ctx, event.params.id, bytes);
			redirect(303, `/organisations/${event.params.id}?saved`);
		}),
	removeLogo: (event) =>
		submit(event, async () => {
			await removeLogo(event.locals.ctx, event.params.id);
			redirect(303, `/organisations/${event.params.id}?saved`);
		})
};
