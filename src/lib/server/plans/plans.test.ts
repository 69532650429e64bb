import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addMali } from '../../../../tests/plans';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { needFigure, needRevision, plan, planCluster, populationGroup } from '../db/schema';
import type { Ctx } from '../context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { createPlan, getPlan, listPlans, setPlanStatus, updatePlan } from './plans';
import { setSexAgeGroups } from './sex-age-groups';
import { DEFAULT_SEX_AGE_GROUPS } from './defaults';

describe(`plans [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let coordinator: Ctx;
	let places: Record<string, string>;
	const planInput = () => ({
		countryId: places['ML'],
		year: '2017',
		kind: 'hrp',
		titleFr: 'Mali — HRP 2017',
		startsOn: '2017-01-01',
		endsOn: '2017-12-31',
		clusterIds: [world.clusterEr]
	});

	beforeAll(async () => {
		world = await seedWorld(t.db);
		coordinator = await world.as('coordinator');
		places = await addMali(t.db);
	});

	it('creates a plan for the clusters its author coordinates, with their population groups', async () => {
		const p = await createPlan(coordinator, { ...planInput(), peopleTargeted: '1,360,000' });
		const detail = await getPlan(coordinator, p.id);
		expect(detail.clusters.map((c) => c.id)).toEqual([world.clusterEr]);
		expect(detail.peopleTargeted).toBe(1_360_000);
		expect(detail.sexAgeGroups.map((g) => g.code)).toEqual(DEFAULT_SEX_AGE_GROUPS.map((g) => g.code));
		const groups = await t.db
			.select()
			.from(populationGroup)
			.where(eq(populationGroup.clusterId, world.clusterEr));
		expect(groups.map((g) => g.code)).toContain('idp');
	});

	it('refuses a plan with bad input or for a cluster its author does not coordinate, saving nothing', async () => {
		const before = await auditCount(t.db);
		const refused = async (input: object, path: string, message: string) => {
			const error = await createPlan(coordinator, { ...planInput(), ...input }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors).toContainEqual({ path, message });
		};
		await refused({ endsOn: '2016-12-31' }, 'endsOn', m.plans_error_period({}, { locale: 'fr' }));
		await refused({ startsOn: '2017-02-30' }, 'startsOn', m.plans_error_date({}, { locale: 'fr' }));
		await refused({ peopleInNeed: '-5' }, 'peopleInNeed', m.plans_error_negative({}, { locale: 'fr' }));
		await refused({ peopleInNeed: '12,5' }, 'peopleInNeed', m.plans_error_whole({}, { locale: 'fr' }));
		await refused({ countryId: places['ML06'] }, 'countryId', m.plans_error_country({}, { locale: 'fr' }));
		await refused({ clusterIds: [] }, 'clusterIds', m.plans_error_clusters({}, { locale: 'fr' }));
		await expect(
			createPlan(coordinator, { ...planInput(), clusterIds: [world.clusterWash] })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createPlan(await world.as('focalPointA'), planInput())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('moves a plan from draft to published to closed, and lists to visitors only what is public', async () => {
		const p = await createPlan(coordinator, { ...planInput(), titleFr: 'Plan à publier' });
		const visitor = await world.as('visitor');
		await expect(getPlan(visitor, p.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listPlans(visitor)).items.map((x) => x.id)).not.toContain(p.id);
		await expect(setPlanStatus(coordinator, p.id, { status: 'closed' })).rejects.toBeInstanceOf(
			ConflictError
		);
		await expect(
			setPlanStatus(await world.as('observer'), p.id, { status: 'published' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await setPlanStatus(coordinator, p.id, { status: 'published' });
		const [row] = await t.db.select().from(plan).where(eq(plan.id, p.id));
		expect([row!.status, row!.publishedRevision]).toEqual(['published', row!.revision]);
		expect((await listPlans(visitor)).items.map((x) => x.id)).toContain(p.id);
		await setPlanStatus(coordinator, p.id, { status: 'closed' });
		await expect(updatePlan(coordinator, p.id, planInput())).rejects.toBeInstanceOf(ConflictError);
	});

	it('lets the plan rename and add sex and age groups, never drop one that holds figures', async () => {
		const p = await createPlan(coordinator, { ...planInput(), titleFr: 'Plan aux groupes' });
		const [part] = await t.db.select().from(planCluster).where(eq(planCluster.planId, p.id));
		const [group] = await t.db
			.select()
			.from(populationGroup)
			.where(eq(populationGroup.clusterId, world.clusterEr));
		const [revision] = await t.db
			.insert(needRevision)
			.values({ planClusterId: part!.id, number: 1, source: 'HNO', sourceDate: '2016-09-30' })
			.returning();
		await t.db.insert(needFigure).values({
			revisionId: revision!.id,
			locationId: places['ML06']!,
			populationGroupId: group!.id,
			inNeed: { girls: 10, elderly: 3 },
			targeted: { girls: 5 }
		});
		const groups = DEFAULT_SEX_AGE_GROUPS.map((g) => ({ ...g, hxl: g.hxl.join(' ') }));

		const renamed = groups.map((g) => (g.code === 'boys' ? { ...g, nameFr: 'Garçons (0-17 ans)' } : g));
		const noBoys = renamed.filter((g) => g.code !== 'boys');
		await setSexAgeGroups(coordinator, p.id, {
			groups: [...noBoys, { code: 'disabled', nameFr: 'Handicapés', nameEn: 'Disabled', hxl: 'disabled' }]
		});
		const [saved] = await t.db.select().from(plan).where(eq(plan.id, p.id));
		expect(saved!.sexAgeGroups.map((g) => g.code)).toEqual(['girls', 'women', 'men', 'elderly', 'disabled']);
		expect(saved!.sexAgeGroups.at(-1)!.hxl).toEqual(['disabled']);

		const used = await setSexAgeGroups(coordinator, p.id, {
			groups: groups.filter((g) => g.code !== 'elderly')
		}).catch((e: unknown) => e);
		expect(used).toBeInstanceOf(ConflictError);
		expect((used as ConflictError).errors[0]!.message).toBe(
			m.plans_error_group_used({ code: 'elderly' }, { locale: 'fr' })
		);
		const twice = await setSexAgeGroups(coordinator, p.id, {
			groups: [groups[0], { ...groups[1], code: 'girls' }]
		}).catch((e: unknown) => e);
		expect(twice).toBeInstanceOf(ValidationError);
		const [kept] = await t.db.select().from(plan).where(eq(plan.id, p.id));
		expect(kept!.sexAgeGroups).toEqual(saved!.sexAgeGroups);
	});
});
