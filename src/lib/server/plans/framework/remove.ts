/**
 * Deleting a framework item. An item still used — by items under it, by items that also serve it,
 * or by any record of another module whose foreign key forbids the delete (projects, reports) — is
 * kept, and the user is told what uses it.
 */
import { eq, getTableName, inArray } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator
} from '../../db/schema';
import { ConflictError, type FieldError } from '../../errors';
import { linksTo } from '../../directory/record-links';
import { m } from '$lib/paraglide/messages';
import { writePlan } from '../changes';
import { levelLabel } from '$lib/plan-labels';
import type { Locale } from '../../i18n';
import type { Level } from './codes';
import { item } from './items';
import { authorizeItem, locate, TABLES } from './levels';

/** Within the framework, what uses an item is named by its code. */
const NAMED_USERS: { table: PgTable; column: PgColumn; level: Level; owner: PgColumn }[] = [
	{
		table: clusterObjective,
		column: clusterObjective.strategicObjectiveId,
		level: 'cluster-objective',
		owner: clusterObjective.id
	},
	{
		table: clusterObjectiveLink,
		column: clusterObjectiveLink.strategicObjectiveId,
		level: 'cluster-objective',
		owner: clusterObjectiveLink.clusterObjectiveId
	},
	{ table: activity, column: activity.clusterObjectiveId, level: 'activity', owner: activity.id },
	{
		table: activityObjective,
		column: activityObjective.clusterObjectiveId,
		level: 'activity',
		owner: activityObjective.activityId
	},
	{ table: indicator, column: indicator.activityId, level: 'indicator', owner: indicator.id }
];

export async function deleteItem(ctx: Ctx, level: Level, id: string, revision?: number) {
	const found = await locate(ctx.db, level, id);
	await authorizeItem(ctx, found);
	const guard = revision === undefined ? null : { revision, entityIds: [id] };
	return writePlan(ctx, found.planId, guard, async (tx, log) => {
		const uses = await usesOf(tx, level, id, ctx.locale);
		if (uses.length)
			throw new ConflictError([
				{ path: '', message: m.framework_error_in_use({ code: found.code }, { locale: ctx.locale }) },
				...uses
			]);
		const table = TABLES[level];
		await tx.delete(table).where(eq(table.id, id));
		log.deleted(item(level, id, found.code, found.row.titleFr, found.clusterId), {
			titleFr: found.row.titleFr,
			titleEn: found.row.titleEn,
			code: found.code
		});
		return found;
	});
}

/** What forbids deleting the item, one line per kind of user. */
export async function usesOf(tx: Executor, level: Level, id: string, locale: Locale): Promise<FieldError[]> {
	const target = TABLES[level];
	const uses: FieldError[] = [];
	for (const link of linksTo(target)) {
		const onDelete = getTableConfig(link.table).foreignKeys.find(
			(fk) => fk.reference().columns[0] === link.column
		)?.onDelete;
		if (onDelete === 'cascade' || onDelete === 'set null') continue;
		const named = NAMED_USERS.find((n) => n.column === link.column);
		if (named) {
			const rows = (await tx.select({ id: named.owner }).from(named.table).where(eq(link.column, id))) as {
				id: string;
			}[];
			if (rows.length === 0) continue;
			const codes = await Promise.all(rows.map(async (r) => (await locate(tx, named.level, r.id)).code));
			uses.push({
				path: named.level,
				message: usedBy(levelLabel(named.level, locale), [...new Set(codes)].sort(), locale)
			});
		} else {
			const rows = await tx
				.select({ n: link.column })
				.from(link.table)
				.where(inArray(link.column, [id]));
			if (rows.length)
				uses.push({
					path: getTableName(link.table),
					message: usedBy(getTableName(link.table), [String(rows.length)], locale)
				});
		}
	}
	return uses;
}

const usedBy = (what: string, list: string[], locale: Locale) =>
	m.framework_used_by({ what, list: list.join(', ') }, { locale });
