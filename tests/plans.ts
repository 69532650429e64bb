import { eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db/client';
import { location, plan, planCluster, populationGroup, type PlanStatus } from '$lib/server/db/schema';
import { DEFAULT_SEX_AGE_GROUPS } from '$lib/server/plans/defaults';

/**
 * Mali as a country with the regions and cercles a test needs (inserted once per database), for
 * plans to be about: ML, ML06 Tombouctou (ML0601 Tombouctou), ML07 Gao (ML0701 Gao), ML08 Kidal.
 */
export async function addMali(db: Database): Promise<Record<string, string>> {
	const ids: Record<string, string> = {};
	const places = [
		{ pcode: 'ML', name: 'Mali', level: 0, parent: null },
		{ pcode: 'ML06', name: 'Tombouctou', level: 1, parent: 'ML' },
		{ pcode: 'ML0601', name: 'Tombouctou', level: 2, parent: 'ML06' },
		{ pcode: 'ML07', name: 'Gao', level: 1, parent: 'ML' },
		{ pcode: 'ML0701', name: 'Gao', level: 2, parent: 'ML07' },
		{ pcode: 'ML08', name: 'Kidal', level: 1, parent: 'ML' }
	];
	for (const p of places) {
		const [existing] = await db.select({ id: location.id }).from(location).where(eq(location.pcode, p.pcode));
		if (existing) {
			ids[p.pcode] = existing.id;
			continue;
		}
		const [row] = await db
			.insert(location)
			.values({ pcode: p.pcode, name: p.name, level: p.level, parentId: p.parent ? ids[p.parent] : null })
			.returning({ id: location.id });
		ids[p.pcode] = row!.id;
	}
	return ids;
}

/**
 * A plan for Mali 2017 with the given clusters taking part, straight into the database (the plans
 * module's own tests create theirs through its operations). Each cluster gets three population groups.
 */
export async function addPlan(
	db: Database,
	clusterIds: string[],
	values: { status?: PlanStatus; titleFr?: string; year?: number } = {}
) {
	const places = await addMali(db);
	const [row] = await db
		.insert(plan)
		.values({
			countryId: places['ML']!,
			year: values.year ?? 2017,
			kind: 'hrp',
			titleFr: values.titleFr ?? 'Mali — Plan de réponse humanitaire 2017',
			titleEn: 'Mali — Humanitarian Response Plan 2017',
			startsOn: `${values.year ?? 2017}-01-01`,
			endsOn: `${values.year ?? 2017}-12-31`,
			status: values.status ?? 'draft',
			sexAgeGroups: DEFAULT_SEX_AGE_GROUPS
		})
		.returning();
	const parts: Record<string, string> = {};
	for (const clusterId of clusterIds) {
		const [part] = await db.insert(planCluster).values({ planId: row!.id, clusterId }).returning();
		parts[clusterId] = part!.id;
		await db
			.insert(populationGroup)
			.values([
				{
					clusterId,
					code: 'idp',
					nameFr: 'Personnes déplacées internes',
					nameEn: 'Internally displaced people',
					position: 1
				},
				{ clusterId, code: 'returnees', nameFr: 'Retournés', nameEn: 'Returnees', position: 2 },
				{ clusterId, code: 'host', nameFr: 'Communautés hôtes', nameEn: 'Host communities', position: 3 }
			])
			.onConflictDoNothing();
	}
	return { plan: row!, planClusterIds: parts, places };
}
