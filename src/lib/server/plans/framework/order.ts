/** Reordering items among their siblings: positions change, numbers (and so codes) never do. */
import { and, asc, eq, gt, lt, desc } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { writePlan } from '../changes';
import { moveInput, reorderInput } from '../schema';
import type { Level } from './codes';
import { item } from './items';
import { authorizeItem, locate, siblingsOf, TABLES } from './levels';

/** Moves an item one place up or down among its siblings. */
export async function moveItem(ctx: Ctx, level: Level, id: string, input: unknown) {
	const found = await locate(ctx.db, level, id);
	await authorizeItem(ctx, found);
	const { direction, revision } = parseInput(moveInput, input, ctx.locale);
	const table = TABLES[level];
	const guard = revision === undefined ? null : { revision, entityIds: [id] };
	return writePlan(ctx, found.planId, guard, async (tx, log) => {
		const current = await locate(tx, level, id);
		const up = direction === 'up';
		const [neighbour] = (await tx
			.select()
			.from(table)
			.where(
				and(
					siblingsOf(level, current.row),
					up ? lt(table.position, current.row.position) : gt(table.position, current.row.position)
				)
			)
			.orderBy(up ? desc(table.position) : asc(table.position))
			.limit(1)) as { id: string; position: number; titleFr: string }[];
		if (!neighbour) return false;
		await tx.update(table).set({ position: neighbour.position }).where(eq(table.id, id));
		await tx.update(table).set({ position: current.row.position }).where(eq(table.id, neighbour.id));
		log.updated(
			item(level, id, current.code, current.row.titleFr, current.clusterId),
			{ position: current.row.position },
			{ position: neighbour.position }
		);
		return true;
	});
}

/** Puts siblings in the given order: `ids` must be exactly the siblings of the first. */
export async function reorderItems(ctx: Ctx, level: Level, input: unknown) {
	const { ids, revision } = parseInput(reorderInput, input, ctx.locale);
	const found = await locate(ctx.db, level, ids[0]!);
	await authorizeItem(ctx, found);
	const table = TABLES[level];
	const guard = revision === undefined ? null : { revision, clusterId: found.clusterId };
	return writePlan(ctx, found.planId, guard, async (tx, log) => {
		const current = await locate(tx, level, ids[0]!);
		const siblings = (await tx.select().from(table).where(siblingsOf(level, current.row))) as {
			id: string;
			position: number;
		}[];
		const same = siblings.length === ids.length && siblings.every((s) => ids.includes(s.id));
		if (!same)
			throw new ValidationError([
				{ path: 'ids', message: m.framework_error_reorder({}, { locale: ctx.locale }) }
			]);
		const before = new Map(siblings.map((s) => [s.id, s.position]));
		for (const [index, siblingId] of ids.entries()) {
			if (before.get(siblingId) === index + 1) continue;
			const sibling = await locate(tx, level, siblingId);
			await tx
				.update(table)
				.set({ position: index + 1 })
				.where(eq(table.id, siblingId));
			log.updated(
				item(level, siblingId, sibling.code, sibling.row.titleFr, sibling.clusterId),
				{ position: before.get(siblingId) },
				{ position: index + 1 }
			);
		}
		return ids;
	});
}
