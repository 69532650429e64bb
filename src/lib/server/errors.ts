/** Errors that domain operations throw; routes turn them into pages or problem documents. */
import type { FieldError } from '$lib/field-error';

export type { FieldError };

export class ValidationError extends Error {
	constructor(readonly errors: FieldError[]) {
		super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
	}
}

/** The user is known but may not do this. */
export class ForbiddenError extends Error {
	constructor(message = 'forbidden') {
		super(message);
	}
}

/** The record does not exist, or the user may not know that it does. */
export class NotFoundError extends Error {
	constructor(message = 'not found') {
		super(message);
	}
}

/** The request conflicts with what is stored (a duplicate code, a record still in use). */
export class ConflictError extends Error {
	constructor(readonly errors: FieldError[]) {
		super(errors.map((e) => e.message).join('; '));
	}
}

/** No credentials: the visitor must sign in. */
export class UnauthenticatedError extends Error {
	constructor() {
		super('authentication required');
	}
}
