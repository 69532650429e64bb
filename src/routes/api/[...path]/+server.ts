import type { RequestHandler } from './$types';
import { handleApiRequest } from '$lib/server/api/router';

// One entry for all of /api: the route table in $lib/server/api/routes.ts says what exists, so
// the OpenAPI document, the 404s and the 405s all follow from it.
export const GET: RequestHandler = handleApiRequest;
export const POST: RequestHandler = handleApiRequest;
export const PUT: RequestHandler = handleApiRequest;
export const PATCH: RequestHandler = handleApiRequest;
export const DELETE: RequestHandler = handleApiRequest;
export const fallback: RequestHandler = handleApiRequest;
