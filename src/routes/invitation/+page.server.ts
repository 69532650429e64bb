import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formValues } from '$lib/server/forms';
import { acceptInvitation, findOpenInvitation } from '$lib/server/accounts/invitations';
import { ValidationError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ url, locals }) => {
	const token = url.searchParams.get('token') ?? '';
	const open = token ? await findOpenInvitation(locals.app.db, token) : null;
	return { token, email: open?.email ?? null };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formValues(request);
		try {
			await acceptInvitation(locals.app.db, String(values.token ?? ''), values.password, locals.locale);
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { message: e.errors[0]!.message });
			throw e;
		}
		return { done: true };
	}
};
