/**
 * What points at a record: every foreign key of the Drizzle schema whose target is that record's
 * table. Merging two records moves all of them, so a module that adds a table pointing at an
 * organisation or a person (meeting attendance, action owners, project contacts) is covered without
 * being listed anywhere — unless its column is part of a unique key, where moving could collide: then
 * merge.ts must say how (and its test fails until it does).
 */
import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

export interface Link {
	table: PgTable;
	column: PgColumn;
	/** `table.column` as in SQL, e.g. `membership.organisation_id`. */
	key: string;
	/** The column belongs to a primary key or a unique index or constraint of its table. */
	inUniqueKey: boolean;
}

export function linksTo(target: PgTable): Link[] {
	const links: Link[] = [];
	for (const value of Object.values(schema)) {
		if (!is(value, PgTable)) continue;
		const config = getTableConfig(value);
		for (const fk of config.foreignKeys) {
			const reference = fk.reference();
			if (reference.foreignTable !== target) continue;
			if (reference.columns.length !== 1)
				throw new Error(`${config.name}: a foreign key of several columns cannot be merged`);
			const column = reference.columns[0]!;
			links.push({
				table: value,
				column,
				key: `${config.name}.${column.name}`,
				inUniqueKey: inUniqueKey(value, column)
			});
		}
	}
	return links.sort((a, b) => a.key.localeCompare(b.key));
}

function inUniqueKey(table: PgTable, column: PgColumn): boolean {
	const config = getTableConfig(table);
	// Index parts are copies of the columns (or SQL holding copies): they match by name.
	const isColumn = (part: unknown) =>
		typeof part === 'object' && part !== null && (part as { name?: unknown }).name === column.name;
	const mentions = (part: unknown) => isColumn(part) || (is(part, SQL) && part.queryChunks.some(isColumn));
	return (
		column.primary ||
		column.isUnique ||
		config.primaryKeys.some((pk) => pk.columns.some(isColumn)) ||
		config.uniqueConstraints.some((u) => u.columns.some(isColumn)) ||
		config.indexes.some((index) => index.config.unique && index.config.columns.some(mentions))
	);
}
