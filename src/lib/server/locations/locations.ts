import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Ctx } from '../context';
import { location } from '../db/schema';
import { matchesText } from '../db/search';
import { parseInput } from '../validation';
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
		parentPcode === undefined ? undefined : parentPcode === '' ? isNull(location.parentId) : eq(parent.pcode, parentPcode)
	);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({ id: location.id, pcode: location.pcode, name: location.name, level: location.level, parentPcode: parent.pcode })
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId))
			.where(where)
			.orderBy(asc(location.pcode))
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(location).leftJoin(parent, eq(parent.id, location.parentId)).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}
