import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { applyAuthCookies } from '$lib/server/accounts/session-cookies';
import { recordAudit } from '$lib/server/audit/record-audit';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		if (locals.actor) {
			const { headers } = await locals.app.auth.api.signOut({
				headers: request.headers,
				returnHeaders: true
			});
			applyAuthCookies(cookies, headers);
			await recordAudit(locals.app.db, locals.actor, {
				action: 'sign-out',
				entityType: 'user',
				entityId: locals.actor.userId
			});
		}
		redirect(303, '/');
	}
};
