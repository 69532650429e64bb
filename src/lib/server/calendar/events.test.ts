import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, calendarEvent, cluster } from '../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent } from './events';
import { m } from '$lib/paraglide/messages';

const training = {
	kind: 'training',
	title: 'Formation OPS',
	startsOn: '2016-10-21',
	startTime: '10:00',
	endTime: '12:00',
	place: 'bureau de NRC',
	notes: 'Apporter un ordinateur <b>portable</b>'
};

async function messagesOf(promise: Promise<unknown>): Promise<Record<string, string>> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return Object.fromEntries((error as ValidationError).errors.map((e) => [e.path, e.message]));
}

describe(`calendar events [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let er: string;
	let wash: string;
	let washCoordinator: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		washCoordinator = await addUser(t.db, {
			email: `wash-events-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		const codes = await t.db.select().from(cluster);
		er = codes.find((c) => c.id === world.clusterEr)!.code;
		wash = codes.find((c) => c.id === world.clusterWash)!.code;
	});

	it("lets the cluster's coordinator create an event, audited, which every signed-in user reads", async () => {
		const before = await auditCount(t.db);
		const created = await createEvent(await world.as('coordinator'), er, training);
		expect(created).toMatchObject({ ...training, clusterId: world.clusterEr, endsOn: null });
		expect(await auditCount(t.db)).toBe(before + 1);
		const [audit] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'calendar-event'), eq(auditEvent.entityId, created.id)));
		expect(audit).toMatchObject({ action: 'create', after: { title: 'Formation OPS' } });

		const read = await getEvent(await world.as('focalPointB'), created.id);
		expect(read).toMatchObject({ title: 'Formation OPS', clusterCode: er, canEdit: false });
		expect((await getEvent(await world.as('coordinator'), created.id)).canEdit).toBe(true);
		await expect(getEvent(await world.as('visitor'), created.id)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
	});

	it('keeps an all-day deadline and an event over several days, and drops an end day equal to the start', async () => {
		const ctx = await world.as('coordinator');
		const deadline = await createEvent(ctx, er, {
			kind: 'deadline',
			title: 'Clôture des soumissions OPS',
			startsOn: '2016-10-31',
			startTime: '',
			endTime: '',
			endsOn: ''
		});
		expect(deadline).toMatchObject({ startTime: null, endTime: null, endsOn: null, place: null, notes: '' });
		const workshop = await createEvent(ctx, er, {
			kind: 'meeting',
			title: 'Atelier HRP 2017',
			startsOn: '2016-11-07',
			startTime: '14:00',
			endsOn: '2016-11-09',
			endTime: '12:00'
		});
		// Over several days the end time belongs to the last day: earlier than the start time is fine.
		expect(workshop).toMatchObject({ endsOn: '2016-11-09', endTime: '12:00' });
		const oneDay = await createEvent(ctx, er, {
			kind: 'milestone',
			title: 'HNO publié',
			startsOn: '2016-11-15',
			endsOn: '2016-11-15'
		});
		expect(oneDay.endsOn).toBeNull();
	});

	it('refuses bad input with a message per field in the user’s language, and saves nothing', async () => {
		const fr = await world.as('coordinator');
		const en = await ctxFor(t.db, world.users.coordinator, 'en');
		const [rows, events] = [(await t.db.select().from(calendarEvent)).length, await auditCount(t.db)];

		let errors = await messagesOf(createEvent(fr, er, { ...training, endsOn: '2016-10-20' }));
		expect(errors.endsOn).toBe(m.events_error_end_day_before_start({}, { locale: 'fr' }));
		errors = await messagesOf(createEvent(en, er, { ...training, startTime: '14:00', endTime: '10:00' }));
		expect(errors.endTime).toBe(m.events_error_end_time_before_start({}, { locale: 'en' }));
		errors = await messagesOf(createEvent(fr, er, { ...training, startTime: '10h', endTime: '25:00' }));
		expect(errors.startTime).toBe(m.events_error_time({}, { locale: 'fr' }));
		expect(errors.endTime).toBe(m.events_error_time({}, { locale: 'fr' }));
		errors = await messagesOf(createEvent(en, er, { ...training, kind: 'party' }));
		expect(errors.kind).toBe(m.events_error_kind({}, { locale: 'en' }));
		errors = await messagesOf(createEvent(fr, er, { ...training, startTime: '' }));
		expect(errors.endTime).toBe(m.events_error_end_time_without_start({}, { locale: 'fr' }));
		errors = await messagesOf(createEvent(fr, er, { ...training, title: ' ', startsOn: '21/10/2016' }));
		expect(errors.title).toBe(m.error_required({}, { locale: 'fr' }));
		expect(errors.startsOn).toBe(m.events_error_day({}, { locale: 'fr' }));

		expect((await t.db.select().from(calendarEvent)).length).toBe(rows);
		expect(await auditCount(t.db)).toBe(events);
	});

	it("refuses another cluster's coordinator, a partner and a visitor, and changes nothing", async () => {
		const event = await createEvent(await world.as('coordinator'), er, training);
		const events = await auditCount(t.db);
		const washCtx = await ctxFor(t.db, washCoordinator);
		await expect(createEvent(washCtx, er, training)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateEvent(washCtx, event.id, { ...training, title: 'Pris' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(deleteEvent(washCtx, event.id)).rejects.toBeInstanceOf(ForbiddenError);
		const partner = await world.as('focalPointA');
		await expect(createEvent(partner, er, training)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteEvent(partner, event.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createEvent(await world.as('visitor'), er, training)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		// Their own cluster, they may.
		await createEvent(washCtx, wash, { ...training, title: 'Formation WASH' });
		expect(await auditCount(t.db)).toBe(events + 1);
		const [stored] = await t.db.select().from(calendarEvent).where(eq(calendarEvent.id, event.id));
		expect(stored).toEqual(event);
	});

	it('edits and deletes an event, each audited with before and after', async () => {
		const ctx = await world.as('coordinator');
		const event = await createEvent(ctx, er, training);
		const updated = await updateEvent(ctx, event.id, { ...training, startTime: '09:30', place: 'PNUD' });
		expect(updated).toMatchObject({ startTime: '09:30', place: 'PNUD', title: 'Formation OPS' });
		const [audit] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityId, event.id), eq(auditEvent.action, 'update')));
		expect(audit).toMatchObject({
			before: { startTime: '10:00', place: 'bureau de NRC' },
			after: { startTime: '09:30', place: 'PNUD' }
		});
		// A bad edit leaves it as it was.
		await messagesOf(updateEvent(ctx, event.id, { ...training, endsOn: '2016-01-01' }));
		expect((await getEvent(ctx, event.id)).startTime).toBe('09:30');

		await deleteEvent(ctx, event.id);
		await expect(getEvent(ctx, event.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteEvent(ctx, event.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getEvent(ctx, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lists events by cluster, kind and the period they overlap', async () => {
		const ctx = await world.as('observer');
		const ofEr = await listEvents(ctx, { cluster: er.toLowerCase(), limit: 500 });
		expect(ofEr.items.every((e) => e.clusterCode === er)).toBe(true);
		expect(ofEr.total).toBe(ofEr.items.length);
		// Ordered by day, then time (all-day first).
		const days = ofEr.items.map((e) => e.startsOn);
		expect([...days].sort()).toEqual(days);

		const deadlines = await listEvents(ctx, { cluster: er, kind: 'deadline' });
		expect(deadlines.items.map((e) => e.title)).toEqual(['Clôture des soumissions OPS']);
		// The workshop of 7–9 November runs on the 8th.
		const on8 = await listEvents(ctx, { cluster: er, from: '2016-11-08', to: '2016-11-08' });
		expect(on8.items.map((e) => e.title)).toEqual(['Atelier HRP 2017']);
		const october = await listEvents(ctx, { cluster: er, from: '2016-10-01', to: '2016-10-31' });
		expect(october.items.map((e) => e.title)).toContain('Clôture des soumissions OPS');
		expect(october.items.map((e) => e.title)).not.toContain('Atelier HRP 2017');

		const errors = await messagesOf(listEvents(ctx, { from: '2016-11-01', to: '2016-10-01' }));
		expect(errors.to).toBe(m.events_error_period({}, { locale: 'fr' }));
		await expect(listEvents(await world.as('visitor'), {})).rejects.toBeInstanceOf(UnauthenticatedError);
	});
});
