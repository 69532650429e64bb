import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Ctx } from '../context';
import { location } from '../db/schema';
import { matchesText } from '../db/search';
import { parseInput } from '../validation';
import { NotFoundError } from '../errors';
import { locationListQuery, placeChildrenQuery } from './schema';
import { normalisePcode } from './pcode';
import { countUses } from './place-usage';
import { isId } from '../directory/schema';

export { locationListQuery };

// Places are public: visitors read published plans and dashboards that name them. No operation
// here asks who the caller is.

const parent = alias(location, 'parent');

/** How many places sit directly under a place: one index lookup per row of a page. */
const childCount = sql<number>`(select count(*)::int from ${location} as "child" where "child"."parent_id" = ${location.id})`;

const listed = {
	id: location.id,
	pcode: location.pcode,
	name: location.name,
	level: location.level,
	parentPcode: parent.pcode,
	parentName: parent.name,
	retiredAt: location.retiredAt,
	children: childCount
};

export type ListedLocation = {
	id: string;
	pcode: string;
	name: string;
	level: number;
	parentPcode: string | null;
	parentName: string | null;
	retiredAt: Date | null;
	children: number;
};

/**
 * The tree one level at a time (`parent`: a P-code, or '' for the top) or a search by name or
 * P-code, accents and case aside. Search results come broadest first (regions before cercles).
 */
export async function listLocations(
	ctx: Ctx,
	query: z.input<typeof locationListQuery>
): Promise<{ items: ListedLocation[]; total: number }> {
	const {
		q,
		level,
		parent: parentPcode,
		retired,
		limit,
		offset
	} = parseInput(locationListQuery, query, ctx.locale);
	const where = and(
		matchesText(q, location.name, location.pcode),
		level === undefined ? undefined : eq(location.level, level),
		parentPcode === undefined
			? undefined
			: parentPcode === ''
				? isNull(location.parentId)
				: eq(parent.pcode, normalisePcode(parentPcode)),
		retired === false ? isNull(location.retiredAt) : undefined
	);
	const order: SQL[] = q ? [asc(location.level), asc(location.pcode)] : [asc(location.pcode)];
	const [items, [total]] = await Promise.all([
		ctx.db
			.select(listed)
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId))
			.where(where)
			.orderBy(...order)
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
	const result = await ctx.db.execute(sql`
		with recursive up(id, pcode, name, level, parent_id, depth) as (
			select id, pcode, name, level, parent_id, 0 from location where pcode = ${normalisePcode(pcode)}
			union all
			select l.id, l.pcode, l.name, l.level, l.parent_id, up.depth + 1
			from location l join up on l.id = up.parent_id
			-- Administrative trees are a handful of levels deep; the bound guards against a loop.
			where up.depth < 10
		)
		select id, pcode, name, level from up order by depth desc`);
	const trail = (result as unknown as { rows: PlaceInTrail[] }).rows;
	if (trail.length === 0) throw new NotFoundError();
	return trail.map((p) => ({ ...p, level: Number(p.level) }));
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

/**
 * One place, by P-code (or by id): what it is, the places above it, a page of the places under it (with
 * their own counts), how many records use it, and its outline simplified for display.
 */
export async function getPlace(ctx: Ctx, key: string, query: z.input<typeof placeChildrenQuery> = {}) {
	const { limit, offset } = parseInput(placeChildrenQuery, query, ctx.locale);
	const trail = await getLocationTrail(ctx, isId(key) ? await pcodeOf(ctx, key) : key);
	const here = trail.at(-1)!;
	const [[row], children, [total], uses] = await Promise.all([
		ctx.db
			.select({
				validFrom: location.validFrom,
				retiredAt: location.retiredAt,
				outline: location.displayGeometry,
				createdAt: location.createdAt,
				updatedAt: location.updatedAt
			})
			.from(location)
			.where(eq(location.id, here.id)),
		ctx.db
			.select(listed)
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId))
			.where(eq(location.parentId, here.id))
			.orderBy(asc(location.pcode))
			.limit(limit)
			.offset(offset),
		ctx.db.select({ n: count() }).from(location).where(eq(location.parentId, here.id)),
		countUses(ctx.db, [here.id])
	]);
	const above = trail.at(-2);
	return {
		...here,
		...row!,
		parentPcode: above?.pcode ?? null,
		parentName: above?.name ?? null,
		trail: trail.slice(0, -1),
		children: { items: children, total: total?.n ?? 0, limit, offset },
		uses: uses.get(here.id) ?? 0
	};
}

async function pcodeOf(ctx: Ctx, id: string): Promise<string> {
	const [row] = await ctx.db.select({ pcode: location.pcode }).from(location).where(eq(location.id, id));
	if (!row) throw new NotFoundError();
	return row.pcode;
}

export type Place = Awaited<ReturnType<typeof getPlace>>;
