import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import {
	addProject,
	seedProjectWorld,
	setPlanStatus,
	type ProjectWorld
} from '../../../../../tests/projects';
import { addPlan } from '../../../../../tests/plans';
import type { ProjectStatus } from '../../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors';
import { costPerPerson, getCostPerPerson } from './cost-per-person';
import { refused } from './review-fixtures';

describe(`cost per person targeted [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		// A plan of its own, so that no other test's project counts in the median.
		const { plan } = await addPlan(t.db, [world.clusterEr, world.clusterWash], { year: 2018 });
		const add = async (
			key: string,
			status: ProjectStatus,
			budgetUsd: string,
			peopleTargeted: number,
			clusterId = world.clusterEr
		) => {
			const row = await addProject(t.db, world, {
				planId: plan.id,
				clusterId,
				status,
				budgetUsd,
				peopleTargeted
			});
			ids[key] = row.id;
		};
		await add('target', 'under-review', '120000.00', 3000); // 40.00
		await add('submitted', 'submitted', '100000.00', 5000); // 20.00
		await add('approved', 'approved', '90000.00', 3000); // 30.00
		await add('published', 'published', '50000.00', 1000); // 50.00
		await add('draft', 'draft', '10000.00', 10000); // 1.00, not counted
		await add('withdrawn', 'withdrawn', '1000.00', 1); // not counted
		await add('nobody', 'submitted', '5000.00', 0); // no people: not counted
		await add('wash', 'submitted', '10.00', 10, world.clusterWash); // another cluster
		await add('cheap', 'revision-requested', '30001.00', 3000); // 10.0003
	});

	it('divides the budget by the people targeted and compares it with the cluster’s median in the plan', async () => {
		// Peers: 10.0003, 20, 30, 40, 50 → median 30; the target is a third above.
		expect(await costPerPerson(t.db, ids.target!)).toEqual({
			budgetUsd: '120000.00',
			peopleTargeted: 3000,
			costPerPerson: '40.00',
			median: '30.00',
			compared: 5,
			differencePercent: 33
		});
		const cheap = await costPerPerson(t.db, ids.cheap!);
		expect([cheap.costPerPerson, cheap.differencePercent]).toEqual(['10.00', -67]);
		expect((await costPerPerson(t.db, ids.approved!)).differencePercent).toBe(0);
	});

	it('gives no figure for a project that targets nobody, and compares a draft with the others', async () => {
		const nobody = await costPerPerson(t.db, ids.nobody!);
		expect([nobody.costPerPerson, nobody.median, nobody.differencePercent]).toEqual([null, '30.00', null]);
		const draft = await costPerPerson(t.db, ids.draft!);
		expect([draft.costPerPerson, draft.compared, draft.differencePercent]).toEqual(['1.00', 5, -97]);
		const wash = await costPerPerson(t.db, ids.wash!);
		expect([wash.median, wash.compared, wash.differencePercent]).toEqual(['1.00', 1, 0]);
	});

	it('is read by whoever may read the project, and no one else', async () => {
		expect((await getCostPerPerson(await world.as('coordinator'), ids.target!)).median).toBe('30.00');
		expect((await getCostPerPerson(await world.as('focalPointA'), ids.target!)).costPerPerson).toBe('40.00');
		await refused(getCostPerPerson(await world.as('focalPointB'), ids.target!), NotFoundError);
		await refused(getCostPerPerson(await world.as('visitor'), ids.target!), UnauthenticatedError);
		// Published, the project is public; the figure, drawn from unpublished projects, is not.
		await setPlanStatus(t.db, world.plan.id, 'published');
		const open = await addProject(t.db, world, { status: 'published' });
		await refused(getCostPerPerson(await world.as('visitor'), open.id), UnauthenticatedError);
		await refused(getCostPerPerson(await world.as('focalPointB'), open.id), ForbiddenError);
		expect((await getCostPerPerson(await world.as('focalPointA'), open.id)).costPerPerson).toBe('33.33');
	});
});
