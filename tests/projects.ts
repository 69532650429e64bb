import type { Database } from '$lib/server/db/client';
import {
	activity,
	clusterObjective,
	indicator,
	plan,
	project,
	projectActivity,
	projectCluster,
	projectLocation,
	projectObjective,
	strategicObjective,
	type ProjectStatus
} from '$lib/server/db/schema';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { seedWorld } from './actors';
import { nextNumber } from '$lib/server/projects/edit';
import { addPlan } from './plans';

/** A cluster's small framework in a plan: one objective, two activities, one indicator each. */
async function addFramework(db: Database, planClusterId: string, strategicId: string, prefix: string) {
	const [objective] = await db
		.insert(clusterObjective)
		.values({
			planClusterId,
			strategicObjectiveId: strategicId,
			number: 1,
			position: 1,
			titleFr: `${prefix} : relancer les moyens d’existence`,
			titleEn: `${prefix}: restore livelihoods`
		})
		.returning();
	const activities = await db
		.insert(activity)
		.values(
			[1, 2].map((n) => ({
				clusterObjectiveId: objective!.id,
				number: n,
				position: n,
				titleFr: `${prefix} activité ${n}`
			}))
		)
		.returning();
	const indicators = await db
		.insert(indicator)
		.values(
			activities.map((a) => ({
				activityId: a.id,
				number: 1,
				position: 1,
				titleFr: `${prefix} personnes appuyées (activité ${a.number})`,
				unit: 'people' as const,
				periodRule: 'sum' as const,
				placeRule: 'sum' as const,
				disaggregation: 'sex-age' as const
			}))
		)
		.returning();
	return { objective: objective!, activities, indicators };
}

/**
 * The world of `seedWorld` with a Mali 2017 plan in which ER and WASH take part, each with a small
 * framework: what a project sheet is filled in against.
 */
export async function seedProjectWorld(
	db: Database,
	options: { passwords?: boolean; planStatus?: 'draft' | 'published' } = {}
) {
	const world = await seedWorld(db, options);
	const {
		plan: p,
		planClusterIds,
		places
	} = await addPlan(db, [world.clusterEr, world.clusterWash], {
		status: options.planStatus
	});
	const [so] = await db
		.insert(strategicObjective)
		.values({ planId: p.id, number: 1, position: 1, titleFr: 'Sauver des vies' })
		.returning();
	const er = await addFramework(db, planClusterIds[world.clusterEr]!, so!.id, 'ER');
	const wash = await addFramework(db, planClusterIds[world.clusterWash]!, so!.id, 'WASH');
	return { ...world, plan: p, planClusterIds, places, frameworks: { er, wash } };
}

export type ProjectWorld = Awaited<ReturnType<typeof seedProjectWorld>>;

/**
 * A project straight into the tables (the projects module's own tests create theirs through its
 * operations): of organisation A in ER unless told, in Tombouctou and Gao, serving the first activity.
 */
export async function addProject(
	db: Database,
	world: ProjectWorld,
	values: Partial<typeof project.$inferInsert> & { status?: ProjectStatus } = {}
) {
	const clusterId = values.clusterId ?? world.clusterEr;
	// From the plan cluster's counter, as createProject numbers: files sharing a database never collide.
	const number = values.number ?? (await nextNumber(db, values.planId ?? world.plan.id, clusterId));
	const [row] = await db
		.insert(project)
		.values({
			code: `TEST-${randomUUID().slice(0, 8)}/${number}`,
			planId: world.plan.id,
			clusterId,
			number,
			organisationId: world.orgA,
			titleFr: `Projet ${number}`,
			objectives: 'Relancer les activités économiques',
			description: 'Appui aux ménages vulnérables',
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			genderAgeMarker: '2T',
			budgetLines: [{ category: 'supplies', description: 'Kits', amountUsd: '100000.00' }],
			budgetUsd: '100000.00',
			peopleTargeted: 3000,
			...values
		})
		.returning();
	const id = row!.id;
	await db.insert(projectCluster).values({ projectId: id, clusterId, sharePercent: '100' });
	await db.insert(projectLocation).values([
		{ projectId: id, locationId: world.places['ML06']!, peopleTargeted: 1000 },
		{ projectId: id, locationId: world.places['ML07']!, peopleTargeted: 2000 }
	]);
	const framework = clusterId === world.clusterWash ? world.frameworks.wash : world.frameworks.er;
	await db.insert(projectObjective).values({ projectId: id, clusterObjectiveId: framework.objective.id });
	await db.insert(projectActivity).values({ projectId: id, activityId: framework.activities[0]!.id });
	return row!;
}

/** Sets the plan's status (a published plan shows published projects to visitors). */
export async function setPlanStatus(db: Database, planId: string, status: 'draft' | 'published' | 'closed') {
	await db.update(plan).set({ status }).where(eq(plan.id, planId));
}
