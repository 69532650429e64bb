import type { LayoutServerLoad } from './$types';
import { isAdmin, managesDirectory } from '$lib/server/access/policy';
import { partnerOrganisations } from '$lib/server/projects/access';
import { listOpenWindows } from '$lib/server/projects/window';

export const load: LayoutServerLoad = async ({ locals }) => ({
	locale: locals.locale,
	user: locals.actor
		? {
				name: locals.actor.name,
				email: locals.actor.email,
				isAdmin: isAdmin(locals.actor),
				managesDirectory: managesDirectory(locals.actor)
			}
		: null,
	// Partners see every open submission window and its deadline on each page.
	openWindows: partnerOrganisations(locals.actor).length ? await listOpenWindows(locals.ctx.db) : []
});
