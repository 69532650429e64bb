/** RFC 9457 problem documents: how the API says no, in the caller's language. */
import { z } from 'zod';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError,
	type FieldError
} from '../errors';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

type Text = (locale: Locale) => string;

export type ProblemKind =
	| 'validation'
	| 'malformed-body'
	| 'unauthenticated'
	| 'bad-token'
	| 'forbidden'
	| 'not-found'
	| 'method-not-allowed'
	| 'conflict'
	| 'unsupported-media-type'
	| 'server-error';

/**
 * Each kind of problem: its HTTP status and what it says (a kind without a general `detail` is
 * always given one that fits the occurrence). `type` is `/api/v1/problems/<kind>`.
 */
const PROBLEMS: Record<ProblemKind, { status: number; title: Text; detail?: Text }> = {
	validation: {
		status: 400,
		title: (locale) => m.api_problem_validation_title({}, { locale }),
		detail: (locale) => m.api_problem_validation_detail({}, { locale })
	},
	'malformed-body': {
		status: 400,
		title: (locale) => m.api_problem_malformed_body_title({}, { locale }),
		detail: (locale) => m.api_problem_malformed_body_detail({}, { locale })
	},
	unauthenticated: {
		status: 401,
		title: (locale) => m.api_problem_unauthenticated_title({}, { locale }),
		detail: (locale) => m.api_problem_unauthenticated_detail({}, { locale })
	},
	'bad-token': {
		status: 401,
		title: (locale) => m.api_problem_bad_token_title({}, { locale }),
		detail: (locale) => m.api_problem_bad_token_detail({}, { locale })
	},
	forbidden: {
		status: 403,
		title: (locale) => m.api_problem_forbidden_title({}, { locale }),
		detail: (locale) => m.error_forbidden({}, { locale })
	},
	'not-found': {
		status: 404,
		title: (locale) => m.api_problem_not_found_title({}, { locale }),
		detail: (locale) => m.api_problem_not_found_detail({}, { locale })
	},
	'method-not-allowed': {
		status: 405,
		title: (locale) => m.api_problem_method_not_allowed_title({}, { locale })
	},
	conflict: {
		status: 409,
		title: (locale) => m.api_problem_conflict_title({}, { locale }),
		detail: (locale) => m.api_problem_conflict_detail({}, { locale })
	},
	'unsupported-media-type': {
		status: 415,
		title: (locale) => m.api_problem_unsupported_media_type_title({}, { locale }),
		detail: (locale) => m.api_problem_unsupported_media_type_detail({}, { locale })
	},
	'server-error': {
		status: 500,
		title: (locale) => m.api_problem_server_error_title({}, { locale }),
		detail: (locale) => m.error_server({}, { locale })
	}
};

export const PROBLEM_KINDS = Object.keys(PROBLEMS) as ProblemKind[];

export function problemStatus(kind: ProblemKind): number {
	return PROBLEMS[kind].status;
}

export function problemTitle(kind: ProblemKind, locale: Locale): string {
	return PROBLEMS[kind].title(locale);
}

export const problemType = (kind: ProblemKind) => `/api/v1/problems/${kind}`;

/** The problem document, for the OpenAPI description. */
export const problemOut = z.object({
	type: z.string().meta({ description: 'URI reference: /api/v1/problems/<kind>' }),
	title: z.string(),
	status: z.int(),
	detail: z.string(),
	errors: z
		.array(z.object({ path: z.string(), message: z.string() }))
		.meta({ description: 'The fields to change (empty when the problem is not about a field)' })
});

export function problem(
	kind: ProblemKind,
	locale: Locale,
	options: { errors?: FieldError[]; detail?: string; headers?: Record<string, string> } = {}
): Response {
	const { status, title, detail } = PROBLEMS[kind];
	const body: z.output<typeof problemOut> = {
		type: problemType(kind),
		title: title(locale),
		status,
		detail: options.detail ?? detail?.(locale) ?? title(locale),
		errors: options.errors ?? []
	};
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/problem+json; charset=utf-8',
			'content-language': locale,
			'cache-control': 'no-store',
			...(status === 401 ? { 'www-authenticate': wwwAuthenticate(kind) } : {}),
			...options.headers
		}
	});
}

function wwwAuthenticate(kind: ProblemKind) {
	return kind === 'bad-token' ? 'Bearer realm="concerto", error="invalid_token"' : 'Bearer realm="concerto"';
}

/** A domain error as a problem document; anything else is a server error, logged. */
export function problemFromError(e: unknown, locale: Locale): Response {
	if (e instanceof ValidationError) return problem('validation', locale, { errors: e.errors });
	if (e instanceof ConflictError) return problem('conflict', locale, { errors: e.errors });
	if (e instanceof UnauthenticatedError) return problem('unauthenticated', locale);
	if (e instanceof ForbiddenError) return problem('forbidden', locale);
	if (e instanceof NotFoundError) return problem('not-found', locale);
	console.error(e);
	return problem('server-error', locale);
}

export function methodNotAllowed(allowed: string[], locale: Locale): Response {
	const list = allowed.join(', ');
	return problem('method-not-allowed', locale, {
		detail: m.api_problem_method_not_allowed_detail({ allowed: list }, { locale }),
		headers: { allow: list }
	});
}
