import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, seedWorld, type World } from '../../../../tests/actors';
import { actionItem, actionReminder, mailOutbox, person, user } from '../db/schema';
import { sendActionReminders } from './reminders';

const URL = 'https://concerto.example.org';
const now = new Date('2016-10-19T07:00:00Z');

describe(`action reminders [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: World;
	let coordinatorEmail = '';
	let focalAEmail = '';

	beforeAll(async () => {
		w = await seedWorld(t.db);
		coordinatorEmail = (await emailOf(w.users.coordinator))!;
		focalAEmail = (await emailOf(w.users.focalPointA))!;
	});
	beforeEach(async () => {
		await t.db.delete(actionItem);
		await t.db.delete(mailOutbox);
	});

	async function emailOf(userId: string) {
		const [row] = await t.db.select({ email: user.email }).from(user).where(eq(user.id, userId));
		return row?.email;
	}

	async function addAction(values: Partial<typeof actionItem.$inferInsert> & { dueOn: string }) {
		const [row] = await t.db
			.insert(actionItem)
			.values({ clusterId: w.clusterEr, description: 'Partager la liste des projets', ...values })
			.returning();
		return row!;
	}

	const mails = () => t.db.select().from(mailOutbox);

	it('reminds the focal points of the responsible organisation a few days ahead, once', async () => {
		const item = await addAction({ dueOn: '2016-10-21', responsibleOrganisationId: w.orgA });
		expect(await sendActionReminders(t.db, now, URL)).toBe(1);
		const sent = await mails();
		expect(sent.map((m) => m.recipient)).toEqual([focalAEmail]);
		expect(sent[0]!.subject).toContain('21/10/2016');
		expect(sent[0]!.body).toContain('Partager la liste des projets');
		expect(sent[0]!.body).toContain(`${URL}/actions/${item.id}`);
		expect(await sendActionReminders(t.db, new Date(now.getTime() + 3_600_000), URL)).toBe(0);
		expect(await mails()).toHaveLength(1);
	});

	it('writes to the person named, in their language, before the organisation', async () => {
		const userId = await addUser(t.db, { email: 'moussa@example.org', name: 'Moussa', locale: 'en' });
		const [p] = await t.db
			.update(person)
			.set({ organisationId: w.orgA })
			.where(eq(person.userId, userId))
			.returning();
		await addAction({ dueOn: '2016-10-20', responsiblePersonId: p!.id, responsibleOrganisationId: w.orgA });
		await sendActionReminders(t.db, now, URL);
		const [mail] = await mails();
		expect(mail!.recipient).toBe('moussa@example.org');
		expect(mail!.subject).toMatch(/due by 20\/10\/2016/);
	});

	it('falls back on the cluster coordinators for a role such as "Coordinateur CRP"', async () => {
		await addAction({ dueOn: '2016-10-19', responsibleText: 'Coordinateur CRP' });
		await sendActionReminders(t.db, now, URL);
		expect((await mails()).map((m) => m.recipient)).toEqual([coordinatorEmail]);
	});

	it('sends the overdue step once the day has passed, and nothing for items done or long overdue', async () => {
		const late = await addAction({ dueOn: '2016-10-18', responsibleOrganisationId: w.orgA });
		await addAction({ dueOn: '2016-10-17', responsibleOrganisationId: w.orgA, status: 'done' });
		await addAction({ dueOn: '2016-09-01', responsibleOrganisationId: w.orgA });
		await addAction({ dueOn: '2016-11-15', responsibleOrganisationId: w.orgA });
		expect(await sendActionReminders(t.db, now, URL)).toBe(1);
		const [mail] = await mails();
		expect(mail!.subject).toMatch(/en retard depuis le 18\/10\/2016/);
		const steps = await t.db.select().from(actionReminder).where(eq(actionReminder.actionItemId, late.id));
		expect(steps.map((s) => [s.step, s.recipients])).toEqual([['overdue', 1]]);
	});

	it('reminds again when the due date moves, and for the overdue step after the "before" one', async () => {
		const item = await addAction({ dueOn: '2016-10-20', responsibleOrganisationId: w.orgA });
		await sendActionReminders(t.db, now, URL);
		await t.db.update(actionItem).set({ dueOn: '2016-10-22' }).where(eq(actionItem.id, item.id));
		await sendActionReminders(t.db, now, URL);
		await sendActionReminders(t.db, new Date('2016-10-23T07:00:00Z'), URL);
		const steps = await t.db
			.select({ step: actionReminder.step, dueOn: actionReminder.dueOn })
			.from(actionReminder)
			.where(inArray(actionReminder.actionItemId, [item.id]))
			.orderBy(actionReminder.sentAt, actionReminder.dueOn);
		expect(steps).toEqual([
			{ step: 'before', dueOn: '2016-10-20' },
			{ step: 'before', dueOn: '2016-10-22' },
			{ step: 'overdue', dueOn: '2016-10-22' }
		]);
		expect(await mails()).toHaveLength(3);
	});

	it('sends each reminder once when two instances run the job together', async () => {
		for (let i = 0; i < 10; i++) await addAction({ dueOn: '2016-10-21', responsibleOrganisationId: w.orgA });
		const other = await t.connectAgain();
		const [a, b] = await Promise.all([
			sendActionReminders(t.db, now, URL),
			sendActionReminders(other.db, now, URL)
		]);
		expect(a + b).toBe(10);
		expect(await mails()).toHaveLength(10);
	});
});
