import { fail } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import type { Actions, PageServerLoad } from './$types';
import { formValues } from '$lib/server/forms';
import { passwordSchema } from '$lib/server/accounts/schema';
import { parseInput } from '$lib/server/validation';
import { ValidationError } from '$lib/server/errors';
import { recordAudit } from '$lib/server/audit/record-audit';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formValues(request);
		const locale = locals.locale;
		try {
			const newPassword = parseInput(passwordSchema, values.password, locale);
			await locals.app.auth.api.resetPassword({ body: { newPassword, token: String(values.token ?? '') } });
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { message: e.errors[0]!.message });
			if (e instanceof APIError) return fail(400, { message: m.reset_invalid({}, { locale }) });
			throw e;
		}
		await recordAudit(locals.app.db, null, { action: 'reset-password', entityType: 'user' });
		return { done: true };
	}
};
