import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '$lib/server/accounts/sign-in';
import { applyAuthCookies, safeNext } from '$lib/server/accounts/session-cookies';
import { needsSetup } from '$lib/server/accounts/setup';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor) redirect(303, safeNext(url.searchParams.get('next')));
	if (await needsSetup(locals.app.db)) redirect(303, '/setup');
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const values = await formValues(request);
		const result = await signIn(
			locals.app,
			{ email: values.email, password: values.password, headers: request.headers },
			locals.locale
		);
		if (!result.ok) return fail(400, { message: result.message, email: String(values.email ?? '') });
		applyAuthCookies(cookies, result.headers);
		redirect(303, safeNext(values.next));
	}
};
