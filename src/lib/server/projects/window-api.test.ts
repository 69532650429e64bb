import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount } from '../../../../tests/actors';
import { ok, problem, useApiClient } from '../../../../tests/api-client';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { cluster, planQuestion, submissionWindow } from '../db/schema';
import { addDays, today } from '../calendar/agenda';

type Who = 'coordinator' | 'focalPointA' | 'washCoordinator' | 'observer';

describe(`API submission windows and plan questions [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const api = useApiClient(t);
	let w: ProjectWorld;
	let er = '';
	let wash = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		const clusters = await t.db.select().from(cluster);
		er = clusters.find((c) => c.id === w.clusterEr)!.code;
		wash = clusters.find((c) => c.id === w.clusterWash)!.code;
		const washCoordinator = await addUser(t.db, {
			email: `wash-${er.toLowerCase()}@example.org`,
			name: 'WASH',
			grants: [{ role: 'coordinator', clusterId: w.clusterWash }]
		});
		await api.tokensFor({
			coordinator: w.users.coordinator,
			focalPointA: w.users.focalPointA,
			observer: w.users.observer,
			washCoordinator
		});
	});

	const call = (method: string, path: string, who?: Who, body?: unknown, language = 'fr') =>
		api.call(method, path, { as: who, body, language });
	const windowPath = () => `/plans/${w.plan.id}/submission-window?cluster=${er}`;
	const stored = async () =>
		(
			await t.db
				.select()
				.from(submissionWindow)
				.where(eq(submissionWindow.planClusterId, w.planClusterIds[w.clusterEr]!))
		)[0];

	it('reads a window never opened; visitors must sign in; an unknown cluster is not found', async () => {
		await problem(await call('GET', windowPath()), 401);
		const read = await ok(await call('GET', windowPath(), 'focalPointA'));
		expect(read).toMatchObject({
			planId: w.plan.id,
			cluster: { id: w.clusterEr, code: er },
			status: 'never-opened',
			deadline: null,
			openedAt: null,
			canEdit: false,
			today: today()
		});
		expect((await ok(await call('GET', windowPath(), 'coordinator'))).canEdit).toBe(true);
		await problem(await call('GET', `/plans/${w.plan.id}/submission-window?cluster=XX`, 'coordinator'), 404);
		await problem(await call('GET', `/plans/${w.plan.id}/submission-window`, 'coordinator'), 400);
	});

	it('opens and closes for the cluster’s coordinators only; refusals change nothing and leave no audit', async () => {
		const deadline = addDays(today(), 20);
		const before = await auditCount(t.db);
		await problem(await call('PUT', windowPath(), undefined, { status: 'open', deadline }), 401);
		for (const who of ['focalPointA', 'observer', 'washCoordinator'] as const)
			await problem(await call('PUT', windowPath(), who, { status: 'open', deadline }), 403);
		// A coordinator of another cluster is refused even with a body that is wrong.
		await problem(await call('PUT', windowPath(), 'washCoordinator', { status: 'half-open' }), 403);
		expect(await stored()).toBeUndefined();
		expect(await auditCount(t.db)).toBe(before);

		const bad = await problem(
			await call(
				'PUT',
				windowPath(),
				'coordinator',
				{ status: 'open', deadline: addDays(today(), -1) },
				'en'
			),
			400
		);
		expect(bad.errors).toEqual([
			{ path: 'deadline', message: expect.stringContaining('The deadline cannot be before today') }
		]);
		const state = await problem(await call('PUT', windowPath(), 'coordinator', { status: 'ajar' }), 400);
		expect(state.errors[0]).toEqual({
			path: 'status',
			message: "Choisissez l'état de la fenêtre : open (ouverte) ou closed (close)."
		});
		await problem(await call('PUT', windowPath(), 'coordinator', { status: 'closed' }), 409);
		expect(await stored()).toBeUndefined();
		expect(await auditCount(t.db)).toBe(before);

		const opened = await ok(await call('PUT', windowPath(), 'coordinator', { status: 'open', deadline }));
		expect(opened).toMatchObject({ status: 'open', deadline, daysLeft: 20, canEdit: true, closedAt: null });
		expect(new Date(opened.openedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
		expect(await auditCount(t.db)).toBe(before + 1);
		const read = await ok(await call('GET', windowPath(), 'focalPointA'));
		expect(read).toMatchObject({ status: 'open', deadline, daysLeft: 20 });

		const closed = await ok(await call('PUT', windowPath(), 'coordinator', { status: 'closed' }));
		expect(closed).toMatchObject({ status: 'closed', deadline });
		expect(closed.closedAt).toBeTruthy();
		expect(await auditCount(t.db)).toBe(before + 2);
		// The WASH coordinator manages their own cluster's window.
		await ok(
			await call('PUT', `/plans/${w.plan.id}/submission-window?cluster=${wash}`, 'washCoordinator', {
				status: 'open',
				deadline: null
			})
		);
	});

	it('creates, reads, changes, moves and deletes questions; partners read them only', async () => {
		const list = `/plans/${w.plan.id}/questions?cluster=${er}`;
		await problem(await call('GET', list), 401);
		const before = await auditCount(t.db);
		const body = {
			labelFr: 'Nombre de staff local',
			labelEn: 'Local staff',
			kind: 'number',
			required: true
		};
		for (const who of ['focalPointA', 'washCoordinator'] as const)
			await problem(await call('POST', list, who, body), 403);
		await problem(await call('POST', list, undefined, body), 401);
		expect(await auditCount(t.db)).toBe(before);
		const invalid = await problem(
			await call('POST', list, 'coordinator', {
				labelFr: 'Choix',
				kind: 'choice',
				choices: [{ labelFr: 'Oui' }]
			}),
			400
		);
		expect(invalid.errors).toEqual([
			{ path: 'choices', message: 'Une question à choix propose au moins deux choix.' }
		]);
		expect(await auditCount(t.db)).toBe(before);

		const created = await call('POST', list, 'coordinator', body);
		const number = await ok(created, 201);
		expect(created.headers.get('location')).toBe(`/api/v1/plan-questions/${number.id}`);
		expect(number).toMatchObject({
			...body,
			position: 1,
			choices: [],
			answeredBySubmitted: 0,
			canEdit: true
		});
		const choice = await ok(
			await call('POST', list, 'coordinator', {
				labelFr: 'Communautés consultées',
				kind: 'choice',
				choices: [{ labelFr: 'Oui' }, { labelFr: 'Non', labelEn: 'No' }]
			}),
			201
		);
		expect(choice.choices).toEqual([
			{ code: 'oui', labelFr: 'Oui', labelEn: 'Oui' },
			{ code: 'non', labelFr: 'Non', labelEn: 'No' }
		]);
		const read = await ok(await call('GET', list, 'focalPointA'));
		expect(read.total).toBe(2);
		expect(read.items.map((q: { labelFr: string; canEdit: boolean }) => [q.labelFr, q.canEdit])).toEqual([
			['Nombre de staff local', false],
			['Communautés consultées', false]
		]);

		// A PATCH names only what changes.
		await problem(
			await call('PATCH', `/plan-questions/${number.id}`, 'focalPointA', { required: false }),
			403
		);
		const patched = await ok(
			await call('PATCH', `/plan-questions/${number.id}`, 'coordinator', { required: false })
		);
		expect(patched).toMatchObject({
			labelFr: 'Nombre de staff local',
			labelEn: 'Local staff',
			required: false
		});
		const moved = await ok(
			await call('POST', `/plan-questions/${choice.id}/move`, 'coordinator', { direction: 'up' })
		);
		expect(moved.position).toBe(1);
		expect((await ok(await call('GET', `/plan-questions/${number.id}`, 'observer'))).position).toBe(2);

		// Answered by a submitted project: kept, and the API says so.
		await addProject(t.db, w, { status: 'submitted', answers: { [choice.id]: 'oui' } });
		expect(
			(await ok(await call('GET', `/plan-questions/${choice.id}`, 'coordinator'))).answeredBySubmitted
		).toBe(1);
		const refused = await problem(
			await call('DELETE', `/plan-questions/${choice.id}`, 'coordinator', undefined, 'en'),
			409
		);
		expect(refused.detail + JSON.stringify(refused.errors)).toContain(
			'1 submitted project(s) answered this question'
		);
		const afterRefusal = await auditCount(t.db);
		await problem(await call('DELETE', `/plan-questions/${number.id}`, 'washCoordinator'), 403);
		expect(await auditCount(t.db)).toBe(afterRefusal);
		expect((await call('DELETE', `/plan-questions/${number.id}`, 'coordinator')).status).toBe(204);
		expect(await auditCount(t.db)).toBe(afterRefusal + 1);
		await problem(await call('GET', `/plan-questions/${number.id}`, 'coordinator'), 404);
		expect((await t.db.select().from(planQuestion)).map((q) => q.id)).toEqual([choice.id]);
	});
});
