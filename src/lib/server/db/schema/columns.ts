import { sql } from 'drizzle-orm';
import { check, timestamp } from 'drizzle-orm/pg-core';

export const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A check that a text column holds one of the values (the kinds, states and statuses of a table). */
export const oneOf = (name: string, column: string, values: readonly string[]) =>
	check(name, sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`));
