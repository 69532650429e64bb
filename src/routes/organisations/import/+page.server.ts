import type { Actions, PageServerLoad } from './$types';
import { uploadFile, uploadPage } from '$lib/server/directory/import/pages';

export const load: PageServerLoad = (event) => uploadPage(event, 'organisations');

export const actions: Actions = {
	default: (event) => uploadFile(event, 'organisations')
};
