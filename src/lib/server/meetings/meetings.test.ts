import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { attendance, cluster, meeting, person } from '../db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { readMinutesText } from './minutes/read-text';
import { erasePerson } from '../directory/erase-person';
import { createMeeting, getMeeting } from './meetings';

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
		const read = await getMeeting(await world.as('focalPointA'), saved.id);
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
		expect(read.canEdit).toBe(false);
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
