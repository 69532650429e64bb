import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, localeCookieOptions } from '$lib/server/locale-cookie';
import type { Actions, PageServerLoad } from './$types';
import { formValues } from '$lib/server/forms';
import { safeNext } from '$lib/server/accounts/session-cookies';
import { toLocale } from '$lib/server/i18n';
import { updateProfile } from '$lib/server/accounts/profile';

export const load: PageServerLoad = () => redirect(303, '/');

/** Visitors keep their choice in a cookie; a signed-in user's choice is saved on their account. */
export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const values = await formValues(request);
		const locale = toLocale(values.locale);
		cookies.set(LOCALE_COOKIE, locale, localeCookieOptions);
		if (locals.actor) await updateProfile(locals.ctx, { name: locals.actor.name, locale });
		redirect(303, safeNext(values.next));
	}
};
