import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import {
	addOrganisation,
	addUser,
	auditCount,
	ctxFor,
	seedWorld,
	type World
} from '../../../../tests/actors';
import { auditEvent, cluster, workPlan, workPlanActivity } from '../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import {
	addActivity,
	createWorkPlan,
	deleteActivity,
	findResponsibleOrganisations,
	getWorkPlan,
	listWorkPlans,
	moveActivity,
	quarterDays,
	updateActivity
} from './work-plans';
import { m } from '$lib/paraglide/messages';

const mapping = {
	activity: 'Cartographie des partenaires (3W)',
	responsibleText: 'Coordinateur CRP',
	startsOn: '2016-10-01',
	endsOn: '2016-11-15'
};

describe(`quarterly work plans [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let er: string;
	let washCoordinator: string;
	let nrc: string;
	let planId: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		washCoordinator = await addUser(t.db, {
			email: `wash-plans-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		nrc = await addOrganisation(t.db, { name: 'Conseil norvégien pour les réfugiés', acronym: 'NRC' });
		const [row] = await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr));
		er = row!.code;
	});

	it('knows the days of each quarter', () => {
		expect(quarterDays(2016, 1)).toEqual({ from: '2016-01-01', to: '2016-03-31' });
		expect(quarterDays(2016, 2)).toEqual({ from: '2016-04-01', to: '2016-06-30' });
		expect(quarterDays(2016, 4)).toEqual({ from: '2016-10-01', to: '2016-12-31' });
	});

	it('creates the plan of a quarter once, audited, and refuses a second one naming it', async () => {
		const ctx = await world.as('coordinator');
		const events = await auditCount(t.db);
		const plan = await createWorkPlan(ctx, er.toLowerCase(), { year: '2016', quarter: '4' });
		planId = plan.id;
		expect(plan).toMatchObject({ clusterId: world.clusterEr, year: 2016, quarter: 4 });
		expect(await auditCount(t.db)).toBe(events + 1);

		const en = await ctxFor(t.db, world.users.coordinator, 'en');
		const error = await createWorkPlan(en, er, { year: 2016, quarter: 4 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors[0]!.message).toBe(
			m.events_error_plan_exists({ quarter: 'Q4 2016', cluster: er }, { locale: 'en' })
		);
		expect((error as ConflictError).errors[0]!.message).toContain('Q4 2016');
		const bad = await createWorkPlan(ctx, er, { year: 2016, quarter: 5 }).catch((e: unknown) => e);
		expect(bad).toBeInstanceOf(ValidationError);
		expect((bad as ValidationError).errors).toEqual([
			{ path: 'quarter', message: m.events_error_quarter({}, { locale: 'fr' }) }
		]);
		expect(await t.db.select().from(workPlan).where(eq(workPlan.clusterId, world.clusterEr))).toHaveLength(1);
		expect(await auditCount(t.db)).toBe(events + 1);
	});

	it('adds activities in order, with a responsible text and an organisation found by search', async () => {
		const ctx = await world.as('coordinator');
		const found = await findResponsibleOrganisations(ctx, 'norvegien');
		expect(found.map((o) => o.id)).toEqual([nrc]);
		expect(await findResponsibleOrganisations(ctx, 'nrc')).toHaveLength(1);

		const first = await addActivity(ctx, planId, mapping);
		expect(first.warnings).toEqual([]);
		const second = await addActivity(ctx, planId, {
			activity: 'Formation OPS des partenaires',
			responsibleText: '',
			responsibleOrganisationId: nrc,
			startsOn: '2016-10-21',
			endsOn: '2016-10-21',
			status: 'ongoing'
		});
		expect(second.activity).toMatchObject({ position: 2, responsibleOrganisationId: nrc, status: 'ongoing' });

		const plan = await getWorkPlan(await world.as('focalPointB'), planId);
		expect(plan).toMatchObject({ clusterCode: er, from: '2016-10-01', to: '2016-12-31', canEdit: false });
		expect(plan.activities.map((a) => [a.position, a.activity, a.status])).toEqual([
			[1, 'Cartographie des partenaires (3W)', 'planned'],
			[2, 'Formation OPS des partenaires', 'ongoing']
		]);
		expect(plan.activities[1]).toMatchObject({ organisationAcronym: 'NRC', outsideQuarter: false });
	});

	it('keeps dates outside the quarter with a warning, and refuses an end before the start', async () => {
		const ctx = await world.as('coordinator');
		const late = await addActivity(ctx, planId, {
			...mapping,
			activity: 'Revue à mi-parcours',
			startsOn: '2016-12-15',
			endsOn: '2017-01-20'
		});
		expect(late.warnings).toEqual([
			{
				path: 'endsOn',
				message: m.events_warning_outside_quarter(
					{ quarter: 'T4 2016', from: '2016-10-01', to: '2016-12-31' },
					{ locale: 'fr' }
				)
			}
		]);
		const plan = await getWorkPlan(ctx, planId);
		expect(plan.activities.find((a) => a.id === late.activity.id)!.outsideQuarter).toBe(true);

		const [rows, events] = [(await t.db.select().from(workPlanActivity)).length, await auditCount(t.db)];
		for (const input of [
			{ ...mapping, endsOn: '2016-09-30' },
			{ ...mapping, responsibleOrganisationId: world.clusterEr },
			{ ...mapping, status: 'postponed' }
		]) {
			const error = await addActivity(ctx, planId, input).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
		}
		const error = (await addActivity(ctx, planId, { ...mapping, endsOn: '2016-09-30' }).catch(
			(e: unknown) => e
		)) as ValidationError;
		expect(error.errors).toEqual([
			{ path: 'endsOn', message: m.events_error_end_day_before_start({}, { locale: 'fr' }) }
		]);
		const unknown = (await addActivity(ctx, planId, {
			...mapping,
			responsibleOrganisationId: world.clusterEr
		}).catch((e: unknown) => e)) as ValidationError;
		expect(unknown.errors[0]).toMatchObject({ path: 'responsibleOrganisationId' });
		expect((await t.db.select().from(workPlanActivity)).length).toBe(rows);
		expect(await auditCount(t.db)).toBe(events);
	});

	it('edits, reorders and removes activities, each audited', async () => {
		const ctx = await world.as('coordinator');
		const order = async () => (await getWorkPlan(ctx, planId)).activities.map((a) => a.activity);
		const before = await order();
		expect(before).toEqual([
			'Cartographie des partenaires (3W)',
			'Formation OPS des partenaires',
			'Revue à mi-parcours'
		]);
		const ids = (await getWorkPlan(ctx, planId)).activities.map((a) => a.id);

		await moveActivity(ctx, ids[2]!, { position: 1 });
		expect(await order()).toEqual([
			'Revue à mi-parcours',
			'Cartographie des partenaires (3W)',
			'Formation OPS des partenaires'
		]);
		await moveActivity(ctx, ids[2]!, { position: '99' });
		expect(await order()).toEqual(before);
		expect((await getWorkPlan(ctx, planId)).activities.map((a) => a.position)).toEqual([1, 2, 3]);

		await updateActivity(ctx, ids[0]!, { ...mapping, status: 'done', notes: 'Publiée le 30/11' });
		const [audit] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityId, ids[0]!), eq(auditEvent.action, 'update')));
		expect(audit).toMatchObject({ before: { status: 'planned' }, after: { status: 'done' } });

		await deleteActivity(ctx, ids[1]!);
		expect(await order()).toEqual(['Cartographie des partenaires (3W)', 'Revue à mi-parcours']);
		await expect(deleteActivity(ctx, ids[1]!)).rejects.toBeInstanceOf(NotFoundError);
		const moves = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityId, ids[2]!), eq(auditEvent.action, 'move')));
		expect(moves).toHaveLength(2);
	});

	it("refuses another cluster's coordinator, a partner and a visitor, and changes nothing", async () => {
		const [activity] = await t.db
			.select()
			.from(workPlanActivity)
			.where(eq(workPlanActivity.workPlanId, planId));
		const events = await auditCount(t.db);
		const wash = await ctxFor(t.db, washCoordinator);
		const partner = await world.as('focalPointA');
		for (const ctx of [wash, partner]) {
			await expect(createWorkPlan(ctx, er, { year: 2017, quarter: 1 })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(addActivity(ctx, planId, mapping)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateActivity(ctx, activity!.id, mapping)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(moveActivity(ctx, activity!.id, { position: 2 })).rejects.toBeInstanceOf(ForbiddenError);
			await expect(deleteActivity(ctx, activity!.id)).rejects.toBeInstanceOf(ForbiddenError);
		}
		const visitor = await world.as('visitor');
		await expect(addActivity(visitor, planId, mapping)).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(getWorkPlan(visitor, planId)).rejects.toBeInstanceOf(UnauthenticatedError);
		expect(await auditCount(t.db)).toBe(events);
		const [same] = await t.db.select().from(workPlanActivity).where(eq(workPlanActivity.id, activity!.id));
		expect(same).toEqual(activity);
	});

	it("lists a cluster's quarters, newest first, with their activity counts", async () => {
		const ctx = await world.as('coordinator');
		await createWorkPlan(ctx, er, { year: 2017, quarter: 1 });
		const { items, total } = await listWorkPlans(await world.as('observer'), { cluster: er });
		expect(total).toBe(2);
		expect(items.map((p) => [p.year, p.quarter, p.activities])).toEqual([
			[2017, 1, 0],
			[2016, 4, 2]
		]);
	});
});
