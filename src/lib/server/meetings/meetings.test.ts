import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { attendance, cluster, meeting, person } from '../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { readMinutesText } from './minutes/read-text';
import { erasePerson } from '../directory/erase-person';
import { createMeeting, getMeeting, listMeetings, pageOfMeetings } from './meetings';

const reference = readFileSync(
	new URL('../../../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url),
	'utf8'
);

describe(`meetings [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
	});

	const draft = () => readMinutesText(reference, 'fr');

	it('saves the reference report, once reviewed, whole: agenda, lists, attendance and four actions', async () => {
		const coordinator = await world.as('coordinator');
		const saved = await createMeeting(coordinator, code, draft());
		const read = await getMeeting(await world.as('coordinator'), saved.id);
		expect([read.heldOn, read.startTime, read.place, read.state]).toEqual([
			'2016-10-20',
			'14:30',
			'PNUD',
			'held'
		]);
		expect(read.agenda.map((a) => a.section)).toEqual([...Array(7).fill(null), 'Divers', 'Divers']);
		expect(read.agenda[2]!.context).toMatch(/^<p>En 2017, les interventions du CRP/);
		expect([read.lessons.length, read.consensus.length, read.perspectives.length]).toEqual([1, 2, 3]);
		expect(read.attendance.map((a) => a.name)).toContain('Sigfrido Romeo');
		expect(read.actions.map((a) => [a.responsibleText, a.dueOn, a.status])).toEqual([
			['Partenaires du CRP', '2016-10-21', 'open'],
			['Coordinateur CRP', '2016-10-25', 'open'],
			["Partenaires du CRP avec l'appui du Coordinateur CRP", '2016-10-31', 'open'],
			['Coordinateur CRP', '2016-11-15', 'open']
		]);
		expect([read.canEdit, read.minutesVisible, read.clusterCode]).toEqual([true, true, code]);
	});

	it('shows others only the invitation until the minutes are published', async () => {
		const saved = await createMeeting(await world.as('coordinator'), code, draft());
		const partner = await getMeeting(await world.as('focalPointA'), saved.id);
		expect([partner.canEdit, partner.minutesVisible, partner.title, partner.place]).toEqual([
			false,
			false,
			saved.title,
			'PNUD'
		]);
		expect(partner.objectives).toBe(saved.objectives);
		// The agenda's sections and subjects are part of the invitation; its context and status are not.
		expect(partner.agenda.map((a) => a.section)).toEqual([...Array(7).fill(null), 'Divers', 'Divers']);
		expect(partner.agenda.every((a) => a.subject && a.context === '' && a.status === '')).toBe(true);
		expect([partner.lessons, partner.consensus, partner.perspectives]).toEqual([[], [], []]);
		expect([partner.attendance, partner.actions]).toEqual([[], []]);
		await t.db.update(meeting).set({ state: 'published' }).where(eq(meeting.id, saved.id));
		const published = await getMeeting(await world.as('focalPointA'), saved.id);
		expect(published.minutesVisible).toBe(true);
		expect(published.agenda[2]!.context).toMatch(/^<p>En 2017/);
		expect(published.actions).toHaveLength(4);
		expect(published.attendance.map((a) => a.name)).toContain('Sigfrido Romeo');
		await expect(getMeeting(await world.as('visitor'), saved.id)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
	});

	it('lists meetings by cluster, state and period, each saying whether its minutes may be read', async () => {
		const partner = await world.as('focalPointA');
		const { items, total } = await pageOfMeetings(partner, {
			cluster: code.toLowerCase(),
			state: 'published'
		});
		expect(total).toBeGreaterThan(0);
		expect(items.every((m) => m.clusterCode === code && m.state === 'published' && m.minutesVisible)).toBe(
			true
		);
		const held = await listMeetings(partner, { cluster: code, state: 'held' });
		expect(held.length).toBeGreaterThan(0);
		expect(held.every((m) => !m.minutesVisible && !m.canEdit)).toBe(true);
		expect(await listMeetings(partner, { cluster: code, from: '2016-10-21' })).toEqual([]);
		expect(
			(await listMeetings(partner, { cluster: code, from: '2016-10-20', to: '2016-10-20' })).length
		).toBe((await listMeetings(partner, { cluster: code })).length);
		await expect(listMeetings(partner, { from: 'yesterday' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('refuses partners, other clusters and bad input, writing nothing', async () => {
		const before = await auditCount(t.db);
		const [meetings] = await t.db.select({ n: count() }).from(meeting);
		await expect(createMeeting(await world.as('focalPointA'), code, draft())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(createMeeting(await world.as('observer'), code, draft())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(createMeeting(await world.as('coordinator'), 'NOPE', draft())).rejects.toBeInstanceOf(
			NotFoundError
		);
		const backwards = await createMeeting(await world.as('coordinator'), code, {
			...draft(),
			startTime: '14:30',
			endTime: '09:00'
		}).catch((e: unknown) => e);
		expect(backwards).toBeInstanceOf(ValidationError);
		expect((backwards as ValidationError).errors).toContainEqual({
			path: 'endTime',
			message: m.minutes_error_end_before_start({}, { locale: 'fr' })
		});
		const undated = await createMeeting(await world.as('coordinator'), code, {
			...draft(),
			date: null
		}).catch((e: unknown) => e);
		expect(undated).toBeInstanceOf(ValidationError);
		expect(await auditCount(t.db)).toBe(before);
		expect((await t.db.select({ n: count() }).from(meeting))[0]!.n).toBe(meetings!.n);
	});

	it('keeps who attended as they were that day, until the person asks to be erased', async () => {
		const [row] = await t.db
			.insert(person)
			.values({ name: 'Awa Diarra', email: 'awa@example.org', jobTitle: 'Chargée de projet' })
			.returning();
		const saved = await createMeeting(await world.as('coordinator'), code, {
			...draft(),
			participants: [
				{
					personId: row!.id,
					name: 'Awa Diarra',
					organisation: 'OIM',
					function: 'Chargée de projet',
					email: 'awa@example.org'
				}
			]
		});
		await t.db.update(person).set({ jobTitle: 'Directrice' }).where(eq(person.id, row!.id));
		const [kept] = await t.db.select().from(attendance).where(eq(attendance.meetingId, saved.id));
		expect([kept!.name, kept!.function]).toEqual(['Awa Diarra', 'Chargée de projet']);
		await erasePerson(await world.as('admin'), row!.id);
		const [erased] = await t.db.select().from(attendance).where(eq(attendance.meetingId, saved.id));
		expect(erased!.name).not.toContain('Awa');
		expect(erased!.email).toBeNull();
	});
});
