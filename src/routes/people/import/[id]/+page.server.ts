import type { Actions, PageServerLoad } from './$types';
import { confirmUpload, discardUpload, previewPage } from '$lib/server/directory/import/pages';

export const load: PageServerLoad = (event) => previewPage(event, 'people');

export const actions: Actions = {
	confirm: (event) => confirmUpload(event, 'people'),
	discard: (event) => discardUpload(event, 'people')
};
