/**
 * One API operation, declared once: the route table (`routes.ts`) lists them, the router runs them
 * and the OpenAPI document is generated from the same declarations and the same zod schemas.
 */
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { Locale } from '../i18n';
import type { Download } from '../downloads';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Problems an operation may answer besides 401 (always possible) and 415 (implied by a body). */
export type DeclaredProblem = 'validation' | 'forbidden' | 'not-found' | 'conflict';

export type Tag =
	| 'organisations'
	| 'people'
	| 'clusters'
	| 'memberships'
	| 'locations'
	| 'imports'
	| 'plans'
	| 'framework'
	| 'meetings'
	| 'calendar'
	| 'projects'
	| 'account'
	| 'meta';

export interface ApiRequest<Q> {
	ctx: Ctx;
	locale: Locale;
	/** The `{id}` of the path, a UUID. */
	id: string;
	/** The query string as the domain's list schema takes it (the domain parses it). */
	query: Q;
	/** The parsed JSON body, not yet validated: the domain validates it. */
	body: unknown;
	/** The request itself, for an operation that takes a file (`upload`): its body is left unread. */
	request: Request;
	/** The address users reach Concerto at, for links in the mail an operation sends. */
	publicUrl: string;
}

export interface Operation<Q extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType> {
	method: HttpMethod;
	/** Under /api/v1, with `{id}` for a record's UUID. */
	path: string;
	operationId: string;
	tag: Tag;
	summary: (locale: Locale) => string;
	/** For the document only: the domain decides who may call. */
	public?: boolean;
	query?: Q;
	/** The schema the domain validates the body with. */
	body?: z.ZodType;
	/**
	 * Media types of a file sent as the raw body (an import): the router leaves the body unread for
	 * the domain, which reads it within the upload limit.
	 */
	upload?: string[];
	/** Media types of files the operation may answer with (an export): `run` returns a Download. */
	downloads?: string[];
	/** Where a record made by a 201 answer is read, when not at `path`/{its id}. */
	location?: (id: string) => string;
	/** 200 with `response`, 201 with `response` and a Location header, or 204 without a body. */
	status: 200 | 201 | 204;
	response?: R;
	problems: DeclaredProblem[];
	run(request: ApiRequest<z.input<Q>>): Promise<z.output<R> | Download>;
}

/** Keeps each operation's schemas and handler types tied together. */
export function operation<Q extends z.ZodObject, R extends z.ZodType>(op: Operation<Q, R>): Operation<Q, R> {
	return op;
}
