import type { RequestEvent } from '@sveltejs/kit';
import { beforeAll, expect } from 'vitest';
import type { App } from '$lib/server/app';
import { issueApiToken } from '$lib/server/accounts/api-tokens';
import { loadActor } from '$lib/server/access/actor';
import { resolveActor } from '$lib/server/access/resolve-actor';
import { localeFromAcceptLanguage } from '$lib/server/i18n';
import { handleApiRequest } from '$lib/server/api/router';
import { openTestApp, TEST_PUBLIC_URL } from './app';
import type { TestDatabase } from './db';

/** A JSON answer read loosely, as tests pick fields out of it. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ApiCall {
	/** The name a token was issued under (`tokenFor`): sent as its bearer token. */
	as?: string;
	/** A bearer token as is (an unknown or revoked one included). */
	token?: string;
	/** A body sent as JSON. */
	body?: unknown;
	/** A body sent as is, with `contentType`. */
	raw?: string | Uint8Array<ArrayBuffer>;
	/** The body's content type; JSON unless said. */
	contentType?: string;
	/** The Accept-Language header; without it, the user's language, else French. */
	language?: string;
}

export interface ApiClient {
	/** Issues an API token for this user, to be sent by `call(…, { as: name })`; returns it. */
	tokenFor(name: string, userId: string): Promise<string>;
	/** `tokenFor` each name → user id. */
	tokensFor(users: Record<string, string>): Promise<void>;
	/** A request to /api/v1`path`, as the server handles it. */
	call(method: string, path: string, options?: ApiCall): Promise<Response>;
}

/**
 * Calls the JSON API of a test app on the file's test database, as src/hooks.server.ts and
 * src/routes/api/[...path] serve it: the actor from the bearer token, the language from
 * Accept-Language (else the user's, else French), then the API router. The app is opened in
 * beforeAll, so call this after `useTestDatabase()`: `const { call, tokenFor } = useApiClient(t);`.
 * `defaults` apply to every call (a call's own options win).
 */
export function useApiClient(t: TestDatabase, defaults: ApiCall = {}): ApiClient {
	let opened: App | undefined;
	const tokens = new Map<string, string>();
	beforeAll(async () => {
		opened = await openTestApp(t.connection);
	});
	const app = () => {
		if (!opened) throw new Error('the API client opens its app in beforeAll: use it inside hooks and tests');
		return opened;
	};

	async function tokenFor(name: string, userId: string): Promise<string> {
		const actor = await loadActor(t.db, userId);
		if (!actor) throw new Error(`no user ${userId} to issue a token for (${name})`);
		const { token } = await issueApiToken(t.db, actor, 'tests');
		tokens.set(name, token);
		return token;
	}

	async function call(method: string, path: string, options: ApiCall = {}): Promise<Response> {
		const { as, token, body, raw, contentType, language } = { ...defaults, ...options };
		const headers = new Headers();
		if (as !== undefined) {
			const issued = tokens.get(as);
			if (!issued) throw new Error(`no API token issued for ${as}: tokenFor('${as}', …) first`);
			headers.set('authorization', `Bearer ${issued}`);
		} else if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
		if (language) headers.set('accept-language', language);
		const sent = raw ?? (body === undefined ? undefined : JSON.stringify(body));
		if (sent !== undefined) headers.set('content-type', contentType ?? 'application/json');
		const request = new Request(`${TEST_PUBLIC_URL}/api/v1${path}`, { method, headers, body: sent });
		const url = new URL(request.url);
		const { actor, badToken } = await resolveActor(app(), request.headers);
		const locale = language ? localeFromAcceptLanguage(language) : (actor?.locale ?? 'fr');
		const event = {
			request,
			url,
			params: { path: url.pathname.replace(/^\/api\//, '') },
			route: { id: '/api/[...path]' },
			locals: { app: app(), actor, badToken, locale, ctx: { db: app().db, actor, locale } }
		};
		return handleApiRequest(event as unknown as RequestEvent);
	}

	return {
		tokenFor,
		async tokensFor(users) {
			for (const [name, userId] of Object.entries(users)) await tokenFor(name, userId);
		},
		call
	};
}

/** The response's JSON body (`{}` for 204), or an error naming the status and body when it is not `status`. */
export async function ok(response: Response, status = 200): Promise<Json> {
	if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
	return status === 204 ? {} : ((await response.json()) as Json);
}

/** A problem document (RFC 9457) as the API answers errors. */
export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	errors: { path: string; message: string }[];
}

/** Checks that the response is a problem document of this status, and returns it. */
export async function problem(response: Response, status: number): Promise<Problem> {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	return (await response.json()) as Problem;
}
