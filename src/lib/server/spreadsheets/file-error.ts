import { ValidationError } from '../errors';

/** Every problem with an uploaded table is about the `file` field of the form or API call. */
export function fileError(message: string): ValidationError {
	return new ValidationError([{ path: 'file', message }]);
}
