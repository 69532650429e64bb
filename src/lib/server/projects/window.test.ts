import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor } from '../../../../tests/actors';
import { addProject, seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { auditEvent, cluster, planQuestion, submissionWindow } from '../db/schema';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../errors';
import {
	acceptsSubmission,
	assertAcceptsSubmission,
	closeWindow,
	getWindow,
	getWindows,
	listOpenWindows,
	openWindow,
	readSubmissionSettings,
	windowState
} from './window';
import { createQuestion } from './questions';

/** 10 January 2017, 10:00 in Bamako (UTC all year). */
const now = new Date('2017-01-10T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe(`submission window [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;
	let er = '';
	let wash = '';
	let informationManager = '';
	let washCoordinator = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		const codes = await t.db.select().from(cluster);
		er = codes.find((c) => c.id === w.clusterEr)!.code;
		wash = codes.find((c) => c.id === w.clusterWash)!.code;
		informationManager = await addUser(t.db, {
			email: `im-${er}@example.org`,
			name: 'Information manager',
			grants: [{ role: 'information-manager', clusterId: w.clusterEr }]
		});
		washCoordinator = await addUser(t.db, {
			email: `coord-${wash}@example.org`,
			name: 'WASH coordinator',
			grants: [{ role: 'coordinator', clusterId: w.clusterWash }]
		});
	});
	beforeEach(async () => {
		await t.db.delete(submissionWindow);
		await setPlanStatus(t.db, w.plan.id, 'draft');
	});

	const erWindow = (when = now) => getWindow(t.db, w.plan.id, w.clusterEr, when);
	const project = (reopened = false) => ({ planId: w.plan.id, clusterId: w.clusterEr, reopened });

	it('is never opened at first: nothing is accepted but a project a coordinator reopened', async () => {
		expect(await erWindow()).toEqual({
			status: 'never-opened',
			deadline: null,
			openedAt: null,
			closedAt: null,
			expired: false,
			daysLeft: null
		});
		expect(await acceptsSubmission(t.db, project(), now)).toBe(false);
		expect(await acceptsSubmission(t.db, project(true), now)).toBe(true);
		await expect(assertAcceptsSubmission(t.db, project(), 'fr', now)).rejects.toThrow(
			`Les soumissions de projets au cluster ${er} ne sont pas encore ouvertes.`
		);
	});

	it('opens with a deadline: submissions run to the end of that day in Bamako, then stop by themselves', async () => {
		const before = await auditCount(t.db);
		const opened = await openWindow(
			await w.as('coordinator'),
			w.plan.id,
			er.toLowerCase(),
			{ deadline: '2017-01-20' },
			now
		);
		expect(opened).toMatchObject({ status: 'open', deadline: '2017-01-20', daysLeft: 10, expired: false });
		expect(opened.openedAt).toEqual(now);
		expect(await auditCount(t.db)).toBe(before + 1);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.entityType, 'submission-window'),
					eq(auditEvent.entityId, w.planClusterIds[w.clusterEr]!)
				)
			);
		expect(event).toMatchObject({ action: 'open', actorUserId: w.users.coordinator });
		expect(event!.after).toMatchObject({ status: 'open', deadline: '2017-01-20', cluster: er });

		expect(await acceptsSubmission(t.db, project(), at('2017-01-20T23:59:59Z'))).toBe(true);
		expect((await erWindow(at('2017-01-20T12:00:00Z'))).daysLeft).toBe(0);
		// The day after the deadline: closed, though no one closed it.
		expect(await acceptsSubmission(t.db, project(), at('2017-01-21T00:00:00Z'))).toBe(false);
		expect(await acceptsSubmission(t.db, project(true), at('2017-01-21T00:00:00Z'))).toBe(true);
		expect(await erWindow(at('2017-01-21T08:00:00Z'))).toMatchObject({
			status: 'closed',
			expired: true,
			closedAt: null,
			daysLeft: null
		});
		await expect(assertAcceptsSubmission(t.db, project(), 'en', at('2017-01-21T08:00:00Z'))).rejects.toThrow(
			`The deadline for submissions to the ${er} cluster was 20/01/2017; only the cluster's coordination can reopen a project.`
		);
		// The other cluster of the plan has its own window.
		expect((await getWindow(t.db, w.plan.id, w.clusterWash, now)).status).toBe('never-opened');
		expect((await getWindows(t.db, w.plan.id, now)).get(w.clusterEr)?.status).toBe('open');
	});

	it('extends the deadline, also once it has passed, keeping the day it opened', async () => {
		const coordinator = await w.as('coordinator');
		await openWindow(coordinator, w.plan.id, er, { deadline: '2017-01-20' }, now);
		const later = at('2017-01-25T09:00:00Z');
		const extended = await openWindow(coordinator, w.plan.id, er, { deadline: '2017-01-31' }, later);
		expect(extended).toMatchObject({ status: 'open', deadline: '2017-01-31', daysLeft: 6, openedAt: now });
		const actions = await t.db
			.select({ action: auditEvent.action })
			.from(auditEvent)
			.where(eq(auditEvent.entityId, w.planClusterIds[w.clusterEr]!))
			.orderBy(auditEvent.id);
		expect(actions.map((a) => a.action).slice(-2)).toEqual(['open', 'update']);
	});

	it('opens without a deadline when none is given', async () => {
		const opened = await openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '' }, now);
		expect(opened).toMatchObject({ status: 'open', deadline: null, daysLeft: null });
		expect(await acceptsSubmission(t.db, project(), at('2017-12-31T23:00:00Z'))).toBe(true);
	});

	it('is closed by an information manager of the cluster; closing twice is refused', async () => {
		await openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '2017-01-20' }, now);
		const manager = await ctxFor(t.db, informationManager);
		const closedAt = at('2017-01-12T16:00:00Z');
		const closed = await closeWindow(manager, w.plan.id, er, closedAt);
		expect(closed).toMatchObject({ status: 'closed', deadline: '2017-01-20', closedAt, expired: false });
		expect(await acceptsSubmission(t.db, project(), at('2017-01-13T10:00:00Z'))).toBe(false);
		expect(await acceptsSubmission(t.db, project(true), at('2017-01-13T10:00:00Z'))).toBe(true);
		await expect(assertAcceptsSubmission(t.db, project(), 'fr', at('2017-01-13T10:00:00Z'))).rejects.toThrow(
			`sont closes depuis le 12/01/2017`
		);
		const before = await auditCount(t.db);
		await expect(closeWindow(manager, w.plan.id, er, closedAt)).rejects.toThrow(ConflictError);
		expect(await auditCount(t.db)).toBe(before);
		// Opening again starts a new period.
		const reopened = await openWindow(
			manager,
			w.plan.id,
			er,
			{ deadline: '2017-01-30' },
			at('2017-01-14T08:00:00Z')
		);
		expect(reopened).toMatchObject({ status: 'open', closedAt: null, openedAt: at('2017-01-14T08:00:00Z') });
	});

	it('refuses partners, observers, visitors and the coordinators of another cluster; nothing changes', async () => {
		const before = await auditCount(t.db);
		for (const who of ['focalPointA', 'observer'] as const)
			await expect(
				openWindow(await w.as(who), w.plan.id, er, { deadline: '2017-01-20' }, now)
			).rejects.toThrow(ForbiddenError);
		await expect(
			openWindow(await w.as('visitor'), w.plan.id, er, { deadline: '2017-01-20' }, now)
		).rejects.toThrow(UnauthenticatedError);
		const other = await ctxFor(t.db, washCoordinator);
		await expect(openWindow(other, w.plan.id, er, { deadline: '2017-01-20' }, now)).rejects.toThrow(
			ForbiddenError
		);
		await expect(closeWindow(other, w.plan.id, er, now)).rejects.toThrow(ForbiddenError);
		// …who manages their own.
		await openWindow(other, w.plan.id, wash, { deadline: '2017-01-20' }, now);
		expect((await erWindow()).status).toBe('never-opened');
		expect(await auditCount(t.db)).toBe(before + 1);
	});

	it('refuses a deadline before today or that is no day, naming the field; nothing changes', async () => {
		const coordinator = await w.as('coordinator');
		const before = await auditCount(t.db);
		const past = await openWindow(coordinator, w.plan.id, er, { deadline: '2017-01-09' }, now).catch(
			(e) => e
		);
		expect(past).toBeInstanceOf(ValidationError);
		expect(past.errors).toEqual([
			{ path: 'deadline', message: "La date limite ne peut pas être antérieure à aujourd'hui (10/01/2017)." }
		]);
		for (const deadline of ['2017-02-30', '20/01/2017', 'demain']) {
			const bad = await openWindow(coordinator, w.plan.id, er, { deadline }, now).catch((e) => e);
			expect(bad).toBeInstanceOf(ValidationError);
			expect(bad.errors[0].path).toBe('deadline');
		}
		// Today itself is fine: the last day is today.
		expect((await openWindow(coordinator, w.plan.id, er, { deadline: '2017-01-10' }, now)).daysLeft).toBe(0);
		expect(await auditCount(t.db)).toBe(before + 1);
	});

	it('is frozen with a closed plan', async () => {
		await setPlanStatus(t.db, w.plan.id, 'closed');
		const before = await auditCount(t.db);
		await expect(
			openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '2017-01-20' }, now)
		).rejects.toThrow(ConflictError);
		expect((await erWindow()).status).toBe('never-opened');
		expect(await auditCount(t.db)).toBe(before);
	});

	it('lists the windows open today, soonest deadline first, for the partners’ pages', async () => {
		await openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '2017-01-31' }, now);
		await openWindow(await ctxFor(t.db, washCoordinator), w.plan.id, wash, { deadline: '2017-01-15' }, now);
		const open = await listOpenWindows(t.db, now);
		const ours = open.filter((o) => o.planId === w.plan.id);
		expect(ours.map((o) => [o.clusterCode, o.deadline, o.daysLeft])).toEqual([
			[wash, '2017-01-15', 5],
			[er, '2017-01-31', 21]
		]);
		expect((await listOpenWindows(t.db, at('2017-01-16T10:00:00Z'))).map((o) => o.clusterCode)).not.toContain(
			wash
		);
		expect((await listOpenWindows(t.db, now, [w.clusterEr])).map((o) => o.clusterCode)).toEqual([er]);
		await setPlanStatus(t.db, w.plan.id, 'closed');
		expect((await listOpenWindows(t.db, now)).filter((o) => o.planId === w.plan.id)).toEqual([]);
	});

	it('judges a project of the cluster by its own window (addProject fixture)', async () => {
		const p = await addProject(t.db, w, { status: 'draft' });
		expect(await acceptsSubmission(t.db, p, now)).toBe(false);
		await openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '2017-01-20' }, now);
		expect(await acceptsSubmission(t.db, p, now)).toBe(true);
		const washProject = await addProject(t.db, w, { clusterId: w.clusterWash });
		expect(await acceptsSubmission(t.db, washProject, now)).toBe(false);
	});

	it('gives the submissions page its window and the questions with their answers, in one read', async () => {
		await openWindow(await w.as('coordinator'), w.plan.id, er, { deadline: '2017-01-20' }, now);
		const q = await createQuestion(await w.as('coordinator'), w.plan.id, er, {
			labelFr: 'Expérience',
			kind: 'text'
		});
		await addProject(t.db, w, { status: 'submitted', answers: { [q.id]: 'Dix ans' } });
		const read = await readSubmissionSettings(await w.as('focalPointA'), w.plan.id, er.toLowerCase(), now);
		expect([read.window.status, read.window.daysLeft, read.canEdit, read.today]).toEqual([
			'open',
			10,
			false,
			'2017-01-10'
		]);
		expect(read.questions.map((x) => x.id)).toEqual([q.id]);
		expect(read.answered).toEqual({ [q.id]: 1 });
		expect((await readSubmissionSettings(await w.as('coordinator'), w.plan.id, er, now)).canEdit).toBe(true);
		await t.db.delete(planQuestion);
	});

	it('counts days in Bamako, whatever the time of day', () => {
		const row = {
			planClusterId: 'x',
			status: 'open' as const,
			deadline: '2017-01-11',
			openedAt: now,
			closedAt: null,
			updatedAt: now
		};
		expect(windowState(row, at('2017-01-10T23:59:00Z')).daysLeft).toBe(1);
		expect(windowState(row, at('2017-01-11T00:00:00Z')).daysLeft).toBe(0);
		expect(windowState(row, at('2017-01-12T00:00:00Z')).status).toBe('closed');
		expect(windowState({ ...row, status: 'closed' }, now)).toMatchObject({
			status: 'closed',
			expired: false
		});
	});
});
