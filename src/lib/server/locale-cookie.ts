/** The language cookie that Paraglide reads on the server and in the browser (see vite.config.ts). */
export const LOCALE_COOKIE = 'concerto_locale';
export const localeCookieOptions = {
	path: '/',
	maxAge: 60 * 60 * 24 * 400,
	httpOnly: false,
	sameSite: 'lax',
	secure: false
} as const;
