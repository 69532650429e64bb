import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { emailSchema } from '../validation';
import { clearFailures, recordFailure, throttleState } from './sign-in-throttle';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';

export type SignInResult = { ok: true; headers: Headers } | { ok: false; message: string };

/** Signs in with e-mail and password; repeated failures are slowed, then refused for a while. */
export async function signIn(
	app: App,
	input: { email: unknown; password: unknown; headers: Headers },
	locale: Locale
): Promise<SignInResult> {
	const parsed = emailSchema.safeParse(input.email);
	const password = typeof input.password === 'string' ? input.password : '';
	if (!parsed.success || !password) return { ok: false, message: m.sign_in_failed({}, { locale }) };
	const email = parsed.data;
	const state = await throttleState(app.db, email);
	if (state.locked) {
		return { ok: false, message: m.sign_in_locked({ minutes: state.retryAfterMinutes }, { locale }) };
	}
	if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
	try {
		const { headers } = await app.auth.api.signInEmail({
			body: { email, password, rememberMe: true },
			headers: input.headers,
			returnHeaders: true
		});
		await clearFailures(app.db, email);
		return { ok: true, headers };
	} catch (error) {
		if (!(error instanceof APIError)) throw error;
		await recordFailure(app.db, email);
		return { ok: false, message: m.sign_in_failed({}, { locale }) };
	}
}
