import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { attendance, auditEvent, meeting, person } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import {
	getAttendee,
	listAttendance,
	refreshAttendance,
	removeAttendee,
	setAttendanceStatus
} from './attendance';
import { addFromDirectory, addNewPerson, searchPeopleToAdd } from './attendance-add';

describe(`meeting attendance [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let meetingId = '';
	let washMeetingId = '';
	let awa = '';
	let washCoordinator = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		washCoordinator = await addUser(t.db, {
			email: `wash-${world.clusterWash}@example.org`,
			name: 'WASH coordinator',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		const [row] = await t.db
			.insert(meeting)
			.values({
				clusterId: world.clusterEr,
				title: 'Réunion CRP',
				kind: 'cluster-meeting',
				heldOn: '2016-10-20'
			})
			.returning();
		meetingId = row!.id;
		const [wash] = await t.db
			.insert(meeting)
			.values({ clusterId: world.clusterWash, title: 'Réunion WASH', kind: 'cluster-meeting', state: 'held' })
			.returning();
		washMeetingId = wash!.id;
		const [p] = await t.db
			.insert(person)
			.values({
				name: 'Awa Traoré',
				jobTitle: 'Chargée de programme',
				email: 'awa.traore@oa.example.org',
				organisationId: world.orgA
			})
			.returning();
		awa = p!.id;
	});

	const rowsOf = (id: string) => t.db.select().from(attendance).where(eq(attendance.meetingId, id));

	it('adds someone found in the directory with their name, function and organisation of the day', async () => {
		const coordinator = await world.as('coordinator');
		const found = await searchPeopleToAdd(coordinator, meetingId, 'traore');
		expect(found.items.map((p) => [p.name, p.onList])).toEqual([['Awa Traoré', false]]);
		// An empty search lists nobody: there is no list of the whole directory.
		expect((await searchPeopleToAdd(coordinator, meetingId, '  ')).items).toEqual([]);

		const before = await auditCount(t.db);
		const row = await addFromDirectory(coordinator, meetingId, { personId: awa });
		expect(row).toMatchObject({
			personId: awa,
			organisationId: world.orgA,
			name: 'Awa Traoré',
			function: 'Chargée de programme',
			organisationName: 'OA',
			email: 'awa.traore@oa.example.org',
			// The meeting is still planned: people are invited to it.
			status: 'invited',
			position: 1
		});
		expect(await auditCount(t.db)).toBe(before + 1);
		expect((await searchPeopleToAdd(coordinator, meetingId, 'awa')).items[0]!.onList).toBe(true);

		// Her record changes later: the list keeps what it recorded.
		await t.db.update(person).set({ jobTitle: 'Directrice pays' }).where(eq(person.id, awa));
		expect((await listAttendance(coordinator, meetingId)).rows[0]!.function).toBe('Chargée de programme');
	});

	it('refuses someone already on the list, saying who', async () => {
		const coordinator = await world.as('coordinator', 'en');
		const before = await auditCount(t.db);
		const error = await addFromDirectory(coordinator, meetingId, { personId: awa }).catch((e) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors[0]!.message).toBe(
			m.attendance_error_already_listed({ name: 'Awa Traoré' }, { locale: 'en' })
		);
		expect(await rowsOf(meetingId)).toHaveLength(1);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('refuses an unknown or erased person and a bad status, changing nothing', async () => {
		const coordinator = await world.as('coordinator');
		await expect(
			addFromDirectory(coordinator, meetingId, { personId: crypto.randomUUID() })
		).rejects.toBeInstanceOf(ValidationError);
		await expect(addFromDirectory(coordinator, meetingId, { personId: 'awa' })).rejects.toBeInstanceOf(
			ValidationError
		);
		const [erased] = await t.db
			.insert(person)
			.values({ name: 'Effacé', erasedAt: new Date() })
			.returning({ id: person.id });
		await expect(addFromDirectory(coordinator, meetingId, { personId: erased!.id })).rejects.toBeInstanceOf(
			ValidationError
		);
		const [row] = await rowsOf(meetingId);
		const error = await setAttendanceStatus(coordinator, row!.id, { status: 'absent' }).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'status', message: m.attendance_error_status({}, { locale: 'fr' }) }
		]);
		expect((await rowsOf(meetingId))[0]!.status).toBe('invited');
	});

	it('warns of look-alikes before creating a new person, then creates person and row together', async () => {
		const coordinator = await world.as('coordinator');
		const people = async () => (await t.db.select({ n: count() }).from(person))[0]!.n;
		const start = await people();
		const input = {
			organisationId: world.orgA,
			name: 'Awa Traore',
			jobTitle: 'Assistante',
			email: 'awa@oa.example.org',
			status: 'present'
		};
		const warned = await addNewPerson(coordinator, meetingId, input);
		expect(warned.added).toBe(false);
		expect(!warned.added && warned.similar.map((s) => s.id)).toEqual([awa]);
		expect(await people()).toBe(start);
		expect(await rowsOf(meetingId)).toHaveLength(1);

		const done = await addNewPerson(coordinator, meetingId, { ...input, notDuplicate: 'yes' });
		expect(done.added).toBe(true);
		if (!done.added) return;
		expect(done.person).toMatchObject({
			name: 'Awa Traore',
			jobTitle: 'Assistante',
			organisationId: world.orgA
		});
		expect(done.row).toMatchObject({
			personId: done.person.id,
			name: 'Awa Traore',
			function: 'Assistante',
			organisationName: 'OA',
			status: 'present',
			position: 2
		});
		expect(await people()).toBe(start + 1);
		const audited = await t.db.select().from(auditEvent).where(eq(auditEvent.entityId, done.person.id));
		expect(audited.map((a) => [a.entityType, a.action])).toEqual([['person', 'create']]);

		// Nobody alike: created straight away.
		const fresh = await addNewPerson(coordinator, meetingId, {
			organisationId: world.orgB,
			name: 'Moussa Keïta',
			email: ''
		});
		expect(fresh.added && fresh.row.organisationName).toBe('OB');
	});

	it('saves neither the person nor the row when the new person is refused', async () => {
		const coordinator = await world.as('coordinator');
		const before = await auditCount(t.db);
		const people = (await t.db.select({ n: count() }).from(person))[0]!.n;
		await expect(
			addNewPerson(coordinator, meetingId, { name: 'Personne', email: 'pas-un-mail', notDuplicate: true })
		).rejects.toBeInstanceOf(ValidationError);
		await expect(
			addNewPerson(coordinator, meetingId, {
				name: 'Personne',
				organisationId: crypto.randomUUID(),
				notDuplicate: true
			})
		).rejects.toBeInstanceOf(ValidationError);
		expect((await t.db.select({ n: count() }).from(person))[0]!.n).toBe(people);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('changes a status, refreshes from the directory and removes, each audited', async () => {
		const coordinator = await world.as('coordinator');
		const [row] = (await listAttendance(coordinator, meetingId)).rows;
		const before = await auditCount(t.db);
		expect((await setAttendanceStatus(coordinator, row!.id, { status: 'excused' }, meetingId)).status).toBe(
			'excused'
		);
		// The row id must be one of that meeting's.
		await expect(
			setAttendanceStatus(coordinator, row!.id, { status: 'present' }, washMeetingId)
		).rejects.toBeInstanceOf(NotFoundError);

		expect(await refreshAttendance(coordinator, meetingId)).toBe(1);
		expect((await getAttendee(coordinator, row!.id)).function).toBe('Directrice pays');
		expect(await refreshAttendance(coordinator, meetingId)).toBe(0);

		await removeAttendee(coordinator, row!.id, meetingId);
		expect((await listAttendance(coordinator, meetingId)).rows.map((r) => r.name)).not.toContain(
			'Awa Traoré'
		);
		expect(await auditCount(t.db)).toBe(before + 3);

		await t.db.update(meeting).set({ state: 'published' }).where(eq(meeting.id, meetingId));
		await expect(refreshAttendance(coordinator, meetingId)).rejects.toBeInstanceOf(ConflictError);
	});

	it('refuses partners and other clusters’ coordinators; hides the list until the minutes are published', async () => {
		const [row] = await rowsOf(washMeetingId).then(async (rows) =>
			rows.length
				? rows
				: [await addFromDirectory(await ctxFor(t.db, washCoordinator), washMeetingId, { personId: awa })]
		);
		const before = await auditCount(t.db);
		for (const who of [
			await world.as('coordinator'),
			await world.as('focalPointA'),
			await world.as('observer')
		]) {
			await expect(addFromDirectory(who, washMeetingId, { personId: awa })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(
				addNewPerson(who, washMeetingId, { name: 'Intrus', notDuplicate: true })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(setAttendanceStatus(who, row!.id, { status: 'present' })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(removeAttendee(who, row!.id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(searchPeopleToAdd(who, washMeetingId, 'awa')).rejects.toBeInstanceOf(ForbiddenError);
			// Held but not published: the list is not theirs to read yet.
			await expect(listAttendance(who, washMeetingId)).rejects.toBeInstanceOf(ForbiddenError);
		}
		expect(await auditCount(t.db)).toBe(before);
		await expect(listAttendance(await world.as('visitor'), meetingId)).rejects.toThrow();
		// Published: every signed-in user reads it.
		expect((await listAttendance(await world.as('focalPointA'), meetingId)).meeting.canEdit).toBe(false);
		await expect(listAttendance(await world.as('coordinator'), crypto.randomUUID())).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
