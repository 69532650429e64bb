import { error, redirect, type Handle, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { defineCustomServerStrategy } from '$lib/paraglide/runtime';
import { readConfig } from '$lib/server/config';
import { startServer } from '$lib/server/startup';
import type { App as Concerto } from '$lib/server/app';
import { resolveActor } from '$lib/server/access/resolve-actor';
import { localeFromAcceptLanguage, type Locale } from '$lib/server/i18n';
import { needsSetup } from '$lib/server/accounts/setup';
import { m } from '$lib/paraglide/messages';
import { LOCALE_COOKIE, localeCookieOptions } from '$lib/server/locale-cookie';
import { isCrossSiteForm } from '$lib/server/cross-site';

let app: Concerto;

export const init: ServerInit = async () => {
	if (!building) app = await startServer(readConfig());
};

/** A signed-in user's own language choice wins over the cookie and the browser. */
const userLocales = new WeakMap<Request, Locale>();
defineCustomServerStrategy('custom-user', {
	getLocale: (request) => (request ? userLocales.get(request) : undefined)
});

/** Becomes true once the installation has a user, and stays so: no query per request after that. */
let setUp = false;

/** Past this, a body is refused unread; uploads have their own, lower limit (uploads/read-upload.ts). */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteForm(event.request, event.url))
		error(403, m.error_cross_site({}, { locale: roughLocale(event) }));
	if (Number(event.request.headers.get('content-length')) > MAX_BODY_BYTES)
		error(413, m.error_body_too_large({ max: MAX_BODY_BYTES / 2 ** 20 }, { locale: roughLocale(event) }));
	if (!setUp) setUp = !(await needsSetup(app.db));
	if (!setUp && needsSetupPage(event.request.method, event.url.pathname)) redirect(303, '/setup');
	const { actor, badToken } = await resolveActor(app, event.request.headers);
	if (actor) userLocales.set(event.request, actor.locale);
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		// The API answers in the language the caller asks for (RFC 9457 problem documents).
		const acceptLanguage = request.headers.get('accept-language');
		const chosen = !event.url.pathname.startsWith('/api/')
			? locale
			: acceptLanguage
				? localeFromAcceptLanguage(acceptLanguage)
				: (actor?.locale ?? locale);
		// The browser's copy of Paraglide reads this cookie: keep it equal to what the server chose,
		// or the page would switch language once its script starts.
		if (!event.url.pathname.startsWith('/api/') && event.cookies.get(LOCALE_COOKIE) !== chosen) {
			event.cookies.set(LOCALE_COOKIE, chosen, localeCookieOptions);
		}
		event.locals.app = app;
		event.locals.actor = actor;
		event.locals.badToken = badToken;
		event.locals.locale = chosen;
		event.locals.ctx = { db: app.db, actor, locale: chosen };
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', chosen)
		});
	});
};

/** The visitor's language before the request is resolved: their cookie, else their browser's. */
function roughLocale(event: RequestEvent): Locale {
	const cookie = event.cookies.get(LOCALE_COOKIE);
	if (cookie === 'fr' || cookie === 'en') return cookie;
	return localeFromAcceptLanguage(event.request.headers.get('accept-language') ?? '');
}

function needsSetupPage(method: string, path: string) {
	return method === 'GET' && !/^\/(setup|healthz|api|_app|favicon)/.test(path);
}
