/**
 * Reading a posted form's values (from `formValues`: a string, or an array for a repeated name),
 * safe for the pages' components as for the server.
 */
export type FormValues = Record<string, unknown>;

/** A field's text ('' when absent). */
export const text = (v: unknown): string =>
	typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/** A repeated field's values (check boxes), none when absent. */
export const list = (v: unknown): string[] =>
	(Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

/** A stored decimal ("1500.00") as a person types it in their language ("1500", "12,5"). */
export function plainNumber(value: string | number, locale: 'fr' | 'en'): string {
	const plain = String(value)
		.replace(/(\.\d*?)0+$/, '$1')
		.replace(/\.$/, '');
	return locale === 'fr' ? plain.replace('.', ',') : plain;
}

/**
 * A repeated field's values in order, blanks kept: the columns of a table of rows posted as
 * repeated names (a choice's code, French and English labels) stay lined up.
 */
export const columnValues = (v: unknown): string[] =>
	(Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
