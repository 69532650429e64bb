import { z } from 'zod';
import { fail } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import { LOCALE_COOKIE, localeCookieOptions } from '$lib/server/locale-cookie';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { updateProfile } from '$lib/server/accounts/profile';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/accounts/api-tokens';
import { passwordSchema } from '$lib/server/accounts/schema';
import { parseInput } from '$lib/server/validation';
import { recordAudit } from '$lib/server/audit/record-audit';
import { applyAuthCookies } from '$lib/server/accounts/session-cookies';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({ tokens: await listApiTokens(event.locals.ctx), actor: event.locals.actor! }));

export const actions: Actions = {
	profile: (event) =>
		submit(event, async (values) => {
			const saved = await updateProfile(event.locals.ctx, values);
			event.cookies.set(LOCALE_COOKIE, saved.locale, localeCookieOptions);
			return { profileSaved: true };
		}),
	password: (event) =>
		submit(event, async (values) => {
			const { locals, request, cookies } = event;
			const { newPassword } = parseInput(z.object({ newPassword: passwordSchema }), values, locals.locale);
			try {
				const { headers } = await locals.app.auth.api.changePassword({
					body: {
						currentPassword: String(values.currentPassword ?? ''),
						newPassword,
						revokeOtherSessions: true
					},
					headers: request.headers,
					returnHeaders: true
				});
				applyAuthCookies(cookies, headers);
			} catch (e) {
				if (e instanceof APIError) {
					return fail(400, {
						errors: [
							{ path: 'currentPassword', message: m.profile_password_wrong({}, { locale: locals.locale }) }
						],
						values: {}
					});
				}
				throw e;
			}
			await recordAudit(locals.app.db, locals.actor, {
				action: 'change-password',
				entityType: 'user',
				entityId: locals.actor!.userId
			});
			return { passwordChanged: true };
		}),
	createToken: (event) =>
		submit(event, async (values) => ({ newToken: (await createApiToken(event.locals.ctx, values)).token })),
	revokeToken: (event) =>
		submit(event, async (values) => {
			await revokeApiToken(event.locals.ctx, String(values.id ?? ''));
			return { revoked: true };
		})
};
