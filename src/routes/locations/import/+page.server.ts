import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submitUpload, type FormFailure } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { checkImportsPlaces, previewPlacesImport } from '$lib/server/locations/import-places';
import { readImportForm } from '$lib/server/locations/read-import-form';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		checkImportsPlaces(event.locals.ctx);
		return {};
	});

export const actions: Actions = {
	/** Reads the file and shows what it would change; nothing changes before the confirmation. */
	preview: (event) =>
		submitUpload(event, async () => {
			const { ctx, locale } = event.locals;
			let options: Record<string, string> = {};
			try {
				const { id } = await previewPlacesImport(ctx, async () => {
					const source = await readImportForm(event.request, locale);
					options = source.options;
					return source;
				});
				redirect(303, `/locations/import/${id}`);
			} catch (e) {
				// The format and columns the user typed stay in the form beside the explanation.
				if (e instanceof ValidationError)
					return fail(400, { errors: e.errors, values: options } satisfies FormFailure);
				throw e;
			}
		})
};
