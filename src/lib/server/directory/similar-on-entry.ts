import { fail } from '@sveltejs/kit';
import type { Ctx } from '../context';
import { findSimilar, type SimilarRecord } from './duplicates';

/** The form's box "it is none of these, save it": present once the user has seen the warning. */
export const NOT_A_DUPLICATE = 'notDuplicate';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Before a new organisation or person is saved from a form: the records it may repeat. Empty when the
 * user already confirmed, or when the name is too short to compare (validation speaks then).
 */
export async function similarOnEntry(
	ctx: Ctx,
	kind: 'organisation' | 'person',
	values: Record<string, unknown>
): Promise<SimilarRecord[]> {
	if (values[NOT_A_DUPLICATE] === 'yes' || text(values.name).length < 2) return [];
	const candidate =
		kind === 'organisation'
			? {
					kind,
					name: text(values.name),
					acronym: text(values.acronym) || null,
					emailDomains: text(values.emailDomains)
						.toLowerCase()
						.split(/[\s,;]+/)
						.filter(Boolean)
				}
			: { kind, name: text(values.name), email: text(values.email).toLowerCase() || null };
	return findSimilar(ctx, candidate, null, 5);
}

/** The form again, with the look-alikes listed and nothing saved. */
export function similarFailure(similar: SimilarRecord[], values: Record<string, unknown>) {
	return fail(409, { similar, values, errors: [] });
}
