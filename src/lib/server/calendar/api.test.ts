import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { ok, problem, useApiClient, type Json } from '../../../../tests/api-client';
import { calendarEvent, cluster, workPlanActivity } from '../db/schema';
import { m } from '$lib/paraglide/messages';

const training = {
	kind: 'training',
	title: 'Formation OPS',
	startsOn: '2016-10-21',
	startTime: '10:00',
	place: 'bureau de NRC'
};

describe(`API /events and /work-plans [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: World;
	let er: string;
	let nrc: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		nrc = await addOrganisation(t.db, { name: 'Norwegian Refugee Council', acronym: 'NRC' });
		const [row] = await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr));
		er = row!.code;
		const washCoordinator = await addUser(t.db, {
			email: `wash-calendar-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		await tokensFor({ ...world.users, washCoordinator });
	});

	let eventId: string;

	it('creates, reads, lists, changes and deletes an event', async () => {
		const created = await call('POST', `/events?cluster=${er}`, { as: 'coordinator', body: training });
		const e = await ok(created, 201);
		eventId = e.id;
		expect(created.headers.get('location')).toBe(`/api/v1/events/${eventId}`);
		expect(e).toMatchObject({
			...training,
			cluster: er,
			endsOn: null,
			endTime: null,
			allDay: false,
			notes: '',
			ics: `/calendar/events/${eventId}/event.ics`
		});
		await ok(
			await call('POST', `/events?cluster=${er}`, {
				as: 'coordinator',
				body: { kind: 'deadline', title: 'Clôture OPS', startsOn: '2016-10-31' }
			}),
			201
		);
		expect(await ok(await call('GET', `/events/${eventId}`, { as: 'focalPointA' }))).toMatchObject({
			title: 'Formation OPS'
		});

		const list = await ok(await call('GET', `/events?cluster=${er}&kind=deadline`, { as: 'observer' }));
		expect(list.items.map((i: Json) => i.title)).toEqual(['Clôture OPS']);
		expect(list.total).toBe(1);
		const period = await ok(
			await call('GET', `/events?cluster=${er}&from=2016-10-21&to=2016-10-30`, { as: 'observer' })
		);
		expect(period.items.map((i: Json) => i.title)).toEqual(['Formation OPS']);

		const patched = await ok(
			await call('PATCH', `/events/${eventId}`, { as: 'coordinator', body: { endTime: '12:00' } })
		);
		expect(patched).toMatchObject({ title: 'Formation OPS', startTime: '10:00', endTime: '12:00' });

		const bad = await problem(
			await call('PATCH', `/events/${eventId}`, {
				as: 'coordinator',
				language: 'en',
				body: { endTime: '09:00' }
			}),
			400
		);
		expect(bad.errors).toEqual([
			{ path: 'endTime', message: m.events_error_end_time_before_start({}, { locale: 'en' }) }
		]);
		const badQuery = await problem(await call('GET', '/events?kind=party', { as: 'observer' }), 400);
		expect(badQuery.errors[0]).toMatchObject({ path: 'kind' });
	});

	it("answers 401 to a visitor and 403 to another cluster's coordinator and to a partner, changing nothing", async () => {
		const events = await auditCount(t.db);
		const [before] = await t.db.select().from(calendarEvent).where(eq(calendarEvent.id, eventId));
		expect((await call('GET', '/events')).status).toBe(401);
		expect((await call('GET', `/events/${eventId}`)).status).toBe(401);
		expect((await call('POST', `/events?cluster=${er}`, { body: training })).status).toBe(401);
		expect((await call('DELETE', `/events/${eventId}`)).status).toBe(401);
		for (const who of ['washCoordinator', 'focalPointA']) {
			await problem(await call('POST', `/events?cluster=${er}`, { as: who, body: training }), 403);
			await problem(await call('PATCH', `/events/${eventId}`, { as: who, body: { title: 'Pris' } }), 403);
			await problem(await call('DELETE', `/events/${eventId}`, { as: who }), 403);
			await problem(
				await call('POST', `/work-plans?cluster=${er}`, { as: who, body: { year: 2016, quarter: 1 } }),
				403
			);
		}
		await problem(await call('POST', '/events?cluster=NOPE', { as: 'coordinator', body: training }), 404);
		expect(await auditCount(t.db)).toBe(events);
		const [after] = await t.db.select().from(calendarEvent).where(eq(calendarEvent.id, eventId));
		expect(after).toEqual(before);
	});

	it('builds a work plan: quarter, activities with warnings, moves, edits and removals', async () => {
		const created = await call('POST', `/work-plans?cluster=${er}`, {
			as: 'coordinator',
			body: { year: 2016, quarter: 4 }
		});
		const plan = await ok(created, 201);
		expect(plan).toMatchObject({ cluster: er, year: 2016, quarter: 4, from: '2016-10-01', to: '2016-12-31' });
		const again = await problem(
			await call('POST', `/work-plans?cluster=${er}`, {
				as: 'coordinator',
				body: { year: 2016, quarter: 4 }
			}),
			409
		);
		expect(again.errors[0]!.message).toContain('T4 2016');

		const add = (body: Json, as = 'coordinator') =>
			call('POST', `/work-plans/${plan.id}/activities`, { as, body });
		const first = await ok(
			await add({
				activity: 'Cartographie 3W',
				responsibleText: 'Coordinateur CRP',
				startsOn: '2016-10-01',
				endsOn: '2016-10-31'
			}),
			201
		);
		expect(first).toMatchObject({ position: 1, warnings: [], responsibleOrganisation: null });
		const addSecond = await add({
			activity: 'Formation OPS',
			responsibleOrganisationId: nrc,
			startsOn: '2016-12-20',
			endsOn: '2017-01-10',
			status: 'planned'
		});
		const second = await ok(addSecond, 201);
		expect(addSecond.headers.get('location')).toBe(`/api/v1/work-plan-activities/${second.id}`);
		expect(second).toMatchObject({
			position: 2,
			outsideQuarter: true,
			responsibleOrganisation: { id: nrc, acronym: 'NRC' }
		});
		expect(second.warnings).toHaveLength(1);

		await problem(await add({ activity: 'x', startsOn: '2016-10-02', endsOn: '2016-10-01' }), 400);
		await problem(await add(first, 'washCoordinator'), 403);
		await problem(await add(first, 'focalPointA'), 403);
		expect((await call('POST', `/work-plans/${plan.id}/activities`, { body: first })).status).toBe(401);

		const moved = await ok(
			await call('PATCH', `/work-plan-activities/${second.id}`, { as: 'coordinator', body: { position: 1 } })
		);
		expect(moved).toMatchObject({ position: 1, activity: 'Formation OPS', warnings: [] });
		const edited = await ok(
			await call('PATCH', `/work-plan-activities/${first.id}`, {
				as: 'coordinator',
				body: { status: 'done' }
			})
		);
		expect(edited).toMatchObject({ status: 'done', activity: 'Cartographie 3W', position: 2 });
		await problem(
			await call('PATCH', `/work-plan-activities/${first.id}`, { as: 'focalPointA', body: { position: 1 } }),
			403
		);

		const read = await ok(await call('GET', `/work-plans/${plan.id}`, { as: 'focalPointB' }));
		expect(read.activities.map((a: Json) => [a.position, a.activity])).toEqual([
			[1, 'Formation OPS'],
			[2, 'Cartographie 3W']
		]);
		const list = await ok(await call('GET', `/work-plans?cluster=${er}`, { as: 'observer' }));
		expect(list.items).toEqual([expect.objectContaining({ id: plan.id, activities: 2 })]);

		await problem(await call('DELETE', `/work-plan-activities/${first.id}`, { as: 'washCoordinator' }), 403);
		await ok(await call('DELETE', `/work-plan-activities/${first.id}`, { as: 'coordinator' }), 204);
		const left = await t.db.select().from(workPlanActivity).where(eq(workPlanActivity.workPlanId, plan.id));
		expect(left.map((a) => a.id)).toEqual([second.id]);
		expect((await call('GET', `/work-plans/${plan.id}`)).status).toBe(401);
	});

	it('deletes an event for its coordinator', async () => {
		await ok(await call('DELETE', `/events/${eventId}`, { as: 'coordinator' }), 204);
		await problem(await call('GET', `/events/${eventId}`, { as: 'coordinator' }), 404);
	});

	it('documents the operations in OpenAPI', async () => {
		const doc = await ok(await call('GET', '/openapi.json'));
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/events', '/events/{id}', '/work-plans', '/work-plans/{id}/activities'])
		);
		expect(doc.paths['/events'].post.tags).toEqual(['calendar']);
	});
});
