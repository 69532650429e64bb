import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError,
	type FieldError
} from './errors';
import { m } from '$lib/paraglide/messages';

export type FormFailure = { errors: FieldError[]; values: Record<string, unknown> };

/** The fields of a posted form as a plain object (repeated names become arrays). */
export async function formValues(request: Request): Promise<Record<string, unknown>> {
	const data = await request.formData();
	const values: Record<string, unknown> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 ? all : all[0];
	}
	return values;
}

/**
 * Runs a form action's domain call and turns domain errors into what a page shows: field
 * messages for bad input (nothing was saved), 403/404 pages, the sign-in page for visitors.
 * Redirects and errors that `run` throws itself pass through.
 */
export async function submit<T>(event: RequestEvent, run: (values: Record<string, unknown>) => Promise<T>) {
	const values = await formValues(event.request);
	try {
		return await run(values);
	} catch (e) {
		const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
		return failure(event, e, safeValues);
	}
}

/**
 * Like `submit`, for a form that sends a file: the body is left for `run` to read within the upload
 * limit (uploads/read-upload.ts), so a file too large is refused before it is read whole.
 */
export async function submitUpload<T>(event: RequestEvent, run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		return failure(event, e, {});
	}
}

function failure(event: RequestEvent, e: unknown, values: Record<string, unknown>) {
	if (e instanceof ValidationError) return fail(400, { errors: e.errors, values } satisfies FormFailure);
	if (e instanceof ConflictError) return fail(409, { errors: e.errors, values } satisfies FormFailure);
	throw pageError(event, e);
}

/** For load functions: a domain error becomes a 403/404 page or the sign-in page. */
export async function load<T>(event: RequestEvent, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		throw pageError(event, e);
	}
}

function pageError(event: RequestEvent, e: unknown) {
	const locale = event.locals.locale;
	try {
		if (e instanceof UnauthenticatedError)
			redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		if (e instanceof ForbiddenError) error(403, m.error_forbidden({}, { locale }));
		if (e instanceof NotFoundError) error(404, m.error_not_found({}, { locale }));
		if (e instanceof ValidationError) error(400, e.message);
		// A state that forbids the write now (a submitted project, a closed plan): say why.
		if (e instanceof ConflictError) error(409, e.errors.map((x) => x.message).join(' '));
	} catch (kitError) {
		return kitError;
	}
	return e;
}
