import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser } from '../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import {
	auditEvent,
	cluster,
	mailOutbox,
	project,
	projectTransition,
	submissionWindow,
	user,
	type ProjectStatus
} from '../db/schema';
import { runDueJobs } from '../jobs/scheduler';
import { appJobs } from '../jobs/jobs';
import { sendSubmissionDigests } from './digest';
import { formatNumber } from '$lib/format';

const URL = 'https://concerto.example.org';
/** 15 January 2017, 08:00 in Bamako: the digest covers 14 January 07:00 to 15 January 07:00. */
const now = new Date('2017-01-15T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe(`daily digest of submissions [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;
	let er = '';
	let coordinatorEmail = '';
	let managerEmail = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		er = (await t.db.select().from(cluster).where(eq(cluster.id, w.clusterEr)))[0]!.code;
		managerEmail = `im-${er.toLowerCase()}@example.org`;
		await addUser(t.db, {
			email: managerEmail,
			name: 'Information manager',
			locale: 'en',
			grants: [{ role: 'information-manager', clusterId: w.clusterEr }]
		});
		// Coordinates WASH only: not written to about ER.
		await addUser(t.db, {
			email: `wash-${er.toLowerCase()}@example.org`,
			name: 'WASH',
			grants: [{ role: 'coordinator', clusterId: w.clusterWash }]
		});
		coordinatorEmail = (await t.db.select().from(user).where(eq(user.id, w.users.coordinator)))[0]!.email;
	});
	beforeEach(async () => {
		await t.db.delete(mailOutbox);
		await t.db.delete(project);
		await t.db.delete(submissionWindow);
		await t.db.delete(auditEvent).where(eq(auditEvent.action, 'digest'));
	});

	async function openEr(values: Partial<typeof submissionWindow.$inferInsert> = {}) {
		await t.db.insert(submissionWindow).values({
			planClusterId: w.planClusterIds[w.clusterEr]!,
			status: 'open',
			deadline: '2017-01-31',
			openedAt: at('2017-01-02T08:00:00Z'),
			...values
		});
	}

	/** A project of ER (unless said) that moved to `to` at `when`. */
	async function moved(
		when: string,
		to: ProjectStatus = 'submitted',
		from: ProjectStatus = 'draft',
		clusterId = w.clusterEr
	) {
		const p = await addProject(t.db, w, { status: to, clusterId });
		await t.db
			.insert(projectTransition)
			.values({ projectId: p.id, fromStatus: from, toStatus: to, actorLabel: 'focal', at: at(when) });
		return p;
	}

	const mails = () => t.db.select().from(mailOutbox);

	it('mails the cluster’s coordinators once a day the projects submitted or resubmitted in the 24 hours before 07:00', async () => {
		await openEr();
		const first = await moved('2017-01-14T09:00:00Z');
		const again = await moved('2017-01-15T06:59:00Z', 'submitted', 'revision-requested');
		const tooEarly = await moved('2017-01-14T06:59:00Z');
		const tooLate = await moved('2017-01-15T07:00:00Z');
		const reviewed = await moved('2017-01-14T10:00:00Z', 'under-review', 'submitted');
		await moved('2017-01-14T10:00:00Z', 'submitted', 'draft', w.clusterWash);

		expect(await sendSubmissionDigests(t.db, at('2017-01-15T06:30:00Z'), URL)).toBe(0);
		expect(await sendSubmissionDigests(t.db, now, URL)).toBe(1);
		const sent = await mails();
		expect(sent.map((m) => m.recipient).sort()).toEqual([coordinatorEmail, managerEmail].sort());
		const french = sent.find((m) => m.recipient === coordinatorEmail)!;
		expect(french.subject).toBe(
			`[${er}] Soumissions de projets : 2 en 24 h — Mali — Plan de réponse humanitaire 2017`
		);
		expect(french.body).toContain('du 14/01/2017 07:00 au 15/01/2017 07:00');
		const [budget, people] = [formatNumber(100_000, 'fr'), formatNumber(3_000, 'fr')];
		expect(french.body).toContain(
			`• ${first.code} — ${first.titleFr}\n  OA · ${budget} USD · ${people} personnes ciblées\n`
		);
		expect(french.body).toContain(`${again.code} — ${again.titleFr}`);
		expect(french.body).toContain('· resoumis après révision');
		expect(french.body).toContain(`${URL}/projects/${first.id}`);
		expect(french.body).toContain("Les soumissions restent ouvertes jusqu'au 31/01/2017 inclus.");
		for (const left of [tooEarly, tooLate, reviewed]) expect(french.body).not.toContain(left.code);
		const english = sent.find((m) => m.recipient === managerEmail)!;
		expect(english.subject).toBe(
			`[${er}] Project submissions: 2 in 24 h — Mali — Humanitarian Response Plan 2017`
		);
		expect(english.body).toContain('resubmitted after revision');

		// Later that day, nothing more.
		expect(await sendSubmissionDigests(t.db, at('2017-01-15T18:00:00Z'), URL)).toBe(0);
		expect(await mails()).toHaveLength(2);
		// The next day's digest starts where this one ended: the project submitted at 07:00 is in it.
		expect(await sendSubmissionDigests(t.db, at('2017-01-16T08:00:00Z'), URL)).toBe(1);
		const next = (await mails()).filter((m) => m.recipient === coordinatorEmail && m.id !== french.id);
		expect(next).toHaveLength(1);
		expect(next[0]!.subject).toContain(': 1 en 24 h');
		expect(next[0]!.body).toContain(tooLate.code);
		expect(next[0]!.body).not.toContain(first.code);
		// And the day after, without any submission, nothing.
		expect(await sendSubmissionDigests(t.db, at('2017-01-17T08:00:00Z'), URL)).toBe(0);
		expect(await mails()).toHaveLength(4);
		const records = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'digest'), eq(auditEvent.entityId, w.planClusterIds[w.clusterEr]!)))
			.orderBy(auditEvent.id);
		expect(records.map((r) => r.after)).toEqual([
			expect.objectContaining({
				day: '2017-01-15',
				projects: [first.code, again.code].sort(),
				recipients: 2
			}),
			expect.objectContaining({ day: '2017-01-16', projects: [tooLate.code], recipients: 2 })
		]);
		expect(records[0]!.actorLabel).toBe('system');
	});

	it('sends nothing for a window never opened or closed before the period; the last day of one closed during it', async () => {
		await moved('2017-01-14T09:00:00Z');
		expect(await sendSubmissionDigests(t.db, now, URL)).toBe(0);
		await openEr({ status: 'closed', closedAt: at('2017-01-13T17:00:00Z') });
		expect(await sendSubmissionDigests(t.db, now, URL)).toBe(0);
		await t.db
			.update(submissionWindow)
			.set({ closedAt: at('2017-01-14T17:00:00Z') })
			.where(eq(submissionWindow.planClusterId, w.planClusterIds[w.clusterEr]!));
		expect(await sendSubmissionDigests(t.db, now, URL)).toBe(1);
		const french = (await mails()).find((m) => m.recipient === coordinatorEmail)!;
		expect(french.body).toContain('Les soumissions sont closes depuis le 14/01/2017.');
	});

	it('makes up a missed hour: the day’s digest goes at the first run after 07:00', async () => {
		await openEr();
		await moved('2017-01-14T09:00:00Z');
		expect(await sendSubmissionDigests(t.db, at('2017-01-15T22:45:00Z'), URL)).toBe(1);
		expect(await mails()).toHaveLength(2);
	});

	it('sends each day’s digest once when two instances run the job together', async () => {
		await openEr();
		for (let i = 0; i < 3; i++) await moved(`2017-01-14T1${i}:00:00Z`);
		const other = await t.connectAgain();
		const [a, b] = await Promise.all([
			sendSubmissionDigests(t.db, now, URL),
			sendSubmissionDigests(other.db, now, URL)
		]);
		expect(a + b).toBe(1);
		expect(await mails()).toHaveLength(2);
	});

	it('runs as the scheduled job "project-digest"', async () => {
		await openEr();
		await moved('2017-01-14T09:00:00Z');
		const jobs = appJobs(URL).filter((j) => j.name === 'project-digest');
		expect(jobs).toHaveLength(1);
		expect(await runDueJobs(t.db, jobs, now)).toEqual(['project-digest']);
		expect(await mails()).toHaveLength(2);
		// Due again an hour later; the day's digest is not sent again.
		expect(jobs[0]!.next(now)).toEqual(at('2017-01-15T09:00:00Z'));
		expect(await runDueJobs(t.db, jobs, at('2017-01-15T09:00:00Z'))).toEqual(['project-digest']);
		expect(await mails()).toHaveLength(2);
	});
});
