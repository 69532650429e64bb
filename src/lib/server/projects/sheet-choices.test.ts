import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { clusterObjective, strategicObjective } from '../db/schema';
import { frameworkChoices } from './sheet-choices';

describe(`the framework a sheet chooses from [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
	});

	it('lists the cluster objectives in the order of their codes, across strategic objectives', async () => {
		// A second strategic objective with its own CO3.1, entered before the ER's CO1.2.
		const [so3] = await t.db
			.insert(strategicObjective)
			.values({ planId: world.plan.id, number: 3, position: 3, titleFr: 'Résilience' })
			.returning();
		const planClusterId = world.planClusterIds[world.clusterEr]!;
		const so1 = world.frameworks.er.objective.strategicObjectiveId;
		await t.db.insert(clusterObjective).values([
			{ planClusterId, strategicObjectiveId: so3!.id, number: 1, position: 1, titleFr: 'Résilience ER' },
			{ planClusterId, strategicObjectiveId: so1, number: 2, position: 2, titleFr: 'Seconde ER' }
		]);
		const choices = await frameworkChoices(t.db, world.plan.id, [world.clusterEr], 'fr');
		expect(choices.map((c) => c.code)).toEqual(['CO1.1', 'CO1.2', 'CO3.1']);
	});
});
