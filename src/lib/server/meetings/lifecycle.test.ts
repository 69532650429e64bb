import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { attendance, mailOutbox, meeting } from '../db/schema';
import { ConflictError, ForbiddenError } from '../errors';
import { setMeetingState } from './lifecycle';

const URL = 'https://concerto.example.org';

describe(`meeting states [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: World;

	beforeAll(async () => {
		w = await seedWorld(t.db);
		await addUser(t.db, { email: 'awa@example.org', name: 'Awa', locale: 'en' });
	});

	async function addMeeting(values: Partial<typeof meeting.$inferInsert> = {}) {
		const [row] = await t.db
			.insert(meeting)
			.values({
				clusterId: w.clusterEr,
				title: 'Réunion mensuelle du CRP',
				kind: 'cluster-meeting',
				heldOn: '2016-10-20',
				...values
			})
			.returning();
		const people = [
			{ name: 'Awa', email: 'awa@example.org', status: 'present' as const },
			{ name: 'Ibrahim', email: 'IBRAHIM@example.org', status: 'excused' as const },
			{ name: 'Ibrahim again', email: 'ibrahim@example.org', status: 'invited' as const },
			{ name: 'Sans adresse', email: null, status: 'present' as const }
		];
		await t.db
			.insert(attendance)
			.values(people.map((p, i) => ({ ...p, meetingId: row!.id, position: i + 1 })));
		return row!;
	}

	const mailsFor = (id: string) =>
		t.db
			.select()
			.from(mailOutbox)
			.then((rows) => rows.filter((r) => r.body.includes(`${URL}/meetings/${id}`)));

	it('goes planned → held → published, mailing each participant once in their language', async () => {
		const m = await addMeeting();
		const coordinator = await w.as('coordinator');
		await setMeetingState(coordinator, m.id, 'held', URL);
		const audits = await auditCount(t.db);
		const { meeting: published, mailed } = await setMeetingState(coordinator, m.id, 'published', URL);
		expect(published.state).toBe('published');
		expect(published.publishedAt).toBeInstanceOf(Date);
		expect(mailed).toBe(2);
		expect(await auditCount(t.db)).toBe(audits + 1);
		const mails = await mailsFor(m.id);
		expect(mails.map((x) => x.recipient).sort()).toEqual(['awa@example.org', 'ibrahim@example.org']);
		const english = mails.find((x) => x.recipient === 'awa@example.org')!;
		expect(english.subject).toContain('Minutes published: Réunion mensuelle du CRP');
		expect(english.body).toContain('20/10/2016');
		const french = mails.find((x) => x.recipient === 'ibrahim@example.org')!;
		expect(french.subject).toContain('Compte rendu publié');
	});

	it('withdraws minutes for a correction and publishes them again without mailing twice', async () => {
		const m = await addMeeting({ state: 'published', publishedAt: new Date('2016-10-22T10:00:00Z') });
		const coordinator = await w.as('coordinator');
		await setMeetingState(coordinator, m.id, 'held', URL);
		const { mailed } = await setMeetingState(coordinator, m.id, 'published', URL);
		expect(mailed).toBe(0);
		expect(await mailsFor(m.id)).toEqual([]);
	});

	it('refuses a move the states do not allow, naming both states, and changes nothing', async () => {
		const m = await addMeeting();
		const audits = await auditCount(t.db);
		const refusal = setMeetingState(await w.as('coordinator'), m.id, 'published', URL);
		await expect(refusal).rejects.toBeInstanceOf(ConflictError);
		await expect(refusal).rejects.toMatchObject({
			errors: [{ message: expect.stringMatching(/« Prévue ».*« Compte rendu publié »/) }]
		});
		expect(await auditCount(t.db)).toBe(audits);
		const [row] = await t.db.select().from(meeting).where(eq(meeting.id, m.id));
		expect(row!.state).toBe('planned');
	});

	it('will not publish minutes without the meeting date', async () => {
		const m = await addMeeting({ heldOn: null, state: 'held' });
		await expect(
			setMeetingState(await w.as('coordinator', 'en'), m.id, 'published', URL)
		).rejects.toMatchObject({
			errors: [{ message: "Enter the meeting's date before publishing its minutes." }]
		});
	});

	it('lets only the coordinators of the meeting cluster move it', async () => {
		const m = await addMeeting();
		for (const who of ['focalPointA', 'observer'] as const)
			await expect(setMeetingState(await w.as(who), m.id, 'held', URL)).rejects.toBeInstanceOf(
				ForbiddenError
			);
		const other = await addUser(t.db, {
			email: 'wash-coordinator@example.org',
			name: 'WASH',
			grants: [{ role: 'coordinator', clusterId: w.clusterWash }]
		});
		await expect(setMeetingState(await ctxFor(t.db, other), m.id, 'held', URL)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		const [row] = await t.db.select().from(meeting).where(eq(meeting.id, m.id));
		expect(row!.state).toBe('planned');
	});
});
