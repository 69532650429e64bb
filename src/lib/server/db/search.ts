import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/** Case- and accent-insensitive "contains" on any of the columns ("releve" finds "Relèvement"). */
export function matchesText(q: string | undefined, ...columns: AnyColumn[]): SQL | undefined {
	if (!q) return undefined;
	const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const tests = columns.map((c) => sql`concerto_fold(${c}) like concerto_fold(${pattern})`);
	return sql`(${sql.join(tests, sql` or `)})`;
}
