import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { useApiClient } from '../../../../tests/api-client';
import { attendance, meeting, person } from '../db/schema';

describe(`API /meetings/{id}/attendance [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t, { language: 'en' });
	let world: World;
	let meetingId = '';
	let awa = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const users = {
			...world.users,
			washCoordinator: await addUser(t.db, {
				email: `wash-api-${world.clusterWash}@example.org`,
				name: 'WASH coordinator',
				grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
			})
		};
		await tokensFor(users);
		const [row] = await t.db
			.insert(meeting)
			.values({ clusterId: world.clusterEr, title: 'Réunion CRP', kind: 'cluster-meeting', state: 'held' })
			.returning();
		meetingId = row!.id;
		const [p] = await t.db
			.insert(person)
			.values({ name: 'Awa Traoré', jobTitle: 'Chargée de programme', organisationId: world.orgA })
			.returning();
		awa = p!.id;
	});

	it('adds from the directory, lists, changes the status and removes', async () => {
		const added = await call('POST', `/meetings/${meetingId}/attendance`, {
			as: 'coordinator',
			body: { personId: awa }
		});
		expect(added.status).toBe(201);
		const row = await added.json();
		expect(row).toMatchObject({
			personId: awa,
			name: 'Awa Traoré',
			function: 'Chargée de programme',
			organisationName: 'OA',
			status: 'present'
		});
		expect(added.headers.get('location')).toBe(`/api/v1/attendance/${row.id}`);

		const again = await call('POST', `/meetings/${meetingId}/attendance`, {
			as: 'coordinator',
			body: { personId: awa }
		});
		expect(again.status).toBe(409);
		expect((await again.json()).errors[0].message).toBe("Awa Traoré is already on this meeting's list.");

		const patched = await call('PATCH', `/attendance/${row.id}`, {
			as: 'coordinator',
			body: { status: 'excused' }
		});
		expect(patched.status).toBe(200);
		expect((await patched.json()).status).toBe('excused');
		const bad = await call('PATCH', `/attendance/${row.id}`, { as: 'coordinator', body: { status: 'gone' } });
		expect(bad.status).toBe(400);
		expect((await bad.json()).errors).toEqual([
			{ path: 'status', message: 'Choose a status: invited, present or excused.' }
		]);

		const list = await call('GET', `/meetings/${meetingId}/attendance`, { as: 'coordinator' });
		expect(await list.json()).toMatchObject({ total: 1, items: [{ id: row.id, status: 'excused' }] });

		expect((await call('DELETE', `/attendance/${row.id}`, { as: 'coordinator' })).status).toBe(204);
		expect(await t.db.select().from(attendance).where(eq(attendance.id, row.id))).toEqual([]);
	});

	it('adds a new person after a look-alike warning', async () => {
		const body = { organisationId: world.orgA, name: 'Awa Traore', email: 'awa2@oa.example.org' };
		const warned = await call('POST', `/meetings/${meetingId}/attendance`, { as: 'coordinator', body });
		expect(warned.status).toBe(409);
		expect((await warned.json()).errors[0].message).toContain(awa);
		const created = await call('POST', `/meetings/${meetingId}/attendance`, {
			as: 'coordinator',
			body: { ...body, notDuplicate: true, status: 'invited' }
		});
		expect(created.status).toBe(201);
		const row = await created.json();
		expect(row).toMatchObject({ name: 'Awa Traore', organisationName: 'OA', status: 'invited' });
		const [p] = await t.db.select().from(person).where(eq(person.id, row.personId));
		expect(p!.email).toBe('awa2@oa.example.org');
	});

	it('answers 403 to another cluster’s coordinator and to a partner, 401 to a visitor', async () => {
		const [row] = await t.db.select().from(attendance).where(eq(attendance.meetingId, meetingId));
		const before = await auditCount(t.db);
		for (const who of ['washCoordinator', 'focalPointA']) {
			const post = await call('POST', `/meetings/${meetingId}/attendance`, {
				as: who,
				body: { personId: awa }
			});
			expect(post.status).toBe(403);
			expect(
				(await call('PATCH', `/attendance/${row!.id}`, { as: who, body: { status: 'present' } })).status
			).toBe(403);
			expect((await call('DELETE', `/attendance/${row!.id}`, { as: who })).status).toBe(403);
			// The minutes are not published: their list is not for others yet.
			expect((await call('GET', `/meetings/${meetingId}/attendance`, { as: who })).status).toBe(403);
		}
		expect((await call('GET', `/meetings/${meetingId}/attendance`)).status).toBe(401);
		expect(
			(await call('GET', `/meetings/${crypto.randomUUID()}/attendance`, { as: 'coordinator' })).status
		).toBe(404);
		expect(await auditCount(t.db)).toBe(before);

		await t.db.update(meeting).set({ state: 'published' }).where(eq(meeting.id, meetingId));
		expect((await call('GET', `/meetings/${meetingId}/attendance`, { as: 'focalPointA' })).status).toBe(200);
	});

	it('is described in the OpenAPI document', async () => {
		const response = await call('GET', '/openapi.json');
		expect(response.status).toBe(200);
		const paths = (await response.json()).paths as Record<string, Record<string, { operationId: string }>>;
		expect(paths['/meetings/{id}/attendance']!.post!.operationId).toBe('addAttendee');
		expect(paths['/attendance/{id}']!.patch!.operationId).toBe('setAttendanceStatus');
		expect(paths['/attendance/{id}']!.delete!.operationId).toBe('removeAttendee');
	});
});
