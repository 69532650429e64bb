import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { actionItem, cluster } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import { listActions, setActionStatus } from './actions';

describe(`action tracker [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		const add = async (key: string, values: Partial<typeof actionItem.$inferInsert>) => {
			const [row] = await t.db
				.insert(actionItem)
				.values({ clusterId: world.clusterEr, description: key, ...values })
				.returning();
			ids[key] = row!.id;
		};
		await add('Réviser les chiffres', { dueOn: '2016-10-25', responsibleText: 'Coordinateur CRP' });
		await add('Soumettre les projets', { dueOn: '2999-10-31', responsibleOrganisationId: world.orgA });
		await add('Former les partenaires', {
			dueOn: '2016-10-21',
			status: 'done',
			responsibleOrganisationId: world.orgB
		});
		await add('Sans échéance', { responsibleOrganisationId: world.orgA });
		await t.db.insert(actionItem).values({ clusterId: world.clusterWash, description: 'Autre cluster' });
	});

	it('lists a cluster’s actions by due date, the overdue ones flagged, and filters them', async () => {
		const ctx = await world.as('observer');
		const all = await listActions(ctx, { cluster: code });
		expect(all.items.map((a) => [a.description, a.overdue])).toEqual([
			['Former les partenaires', false],
			['Réviser les chiffres', true],
			['Soumettre les projets', false],
			['Sans échéance', false]
		]);
		const overdue = await listActions(ctx, { cluster: code, overdue: '1' });
		expect(overdue.items.map((a) => a.description)).toEqual(['Réviser les chiffres']);
		const ours = await listActions(await world.as('focalPointA'), { organisation: world.orgA });
		expect(ours.items.map((a) => [a.description, a.canChangeStatus])).toEqual([
			['Soumettre les projets', true],
			['Sans échéance', true]
		]);
		expect((await listActions(ctx, { q: 'reviser' })).items.map((a) => a.description)).toEqual([
			'Réviser les chiffres'
		]);
		await expect(listActions(ctx, { status: 'finished' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('lets a partner mark done what their organisation owes, never another organisation’s', async () => {
		const partner = await world.as('focalPointA');
		const before = await auditCount(t.db);
		await setActionStatus(partner, ids['Soumettre les projets']!, { status: 'done' });
		expect(await auditCount(t.db)).toBe(before + 1);
		await expect(
			setActionStatus(partner, ids['Former les partenaires']!, { status: 'open' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			setActionStatus(partner, ids['Réviser les chiffres']!, { status: 'done' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await setActionStatus(await world.as('coordinator'), ids['Réviser les chiffres']!, {
			status: 'cancelled'
		});
		const statuses = await t.db.select({ d: actionItem.description, s: actionItem.status }).from(actionItem);
		expect(Object.fromEntries(statuses.map((r) => [r.d, r.s]))).toMatchObject({
			'Soumettre les projets': 'done',
			'Former les partenaires': 'done',
			'Réviser les chiffres': 'cancelled'
		});
		expect(await auditCount(t.db)).toBe(before + 2);
	});
});
