/**
 * The places needs are counted in: the regions (admin1) and cercles (admin2) of the plan's country.
 * Retired places stay in the list, so that an old revision still names them, but a new save refuses
 * them.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { location } from '../../db/schema';

export interface NeedPlace {
	id: string;
	pcode: string;
	name: string;
	level: 1 | 2;
	/** The admin1 of an admin2; an admin1's own P-code. */
	regionPcode: string;
	retired: boolean;
}

export type PlaceIndex = Map<string, NeedPlace>;

export async function placesOfCountry(db: Executor, countryId: string): Promise<PlaceIndex> {
	const region = alias(location, 'region');
	const rows = await db
		.select({
			id: location.id,
			pcode: location.pcode,
			name: location.name,
			level: location.level,
			regionPcode: sql<string>`coalesce(${region.pcode}, ${location.pcode})`,
			retiredAt: location.retiredAt
		})
		.from(location)
		.leftJoin(region, and(eq(region.id, location.parentId), eq(region.level, 1)))
		.where(
			or(
				and(eq(location.level, 1), eq(location.parentId, countryId)),
				and(eq(location.level, 2), eq(region.parentId, countryId))
			)
		);
	const index: PlaceIndex = new Map();
	for (const r of rows)
		index.set(r.pcode, {
			id: r.id,
			pcode: r.pcode,
			name: r.name,
			level: r.level as 1 | 2,
			regionPcode: r.regionPcode,
			retired: r.retiredAt !== null
		});
	return index;
}

/** Why a P-code is not a place of the plan: unknown, in another country, or at another level. */
export type PlaceRefusal = 'unknown' | 'other-country' | 'level';

/** For P-codes that are not in the plan's index, what they are instead. */
export async function explainPlaces(
	db: Executor,
	countryId: string,
	pcodes: string[]
): Promise<Map<string, PlaceRefusal>> {
	const [country] = await db
		.select({ pcode: location.pcode })
		.from(location)
		.where(eq(location.id, countryId));
	const countryPcode = country?.pcode ?? '';
	const found = new Map<string, PlaceRefusal>();
	for (let start = 0; start < pcodes.length; start += 1000) {
		const rows = await db
			.select({ pcode: location.pcode, level: location.level })
			.from(location)
			.where(inArray(location.pcode, pcodes.slice(start, start + 1000)));
		for (const r of rows) found.set(r.pcode, r.pcode.startsWith(countryPcode) ? 'level' : 'other-country');
	}
	return new Map(pcodes.map((p) => [p, found.get(p) ?? 'unknown']));
}

/** Admin1 before its admin2, by P-code: the order of the grid and of exports. */
export function comparePlaces(a: NeedPlace, b: NeedPlace): number {
	return a.regionPcode.localeCompare(b.regionPcode) || a.level - b.level || a.pcode.localeCompare(b.pcode);
}
