/**
 * For the needs tests: the world of tests/actors.ts with a Mali 2017 plan for ER and WASH, the
 * coordinator of WASH, an information manager of ER, and places that a save must refuse (Burkina
 * Faso's, a commune below a cercle, a retired region).
 */
import { eq, count } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditEvent, cluster, importUpload, location, needFigure, needRevision } from '../../db/schema';
import type { Ctx } from '../../context';
import { addUser, ctxFor, seedWorld, type Who } from '../../../../../tests/actors';
import { addPlan } from '../../../../../tests/plans';
import type { Locale } from '../../i18n';

export type NeedsWho = Who | 'washCoordinator' | 'informationManager';

export async function needsWorld(db: Database, options: { status?: 'draft' | 'published' | 'closed' } = {}) {
	const world = await seedWorld(db);
	const { plan, places } = await addPlan(db, [world.clusterEr, world.clusterWash], {
		status: options.status
	});
	const code = async (id: string) =>
		(await db.select({ code: cluster.code }).from(cluster).where(eq(cluster.id, id)))[0]!.code;
	const washCoordinator = await addUser(db, {
		email: `wash-${world.clusterWash}@example.org`,
		name: 'Coordination WASH',
		grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
	});
	const informationManager = await addUser(db, {
		email: `im-${world.clusterEr}@example.org`,
		name: 'Gestion de l’information RP',
		grants: [{ role: 'information-manager', clusterId: world.clusterEr }]
	});
	await addOddPlaces(db, places);
	return {
		...world,
		plan,
		places,
		er: await code(world.clusterEr),
		wash: await code(world.clusterWash),
		as: (who: NeedsWho, locale: Locale = 'fr'): Promise<Ctx> =>
			who === 'washCoordinator'
				? ctxFor(db, washCoordinator, locale)
				: who === 'informationManager'
					? ctxFor(db, informationManager, locale)
					: world.as(who, locale)
	};
}

async function addOddPlaces(db: Database, mali: Record<string, string>) {
	const insert = async (
		pcode: string,
		name: string,
		level: number,
		parentId: string | null,
		retired = false
	) => {
		await db
			.insert(location)
			.values({ pcode, name, level, parentId, retiredAt: retired ? new Date() : null })
			.onConflictDoNothing();
		return (await db.select({ id: location.id }).from(location).where(eq(location.pcode, pcode)))[0]!.id;
	};
	const bf = await insert('BF', 'Burkina Faso', 0, null);
	await insert('BF13', 'Sahel', 1, bf);
	await insert('ML060101', 'Tombouctou commune', 3, mali['ML0601']!);
	await insert('ML09', 'Ancienne région', 1, mali['ML']!, true);
}

/** What a refused write must leave as it was. */
export async function needsCounts(db: Database) {
	const n = async (
		table: typeof needRevision | typeof needFigure | typeof auditEvent | typeof importUpload
	) => (await db.select({ n: count() }).from(table))[0]!.n;
	return {
		revisions: await n(needRevision),
		figures: await n(needFigure),
		audit: await n(auditEvent),
		uploads: await n(importUpload)
	};
}

/** A row as the API takes it. */
export function row(
	pcode: string,
	group: string,
	inNeed: Record<string, unknown>,
	targeted: Record<string, unknown> = {}
) {
	return { pcode, group, inNeed, targeted };
}

export const SOURCE = { source: 'OCHA, HNO 2017', sourceDate: '2016-10-25', note: null };
