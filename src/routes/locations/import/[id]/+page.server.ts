import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { applyPlacesImport, discardPlacesImport, getPlacesImport } from '$lib/server/locations/import-places';

/** What the uploaded list would change, compared with the places as they are now. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { id, createdAt, report } = await getPlacesImport(event.locals.ctx, event.params.id);
		return { id, createdAt, report };
	});

export const actions: Actions = {
	apply: (event) =>
		submit(event, async () => {
			const report = await applyPlacesImport(event.locals.ctx, event.params.id);
			const counts = {
				added: report.added.length,
				renamed: report.renamed.length,
				moved: report.moved.length,
				retired: report.retired.length,
				restored: report.restored.length
			};
			const query = Object.entries(counts)
				.map(([key, n]) => `${key}=${n}`)
				.join('&');
			redirect(303, `/locations?imported&${query}`);
		}),
	discard: (event) =>
		submit(event, async () => {
			await discardPlacesImport(event.locals.ctx, event.params.id);
			redirect(303, '/locations/import');
		})
};
