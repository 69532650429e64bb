import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';

interface Reference {
	table: string;
	column: string;
}

/**
 * Every column of the database that points at a place (organisations' places today; plans,
 * needs, projects and reports as they come), read from PostgreSQL's own foreign keys so that a
 * new module's table counts without being listed here. The tree's own `parent_id` is left out.
 */
async function referencesToPlaces(db: Executor): Promise<Reference[]> {
	const result = await db.execute(sql`
		select c.conrelid::regclass::text as "table", a.attname as "column"
		from pg_constraint c
		join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
		where c.contype = 'f' and c.confrelid = 'location'::regclass and c.conrelid <> 'location'::regclass
		order by 1, 2`);
	return (result as unknown as { rows: Reference[] }).rows;
}

/** Bound on parameters per statement; imports may retire thousands of places. */
const CHUNK = 1000;

/** How many records use each of these places (places no record uses are left out of the map). */
export async function countUses(db: Executor, ids: string[]): Promise<Map<string, number>> {
	const uses = new Map<string, number>();
	if (ids.length === 0) return uses;
	for (const { table, column } of await referencesToPlaces(db)) {
		for (let start = 0; start < ids.length; start += CHUNK) {
			const chunk = ids.slice(start, start + CHUNK);
			// The table name comes from the catalogue, already quoted as PostgreSQL needs it.
			const result = await db.execute(sql`
				select ${sql.identifier(column)}::text as id, count(*)::int as n
				from ${sql.raw(table)}
				where ${sql.identifier(column)} in (${sql.join(
					chunk.map((id) => sql`${id}::uuid`),
					sql`, `
				)})
				group by 1`);
			for (const row of (result as unknown as { rows: { id: string; n: number }[] }).rows)
				uses.set(row.id, (uses.get(row.id) ?? 0) + row.n);
		}
	}
	return uses;
}
