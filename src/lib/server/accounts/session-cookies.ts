import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';

/** better-auth answers with Set-Cookie headers; SvelteKit wants them through `cookies.set`. */
export function applyAuthCookies(cookies: Cookies, headers: Headers) {
	const header = headers.get('set-cookie');
	if (!header) return;
	for (const [name, attributes] of parseSetCookieHeader(header)) {
		cookies.set(name, attributes.value, {
			...toCookieOptions(attributes),
			path: attributes.path ?? '/'
		} as Parameters<Cookies['set']>[2]);
	}
}

/** Only a path on this site: never send a user elsewhere after signing in. */
export function safeNext(next: unknown, fallback = '/'): string {
	// Browsers read `/\evil.example` as `//evil.example`: refuse backslashes and control characters.
	const safe =
		typeof next === 'string' &&
		next.startsWith('/') &&
		!next.startsWith('//') &&
		!next.includes('\\') &&
		![...next].some((c) => c.charCodeAt(0) < 32);
	return safe ? next : fallback;
}
