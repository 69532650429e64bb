import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db/client';
import { cluster, project, projectLocation, projectPartner } from '$lib/server/db/schema';
import { addProject, seedProjectWorld, type ProjectWorld } from './projects';

/** Puts a project in these places (P-code → people targeted), its total kept as the sheet keeps it. */
export async function placeProject(
	db: Database,
	world: ProjectWorld,
	id: string,
	places: Record<string, number>
) {
	await db.delete(projectLocation).where(eq(projectLocation.projectId, id));
	const rows = Object.entries(places).map(([pcode, people]) => ({
		projectId: id,
		locationId: world.places[pcode]!,
		peopleTargeted: people
	}));
	if (rows.length) await db.insert(projectLocation).values(rows);
	const total = Object.values(places).reduce((a, b) => a + b, 0);
	await db.update(project).set({ peopleTargeted: total }).where(eq(project.id, id));
}

/**
 * The project world with five projects of the Mali 2017 plan, for the list, its sums, the 3W view
 * and the exports:
 * - a: A's draft in ER, in Tombouctou (1,000 people), title with markup and accents;
 * - b: A's published ER project, in Tombouctou (3,000) — two projects of ER in ML06;
 * - c: B's draft in ER, in Kidal (ML08);
 * - d: B's published WASH project with A as implementing partner, in the cercle ML0601 (500);
 * - e: B's submitted ER project, in Tombouctou and Gao.
 */
export async function seedProjectList(db: Database, options: { planStatus?: 'draft' | 'published' } = {}) {
	const world = await seedProjectWorld(db, options);
	const codes = await db.select({ id: cluster.id, code: cluster.code }).from(cluster);
	const codeOf = (id: string) => codes.find((c) => c.id === id)!.code;
	// Codes in the order of the letters, under this call's own prefix: two lists may share a database.
	const batch = randomUUID().slice(0, 8);
	let n = 0;
	const code = () => `TEST-${batch}/${String(++n).padStart(4, '0')}`;
	const a = await addProject(db, world, {
		code: code(),
		titleFr: 'Relèvement des <b>moyens</b> d’existence & "AGR"',
		titleEn: 'Livelihoods <recovery>',
		budgetUsd: '100000.10',
		status: 'draft'
	});
	await placeProject(db, world, a.id, { ML06: 1000 });
	const b = await addProject(db, world, {
		code: code(),
		titleFr: 'Cash for work à Tombouctou',
		budgetUsd: '250000.20',
		status: 'published'
	});
	await placeProject(db, world, b.id, { ML06: 3000 });
	const c = await addProject(db, world, {
		code: code(),
		organisationId: world.orgB,
		titleFr: 'Brouillon de B',
		status: 'draft'
	});
	await placeProject(db, world, c.id, { ML08: 700 });
	const d = await addProject(db, world, {
		code: code(),
		organisationId: world.orgB,
		clusterId: world.clusterWash,
		titleFr: 'Points d’eau',
		budgetUsd: '50000.00',
		status: 'published'
	});
	await placeProject(db, world, d.id, { ML0601: 500 });
	await db.insert(projectPartner).values({ projectId: d.id, organisationId: world.orgA });
	const e = await addProject(db, world, {
		code: code(),
		organisationId: world.orgB,
		titleFr: 'Soumis par B',
		status: 'submitted'
	});
	return {
		...world,
		erCode: codeOf(world.clusterEr),
		washCode: codeOf(world.clusterWash),
		projects: { a, b, c, d, e }
	};
}

export type ProjectListWorld = Awaited<ReturnType<typeof seedProjectList>>;
