import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { addPlan } from '../../../../tests/plans';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { newProjectChoices } from './new-project-choices';

describe(`what the new project page offers [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	let earlier = '';
	let ofB = '';

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		const { plan: old } = await addPlan(t.db, [world.clusterEr], { year: 2016, titleFr: 'Mali — PRH 2016' });
		earlier = (await addProject(t.db, world, { planId: old.id, titleFr: 'Relance 2016' })).id;
		ofB = (await addProject(t.db, world, { planId: old.id, organisationId: world.orgB })).id;
		await addProject(t.db, world, { titleFr: 'Même plan' });
	});

	it('offers a focal point the newest open plan, its clusters, their own organisation and its earlier projects', async () => {
		const choices = await newProjectChoices(await world.as('focalPointA'));
		expect(choices.plan?.id).toBe(world.plan.id);
		expect(choices.clusters.map((c) => c.id).sort()).toEqual([world.clusterEr, world.clusterWash].sort());
		expect(choices.organisations.map((o) => o.id)).toEqual([world.orgA]);
		expect(choices.organisationId).toBe(world.orgA);
		expect(choices.searches).toBe(false);
		// Only projects of earlier plans, of their own organisation.
		expect(choices.carried.map((p) => p.id)).toEqual([earlier]);
		expect(choices.carried[0]!.year).toBe(2016);
	});

	it('lets a coordinator find any organisation, defaulting to their own cluster', async () => {
		const ctx = await world.as('coordinator');
		const choices = await newProjectChoices(ctx, { find: 'Organisation B', organisationId: world.orgB });
		expect(choices.clusterId).toBe(world.clusterEr);
		expect(choices.searches).toBe(true);
		expect(choices.organisations.map((o) => o.id)).toContain(world.orgB);
		expect(choices.organisationId).toBe(world.orgB);
		expect(choices.carried.map((p) => p.id)).toEqual([ofB]);
	});

	it('keeps out those who start no projects, and visitors', async () => {
		await expect(newProjectChoices(await world.as('observer'))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(newProjectChoices(await world.as('visitor'))).rejects.toBeInstanceOf(UnauthenticatedError);
	});
});
