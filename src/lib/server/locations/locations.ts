import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Ctx } from '../context';
import { location } from '../db/schema';
import { matchesText } from '../db/search';
import { parseInput } from '../validation';
import { NotFoundError } from '../errors';
import { listQuery } from '../directory/schema';

const parent = alias(location, 'parent');

export const locationListQuery = listQuery.extend({
	level: z.coerce.number().int().min(0).max(4).optional(),
	parent: z.string().trim().max(20).optional()
});

/** Places are public: visitors read published plans that name them. */
export async function listLocations(ctx: Ctx, query: z.input<typeof locationListQuery>) {
	const { q, level, parent: parentPcode, limit, offset } = parseInput(locationListQuery, query, ctx.locale);
	const where = and(
		matchesText(q, location.name, location.pcode),
		level === undefined ? undefined : eq(location.level, level),
		parentPcode === undefined
			? undefined
			: parentPcode === ''
				? isNull(location.parentId)
				: eq(parent.pcode, parentPcode)
	);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({
				id: location.id,
				pcode: location.pcode,
				name: location.name,
				level: location.level,
				parentPcode: parent.pcode
			})
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId))
			.where(where)
			.orderBy(asc(location.pcode))
			.limit(limit)
			.offset(offset),
		ctx.db
			.select({ n: count() })
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId))
			.where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

export interface PlaceInTrail {
	id: string;
	pcode: string;
	name: string;
	level: number;
}

/** A place by P-code with the places above it, country first (the place itself last). */
export async function getLocationTrail(ctx: Ctx, pcode: string): Promise<PlaceInTrail[]> {
	const trail: PlaceInTrail[] = [];
	const columns = { id: location.id, pcode: location.pcode, name: location.name, level: location.level };
	let [row] = await ctx.db
		.select({ ...columns, parentId: location.parentId })
		.from(location)
		.where(eq(location.pcode, pcode.trim().toUpperCase()));
	if (!row) throw new NotFoundError();
	// Administrative trees are a handful of levels deep; the bound guards against a loop in bad data.
	for (let depth = 0; row && depth < 8; depth++) {
		const { parentId, ...place } = row;
		trail.unshift(place);
		if (!parentId) break;
		[row] = await ctx.db
			.select({ ...columns, parentId: location.parentId })
			.from(location)
			.where(eq(location.id, parentId));
	}
	return trail;
}

/** How many places sit directly under each of these (one query, for a list page). */
export async function countChildren(ctx: Ctx, ids: string[]): Promise<Map<string, number>> {
	if (ids.length === 0) return new Map();
	const rows = await ctx.db
		.select({ id: location.parentId, n: count() })
		.from(location)
		.where(inArray(location.parentId, ids))
		.groupBy(location.parentId);
	return new Map(rows.map((r) => [r.id!, r.n]));
}
