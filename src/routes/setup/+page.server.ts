import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { submit } from '$lib/server/forms';
import { createFirstAdmin, needsSetup } from '$lib/server/accounts/setup';
import { signIn } from '$lib/server/accounts/sign-in';
import { applyAuthCookies } from '$lib/server/accounts/session-cookies';

export const load: PageServerLoad = async ({ locals }) => {
	if (!(await needsSetup(locals.app.db))) redirect(303, '/sign-in');
};

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const { locals, request, cookies } = event;
			await createFirstAdmin(locals.app.db, values as never, locals.locale);
			const result = await signIn(
				locals.app,
				{ email: values.email, password: values.password, headers: request.headers },
				locals.locale
			);
			if (result.ok) applyAuthCookies(cookies, result.headers);
			redirect(303, '/');
		})
};
