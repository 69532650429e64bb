import { isActionFailure, type ActionFailure } from '@sveltejs/kit';
import type { FormFailure } from '$lib/server/forms';

/** The failure `submit` answered (bad input, conflict), to show again with more, or null. */
export function formFailure(result: unknown): ActionFailure<FormFailure> | null {
	return isActionFailure(result) ? (result as unknown as ActionFailure<FormFailure>) : null;
}
