import { ValidationError, type FieldError } from '$lib/server/errors';

/**
 * A read with the filters from the address. Filters the domain refuses are reported and the read
 * runs again without them: the page shows its messages above what it would show unfiltered.
 */
export async function readFiltered<Q, T>(
	read: (query: Q) => Promise<T>,
	filtered: Q,
	unfiltered: Q
): Promise<{ result: T; errors: FieldError[] }> {
	try {
		return { result: await read(filtered), errors: [] };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { result: await read(unfiltered), errors: e.errors };
	}
}
