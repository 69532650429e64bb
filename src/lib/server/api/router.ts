/**
 * Serves /api: finds the operation of the route table for the path and method, reads its input,
 * runs it, encodes its answer with its output schema, and turns every refusal into a problem document.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Locale } from '../i18n';
import type { Operation } from './endpoint';
import { methodNotAllowed, problem, problemFromError } from './problem';
import { operations } from './routes';
import { downloadResponse, isDownload } from '../downloads';

const BASE = '/api/v1';

/**
 * Stands for an id that is not a UUID: no record has it (ids are random v4 UUIDs), so the domain
 * answers exactly as for an unknown record — 401 to a visitor, 404 to a user — and the database
 * never sees the malformed text.
 */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

const routes = operations.map((op) => ({
	op,
	pattern: new RegExp(`^${BASE}${op.path.replaceAll('.', '\\.').replace('{id}', '([^/]+)')}$`)
}));

export async function handleApiRequest(event: RequestEvent): Promise<Response> {
	const { locals, request, url } = event;
	const locale = locals.locale;
	// A token that was sent but is unknown or revoked is refused, even where visitors are welcome.
	if (locals.badToken) return problem('bad-token', locale);

	const matching = routes.filter((route) => route.pattern.test(url.pathname));
	if (matching.length === 0) return problem('not-found', locale);
	const method = request.method === 'HEAD' ? 'GET' : request.method;
	const route = matching.find((r) => r.op.method === method);
	if (!route) return methodNotAllowed([...new Set(matching.map((r) => r.op.method))], locale);
	const { op, pattern } = route;

	try {
		const rawId = pattern.exec(url.pathname)?.[1];
		const id =
			rawId === undefined ? '' : z.uuid().safeParse(rawId).success ? rawId.toLowerCase() : NO_SUCH_ID;
		let body: unknown;
		if (op.upload && !locals.actor) return problem('unauthenticated', locale);
		if (op.body) {
			// Every write needs a signed-in caller: say so before judging what they sent.
			if (!locals.actor) return problem('unauthenticated', locale);
			const read = await readJson(request);
			if (read === 'not-json') return problem('unsupported-media-type', locale);
			if (read === 'malformed') return problem('malformed-body', locale);
			body = read.value;
		}
		// The domain parses the query with the schema the route table names, as it does for pages.
		const query = Object.fromEntries(url.searchParams);
		const publicUrl = locals.app.config.publicUrl;
		const result = await op.run({ ctx: locals.ctx, locale, id, query, body, request, publicUrl });
		return respond(op, result, locale);
	} catch (e) {
		return problemFromError(e, locale);
	}
}

async function readJson(request: Request): Promise<{ value: unknown } | 'not-json' | 'malformed'> {
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	if (type !== 'application/json' && !type.endsWith('+json')) return 'not-json';
	try {
		return { value: JSON.parse(await request.text()) };
	} catch {
		return 'malformed';
	}
}

function respond(op: Operation, result: unknown, locale: Locale): Response {
	if (op.downloads && isDownload(result)) return downloadResponse(result);
	const headers: Record<string, string> = { 'content-language': locale, 'cache-control': 'no-store' };
	if (op.status === 204) return new Response(null, { status: 204, headers });
	// Encoding through the documented schema drops internal fields and turns dates into ISO strings.
	const body = op.response ? z.encode(op.response, result) : result;
	if (op.status === 201) {
		const id = (body as { id: string }).id;
		headers.location = BASE + (op.location ? op.location(id) : `${op.path}/${id}`);
	}
	headers['content-type'] = 'application/json; charset=utf-8';
	return new Response(JSON.stringify(body), { status: op.status, headers });
}
