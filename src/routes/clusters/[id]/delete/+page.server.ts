import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { deleteCluster, getClusterForDelete } from '$lib/server/clusters/clusters';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const c = await getClusterForDelete(event.locals.ctx, event.params.id);
		return { cluster: { id: c.id, code: c.code, nameFr: c.nameFr, nameEn: c.nameEn } };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async () => {
			await deleteCluster(event.locals.ctx, event.params.id);
			redirect(303, '/clusters?deleted');
		})
};
