import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addCluster, addUser, auditCount, ctxFor } from '../../../../../tests/actors';
import { planCluster, populationGroup } from '../../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Ctx } from '../../context';
import { getNeeds } from './get-needs';
import {
	addPopulationGroup,
	listPopulationGroups,
	movePopulationGroup,
	renamePopulationGroup
} from './population-groups';
import { saveNeeds } from './save';
import { needsWorld, row, SOURCE } from './test-world';

describe(`needs: population groups [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: Awaited<ReturnType<typeof needsWorld>>;
	/** A cluster that joins the plan without any population group of its own. */
	let protection: { code: string; id: string; coordinator: Ctx };

	beforeAll(async () => {
		w = await needsWorld(t.db);
		const id = await addCluster(t.db, `PR${w.er.slice(2)}`);
		await t.db.insert(planCluster).values({ planId: w.plan.id, clusterId: id });
		const user = await addUser(t.db, {
			email: `protection-${id}@example.org`,
			name: 'Coordination Protection',
			grants: [{ role: 'coordinator', clusterId: id }]
		});
		protection = { code: `PR${w.er.slice(2)}`, id, coordinator: await ctxFor(t.db, user) };
	});

	const stored = async (clusterId: string) =>
		t.db.select().from(populationGroup).where(eq(populationGroup.clusterId, clusterId));

	it('a cluster without groups reads the defaults, stored by its first save and not before', async () => {
		const audit = await auditCount(t.db);
		const { groups } = await listPopulationGroups(await w.as('focalPointA'), w.plan.id, protection.code);
		expect(groups.map((g) => g.code)).toEqual(['idp', 'returnees', 'host', 'non-displaced']);
		expect(groups.every((g) => g.id === null)).toBe(true);
		expect(await stored(protection.id)).toEqual([]);
		expect(await auditCount(t.db)).toBe(audit);

		await saveNeeds(protection.coordinator, w.plan.id, protection.code, {
			...SOURCE,
			baseRevision: 0,
			rows: [row('ML07', 'non-displaced', { women: 4 })]
		});
		expect((await stored(protection.id)).map((g) => g.code).sort()).toEqual([
			'host',
			'idp',
			'non-displaced',
			'returnees'
		]);
		expect((await getNeeds(protection.coordinator, w.plan.id, protection.code)).figures[0]?.group).toBe(
			'non-displaced'
		);
	});

	it('the coordinator adds a group, which the grid and saves then know', async () => {
		const coordinator = await w.as('coordinator', 'en');
		const added = await addPopulationGroup(coordinator, w.plan.id, w.er, {
			code: ' Refugees ',
			nameFr: 'Réfugiés',
			nameEn: ''
		});
		expect(added).toMatchObject({ code: 'refugees', nameFr: 'Réfugiés', nameEn: 'Réfugiés', position: 4 });
		await expect(
			addPopulationGroup(coordinator, w.plan.id, w.er, { code: 'refugees', nameFr: 'Encore' })
		).rejects.toBeInstanceOf(ConflictError);
		await expect(
			addPopulationGroup(coordinator, w.plan.id, w.er, { code: 'réfugiés !', nameFr: 'X' })
		).rejects.toBeInstanceOf(ValidationError);
		const saved = await saveNeeds(coordinator, w.plan.id, w.er, {
			...SOURCE,
			baseRevision: 0,
			rows: [row('ML06', 'refugees', { men: 3 })]
		});
		expect(saved.number).toBe(1);
	});

	it('renames a group (its code stays) and moves it up the grid', async () => {
		const coordinator = await w.as('informationManager');
		const renamed = await renamePopulationGroup(coordinator, w.plan.id, w.er, 'refugees', {
			nameFr: 'Réfugiés et demandeurs d’asile',
			nameEn: 'Refugees and asylum seekers'
		});
		expect(renamed).toMatchObject({ code: 'refugees', nameEn: 'Refugees and asylum seekers' });
		await movePopulationGroup(coordinator, w.plan.id, w.er, 'refugees', { direction: 'up' });
		await movePopulationGroup(coordinator, w.plan.id, w.er, 'idp', { direction: 'up' });
		const { groups } = await listPopulationGroups(coordinator, w.plan.id, w.er);
		expect(groups.map((g) => g.code)).toEqual(['idp', 'returnees', 'refugees', 'host']);
		await expect(
			movePopulationGroup(coordinator, w.plan.id, w.er, 'nobody', { direction: 'up' })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('partners and other clusters’ coordinators may read but not change the groups', async () => {
		for (const who of ['focalPointA', 'washCoordinator'] as const) {
			const ctx = await w.as(who);
			expect((await listPopulationGroups(ctx, w.plan.id, w.er)).editable).toBe(false);
			await expect(
				addPopulationGroup(ctx, w.plan.id, w.er, { code: 'x', nameFr: 'X' })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				renamePopulationGroup(ctx, w.plan.id, w.er, 'idp', { nameFr: 'X' })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				movePopulationGroup(ctx, w.plan.id, w.er, 'idp', { direction: 'down' })
			).rejects.toBeInstanceOf(ForbiddenError);
		}
	});
});
