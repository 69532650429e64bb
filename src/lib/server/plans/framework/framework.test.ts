import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addMali } from '../../../../../tests/plans';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../../tests/actors';
import { auditEvent, indicatorTarget } from '../../db/schema';
import type { Ctx } from '../../context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { m } from '$lib/paraglide/messages';
import { createPlan, getPlan, setPlanStatus } from '../plans';
import { compareVersions, listVersions } from '../versions';
import {
	createActivity,
	createClusterObjective,
	createIndicator,
	createStrategicObjective,
	updateActivity,
	updateIndicator,
	updateStrategicObjective
} from './items';
import { getFramework } from './tree';
import { moveItem, reorderItems } from './order';
import { deleteItem } from './remove';
import { getIndicatorTargets, setIndicatorTargets } from './targets';
import { assertInPart } from './levels';

const indicatorFields = {
	unit: 'people',
	periodRule: 'sum',
	placeRule: 'sum',
	disaggregation: 'sex-age'
};

describe(`response framework [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let coordinator: Ctx;
	let places: Record<string, string>;
	let planId: string;
	let code: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		coordinator = await world.as('coordinator');
		places = await addMali(t.db);
		const p = await createPlan(coordinator, {
			countryId: places['ML'],
			year: '2017',
			kind: 'hrp',
			titleFr: 'Mali — HRP 2017',
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			peopleInNeed: '3 700 000',
			requirementsUsd: '293,000,000',
			clusterIds: [world.clusterEr]
		});
		planId = p.id;
		const fw = await getPlan(coordinator, planId);
		code = fw.clusters[0]!.code;
		expect(fw.peopleInNeed).toBe(3_700_000);
		expect(fw.requirementsUsd).toBe('293000000.00');
	});

	async function buildObjective() {
		const so = await createStrategicObjective(coordinator, planId, { titleFr: 'Protéger' });
		const co = await createClusterObjective(coordinator, planId, code, {
			titleFr: "Restaurer l'autorité de l'État",
			strategicObjectiveId: so.id
		});
		return { so, co };
	}

	it('gives codes by level that stay when items are reordered', async () => {
		const { so, co } = await buildObjective();
		const a1 = await createActivity(coordinator, planId, code, {
			titleFr: 'Réhabiliter des mairies',
			clusterObjectiveId: co.id
		});
		const a2 = await createActivity(coordinator, planId, code, {
			titleFr: 'Former des juges',
			clusterObjectiveId: co.id
		});
		const i1 = await createIndicator(coordinator, planId, code, {
			titleFr: 'Mairies réhabilitées',
			activityId: a2.id,
			...indicatorFields,
			unit: 'number'
		});
		expect([so.code, co.code, a1.code, a2.code, i1.code]).toEqual([
			`SO${so.number}`,
			`CO${so.number}.1`,
			`A${so.number}.1.1`,
			`A${so.number}.1.2`,
			`I${so.number}.1.2.1`
		]);

		await moveItem(coordinator, 'activity', a2.id, { direction: 'up' });
		const tree = (await getFramework(coordinator, planId, code)).tree.find((s) => s.id === so.id)!;
		const activities = tree.objectives[0]!.activities;
		expect(activities.map((a) => a.code)).toEqual([`A${so.number}.1.2`, `A${so.number}.1.1`]);
		expect(activities[0]!.indicators[0]!.code).toBe(i1.code);

		await reorderItems(coordinator, 'activity', { ids: [a1.id, a2.id] });
		const again = (await getFramework(coordinator, planId, code)).tree.find((s) => s.id === so.id)!;
		expect(again.objectives[0]!.activities.map((a) => a.code)).toEqual([a1.code, a2.code]);
		await expect(reorderItems(coordinator, 'activity', { ids: [a1.id] })).rejects.toBeInstanceOf(
			ValidationError
		);
	});

	it('lets an activity serve several objectives, and refuses one under an objective of another plan part', async () => {
		const { co } = await buildObjective();
		const { co: other } = await buildObjective();
		const a = await createActivity(coordinator, planId, code, {
			titleFr: 'Emplois pour les jeunes',
			clusterObjectiveId: co.id,
			alsoServes: [other.id]
		});
		const tree = (await getFramework(coordinator, planId, code)).tree;
		const node = tree
			.flatMap((s) => s.objectives)
			.flatMap((o) => o.activities)
			.find((x) => x.id === a.id)!;
		expect(node.alsoServes.map((x) => x.code)).toEqual([other.code]);

		const before = await auditCount(t.db);
		const missing = createActivity(coordinator, planId, code, {
			titleFr: 'Orpheline',
			clusterObjectiveId: '00000000-0000-4000-8000-000000000000'
		});
		await expect(missing).rejects.toSatisfy(
			(e) =>
				e instanceof ValidationError &&
				e.errors[0]!.message === m.framework_error_parent({}, { locale: 'fr' })
		);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('refuses to delete an objective still used, naming what uses it', async () => {
		const { so, co } = await buildObjective();
		const a = await createActivity(coordinator, planId, code, {
			titleFr: 'Cohésion sociale',
			clusterObjectiveId: co.id
		});
		const error = await deleteItem(coordinator, 'cluster-objective', co.id).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors.map((e) => e.message).join(' ')).toContain(a.code);
		const soError = await deleteItem(coordinator, 'strategic-objective', so.id).catch((e: unknown) => e);
		expect((soError as ConflictError).errors.map((e) => e.message).join(' ')).toContain(co.code);

		await deleteItem(coordinator, 'activity', a.id);
		await deleteItem(coordinator, 'cluster-objective', co.id);
		const tree = (await getFramework(coordinator, planId, code)).tree;
		expect(tree.flatMap((s) => s.objectives).some((o) => o.id === co.id)).toBe(false);
		// The deleted objective's code is never given again: reports and versions still name it.
		const next = await createClusterObjective(coordinator, planId, code, {
			titleFr: 'Un autre objectif',
			strategicObjectiveId: so.id
		});
		expect(next.code).toBe(`CO${so.number}.2`);
		expect(co.code).toBe(`CO${so.number}.1`);
	});

	it('rolls targets per place up by the place rule and shows a mismatch with the typed total', async () => {
		const { co } = await buildObjective();
		const a = await createActivity(coordinator, planId, code, {
			titleFr: 'Activités génératrices de revenus',
			clusterObjectiveId: co.id
		});
		const ind = await createIndicator(coordinator, planId, code, {
			titleFr: 'Jeunes et femmes employés',
			activityId: a.id,
			...indicatorFields,
			target: '1 000'
		});
		await setIndicatorTargets(coordinator, ind.id, { targets: { ML06: '400', ml07: '500', ML08: '' } });
		const targets = await getIndicatorTargets(coordinator, ind.id);
		expect(targets.targets.map((x) => [x.pcode, Number(x.value)])).toEqual([
			['ML06', 400],
			['ML07', 500]
		]);
		expect(targets.rollUp).toEqual({ places: 2, value: 900, mismatch: true });

		const node = (await getFramework(coordinator, planId, code)).tree
			.flatMap((s) => s.objectives)
			.flatMap((o) => o.activities)
			.flatMap((x) => x.indicators)
			.find((i) => i.id === ind.id)!;
		expect(node.rollUp).toEqual({ places: 2, value: 900, mismatch: true });

		await updateIndicator(coordinator, ind.id, {
			titleFr: node.titleFr,
			activityId: a.id,
			...indicatorFields,
			placeRule: 'max',
			target: '500'
		});
		expect((await getIndicatorTargets(coordinator, ind.id)).rollUp).toEqual({
			places: 2,
			value: 500,
			mismatch: false
		});
	});

	it('refuses bad targets and changes nothing', async () => {
		const { co } = await buildObjective();
		const a = await createActivity(coordinator, planId, code, {
			titleFr: 'Accès à la justice',
			clusterObjectiveId: co.id
		});
		const pct = await createIndicator(coordinator, planId, code, {
			titleFr: 'Taux',
			activityId: a.id,
			...indicatorFields,
			unit: 'percent'
		});
		await setIndicatorTargets(coordinator, pct.id, { targets: { ML06: '50' } });

		const refused = async (input: Record<string, string>, expected: string) => {
			const error = await setIndicatorTargets(coordinator, pct.id, { targets: input }).catch(
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors.map((e) => e.message)).toContain(expected);
		};
		await refused({ ML06: '120' }, m.framework_error_percent({}, { locale: 'fr' }));
		await refused({ ML06: '-3' }, m.plans_error_negative({}, { locale: 'fr' }));
		await refused({ ML99: '3' }, m.framework_error_place({ pcode: 'ML99' }, { locale: 'fr' }));
		await refused(
			{ ML07: '10', ML0701: '5' },
			m.framework_error_nested_target({ pcode: 'ML0701', parent: 'ML07' }, { locale: 'fr' })
		);
		const [kept] = await t.db
			.select({ n: count() })
			.from(indicatorTarget)
			.where(eq(indicatorTarget.indicatorId, pct.id));
		expect(kept!.n).toBe(1);
		await expect(
			createIndicator(coordinator, planId, code, {
				titleFr: 'Trop',
				activityId: a.id,
				...indicatorFields,
				unit: 'percent',
				target: '101'
			})
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('refuses a save made from a stale read, saying what changed, and accepts a fresh one', async () => {
		const { so } = await buildObjective();
		const other = await ctxFor(
			t.db,
			await addUser(t.db, {
				email: 'second-coordinator@example.org',
				name: 'Second',
				grants: [{ role: 'coordinator', clusterId: world.clusterEr }]
			})
		);
		const { revision } = await getFramework(coordinator, planId, code);
		await updateStrategicObjective(other, so.id, { titleFr: 'Protéger les civils', revision });
		const error = await updateStrategicObjective(coordinator, so.id, {
			titleFr: 'Sauver des vies',
			revision
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		const text = (error as ConflictError).errors.map((e) => e.message).join('\n');
		expect(text).toContain(m.plans_error_stale({}, { locale: 'fr' }));
		expect(text).toContain('second-coordinator@example.org');
		expect(text).toContain(`SO${so.number} Protéger les civils`);

		// Another item changed since does not block this one.
		const { so: so2 } = await buildObjective();
		const fresh = await getFramework(coordinator, planId, code);
		await updateStrategicObjective(other, so.id, { titleFr: 'Protéger', revision: fresh.revision });
		const saved = await updateStrategicObjective(coordinator, so2.id, {
			titleFr: 'Renforcer la résilience',
			revision: fresh.revision
		});
		expect(saved.titleFr).toBe('Renforcer la résilience');
	});

	it('keeps every change as a version that can be compared with any other', async () => {
		const { so } = await buildObjective();
		const start = (await getFramework(coordinator, planId, code)).revision;
		await updateStrategicObjective(coordinator, so.id, { titleFr: 'Version deux' });
		await updateStrategicObjective(coordinator, so.id, { titleFr: 'Version trois' });
		const { differences } = await compareVersions(coordinator, planId, start, start + 2);
		const title = differences.find((d) => d.entityId === so.id && d.field === 'titleFr')!;
		expect([title.older, title.newer]).toEqual(['Protéger', 'Version trois']);
		const reversed = await compareVersions(coordinator, planId, start + 2, start + 1);
		expect(reversed.differences.find((d) => d.entityId === so.id)!.older).toBe('Version deux');
		const { items } = await listVersions(coordinator, planId);
		expect(items[0]!.revision).toBe(start + 2);
		expect(items[0]!.actorLabel).toBe(coordinator.actor!.email);
	});

	it('lets only the cluster coordinators write; visitors see a draft plan as unknown', async () => {
		const { so, co } = await buildObjective();
		const a = await createActivity(coordinator, planId, code, { titleFr: 'A', clusterObjectiveId: co.id });
		const before = await auditCount(t.db);
		for (const who of ['focalPointA', 'observer'] as const) {
			const ctx = await world.as(who);
			await expect(createStrategicObjective(ctx, planId, { titleFr: 'x' })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(
				updateActivity(ctx, a.id, { titleFr: 'x', clusterObjectiveId: co.id })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(deleteItem(ctx, 'activity', a.id)).rejects.toBeInstanceOf(ForbiddenError);
			expect((await getFramework(ctx, planId, code)).canEdit).toBe(false);
		}
		expect(await auditCount(t.db)).toBe(before);
		const washCoordinator = await ctxFor(
			t.db,
			await addUser(t.db, {
				email: 'wash-coordinator@example.org',
				name: 'WASH',
				grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
			})
		);
		const afterUsers = await auditCount(t.db);
		await expect(updateStrategicObjective(washCoordinator, so.id, { titleFr: 'x' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(
			createActivity(washCoordinator, planId, code, { titleFr: 'x', clusterObjectiveId: co.id })
		).rejects.toBeInstanceOf(ForbiddenError);
		const visitor = await world.as('visitor');
		await expect(getFramework(visitor, planId, code)).rejects.toBeInstanceOf(NotFoundError);
		expect(await auditCount(t.db)).toBe(afterUsers);
	});

	it('finds an item only through the pages of its own plan', async () => {
		const { co } = await buildObjective();
		await assertInPart(coordinator, 'cluster-objective', co.id, planId, code);
		const other = await createPlan(coordinator, {
			countryId: places['ML'],
			year: '2019',
			kind: 'other',
			titleFr: 'Autre plan',
			startsOn: '2019-01-01',
			endsOn: '2019-12-31',
			clusterIds: [world.clusterEr]
		});
		await expect(
			assertInPart(coordinator, 'cluster-objective', co.id, other.id, code)
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('opens a published plan to visitors and closes it to every write', async () => {
		const p = await createPlan(coordinator, {
			countryId: places['ML'],
			year: '2018',
			kind: 'flash-appeal',
			titleFr: 'Appel éclair inondations',
			startsOn: '2018-07-01',
			endsOn: '2018-12-31',
			clusterIds: [world.clusterEr]
		});
		const so = await createStrategicObjective(coordinator, p.id, { titleFr: 'Répondre aux inondations' });
		await setPlanStatus(coordinator, p.id, { status: 'published' });
		const visitor = await world.as('visitor');
		expect((await getFramework(visitor, p.id, code)).tree.map((s) => s.code)).toEqual([so.code]);
		// Visitors see the plan's history from its publication on, without who wrote it.
		const { items, plan: published } = await listVersions(visitor, p.id);
		expect(items.map((v) => [v.revision, v.actorLabel])).toEqual([[published.publishedRevision, '']]);
		const drafts = await compareVersions(visitor, p.id, 0, published.revision);
		expect(drafts.differences.map((d) => d.field)).toEqual([]);
		expect(
			(await compareVersions(coordinator, p.id, 0, published.revision)).differences.length
		).toBeGreaterThan(1);
		await setPlanStatus(coordinator, p.id, { status: 'closed' });
		await expect(updateStrategicObjective(coordinator, so.id, { titleFr: 'x' })).rejects.toBeInstanceOf(
			ConflictError
		);
		await expect(setPlanStatus(coordinator, p.id, { status: 'published' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await setPlanStatus(await world.as('admin'), p.id, { status: 'published' });
		const events = await t.db.select().from(auditEvent).where(eq(auditEvent.entityId, p.id));
		expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
	});
});
