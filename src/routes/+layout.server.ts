import type { LayoutServerLoad } from './$types';
import { isAdmin, managesDirectory } from '$lib/server/access/policy';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.actor
		? {
				name: locals.actor.name,
				email: locals.actor.email,
				isAdmin: isAdmin(locals.actor),
				managesDirectory: managesDirectory(locals.actor)
			}
		: null
});
