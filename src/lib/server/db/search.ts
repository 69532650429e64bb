import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/** `%q%` for LIKE, with the user's own % and _ taken literally. */
function containsPattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case- and accent-insensitive "contains" on any of the columns ("releve" finds "Relèvement"). */
export function matchesText(q: string | undefined, ...columns: AnyColumn[]): SQL | undefined {
	if (!q) return undefined;
	const pattern = containsPattern(q);
	const tests = columns.map((c) => sql`concerto_fold(${c}) like concerto_fold(${pattern})`);
	return sql`(${sql.join(tests, sql` or `)})`;
}

/** The same on a column that already holds folded text (a generated search column). */
export function matchesFoldedText(q: string | undefined, column: AnyColumn): SQL | undefined {
	if (!q) return undefined;
	return sql`${column} like concerto_fold(${containsPattern(q)})`;
}
