import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

/** What a backup needs to know of one table of our schema. */
export interface TableInfo {
	name: string;
	columns: string[];
	/** Columns whose values go through text so that no digit is lost in JSON (bigint, numeric). */
	exactColumns: Set<string>;
	/**
	 * json and jsonb columns, written as their text: a JSON `null` stored in a column and an SQL NULL
	 * would otherwise look the same, and big numbers inside stay exact.
	 */
	jsonColumns: Map<string, 'json' | 'jsonb'>;
	/** Columns fed by a sequence (serial, bigserial): the sequence is moved past the restored rows. */
	serialColumns: string[];
	primaryKey: string[];
	/** Tables this one references (itself excluded). */
	dependsOn: Set<string>;
	/** Foreign keys from this table to itself: rows are restored parents first. */
	selfReferences: { column: string; foreignColumn: string }[];
}

const EXACT = /^(bigint|bigserial|int8|numeric|decimal)\b/;
const JSON_TYPE = /^(json|jsonb)$/;
const SERIAL = /^(smallserial|serial|bigserial)$/;

/**
 * Every table of the Drizzle schema, in an order where each comes after the tables it references
 * (restore inserts in this order and deletes in the reverse).
 */
export function schemaTables(): TableInfo[] {
	const infos = new Map<string, TableInfo>();
	for (const value of Object.values(schema)) {
		if (!is(value, PgTable)) continue;
		const config = getTableConfig(value);
		if (config.schema && config.schema !== 'public')
			throw new Error(`table ${config.schema}.${config.name}: backups cover the public schema only`);
		const info: TableInfo = {
			name: config.name,
			// Generated columns are computed again by the database on restore.
			columns: config.columns.filter((c) => !c.generated).map((c) => c.name),
			exactColumns: new Set(config.columns.filter((c) => EXACT.test(c.getSQLType())).map((c) => c.name)),
			jsonColumns: new Map(
				config.columns
					.filter((c) => JSON_TYPE.test(c.getSQLType()))
					.map((c) => [c.name, c.getSQLType() as 'json' | 'jsonb'])
			),
			serialColumns: config.columns.filter((c) => SERIAL.test(c.getSQLType())).map((c) => c.name),
			primaryKey: [
				...config.columns.filter((c) => c.primary).map((c) => c.name),
				...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))
			],
			dependsOn: new Set(),
			selfReferences: []
		};
		for (const fk of config.foreignKeys) {
			const ref = fk.reference();
			const target = getTableConfig(ref.foreignTable).name;
			if (target !== config.name) info.dependsOn.add(target);
			else if (ref.columns.length === 1)
				info.selfReferences.push({
					column: ref.columns[0]!.name,
					foreignColumn: ref.foreignColumns[0]!.name
				});
			else throw new Error(`table ${config.name}: multi-column self-reference is not supported by backups`);
		}
		infos.set(info.name, info);
	}
	return topologicalOrder(infos);
}

function topologicalOrder(infos: Map<string, TableInfo>): TableInfo[] {
	const ordered: TableInfo[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (name: string, path: string[]) => {
		if (state.get(name) === 'done') return;
		if (state.get(name) === 'visiting')
			throw new Error(
				`foreign keys form a cycle (${[...path, name].join(' → ')}): backups cannot order them`
			);
		state.set(name, 'visiting');
		const info = infos.get(name);
		if (!info) throw new Error(`table ${path.at(-1)} references ${name}, which is not in the schema`);
		for (const dependency of [...info.dependsOn].sort()) visit(dependency, [...path, name]);
		state.set(name, 'done');
		ordered.push(info);
	};
	for (const name of [...infos.keys()].sort()) visit(name, []);
	return ordered;
}

/** Rows of a self-referencing table (a location tree), each after the row it points to. */
export function parentsFirst(info: TableInfo, rows: Record<string, unknown>[]): Record<string, unknown>[] {
	if (info.selfReferences.length === 0) return rows;
	const done = new Set<number>();
	const ordered: Record<string, unknown>[] = [];
	const byKey = info.selfReferences.map(({ foreignColumn }) => {
		const index = new Map<unknown, number>();
		rows.forEach((row, i) => index.set(row[foreignColumn], i));
		return index;
	});
	const visiting = new Set<number>();
	const visit = (i: number) => {
		if (done.has(i)) return;
		if (visiting.has(i)) throw new Error(`table ${info.name}: rows reference each other in a cycle`);
		visiting.add(i);
		info.selfReferences.forEach(({ column }, k) => {
			const value = rows[i]![column];
			const parent = value === null || value === undefined ? undefined : byKey[k]!.get(value);
			if (parent !== undefined && parent !== i) visit(parent);
		});
		visiting.delete(i);
		done.add(i);
		ordered.push(rows[i]!);
	};
	rows.forEach((_, i) => visit(i));
	return ordered;
}
