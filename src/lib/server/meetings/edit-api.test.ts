import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { ok, useApiClient, type Json } from '../../../../tests/api-client';
import { cluster } from '../db/schema';
import { m } from '$lib/paraglide/messages';

describe(`API /meetings: planning and editing [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: World;
	let code = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const washCoordinator = await addUser(t.db, {
			email: `wash-meetings-api-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		await tokensFor({ ...world.users, washCoordinator });
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
	});

	const planned = {
		title: 'Réunion mensuelle du CRP',
		kind: 'cluster-meeting',
		date: '2016-11-17',
		startTime: '14:30',
		endTime: '16:00',
		place: 'PNUD',
		objectives: '<p>Point sur le HRP<script>x()</script></p>'
	};

	it('lets a coordinator plan a meeting, build its agenda and lists, then delete it', async () => {
		const posted = await call('POST', `/meetings?cluster=${code}`, { as: 'coordinator', body: planned });
		const created = await ok(posted, 201);
		expect(posted.headers.get('location')).toBe(`/api/v1/meetings/${created.id}`);
		expect(created).toMatchObject({
			clusterCode: code,
			state: 'planned',
			date: '2016-11-17',
			objectives: '<p>Point sur le HRP</p>',
			canEdit: true,
			minutesVisible: true,
			agenda: []
		});
		const path = `/meetings/${created.id}`;
		const hrp = await ok(
			await call('POST', `${path}/agenda-items`, {
				as: 'coordinator',
				body: { subject: 'HRP 2017', context: '<p>HNO validé</p>', status: 'En cours' }
			}),
			201
		);
		const misc = await call('POST', `${path}/agenda-items`, {
			as: 'coordinator',
			body: { subject: 'Nouveaux partenaires', section: 'Divers' }
		});
		expect(misc.headers.get('location')).toMatch(/^\/api\/v1\/agenda-items\/[0-9a-f-]{36}$/);
		// A PATCH changes only what it sends; `position` moves the item.
		const moved = await ok(
			await call('PATCH', `/agenda-items/${hrp.id}`, { as: 'coordinator', body: { position: 2 } })
		);
		expect(moved).toMatchObject({ subject: 'HRP 2017', context: '<p>HNO validé</p>', position: 2 });
		const lessons = await ok(
			await call('PUT', `${path}/notes/lessons`, {
				as: 'coordinator',
				body: { items: ['Envoyer le HNO plus tôt', ''] }
			})
		);
		expect(lessons.lessons).toEqual(['Envoyer le HNO plus tôt']);
		expect(lessons.agenda.map((a: Json) => [a.section, a.subject])).toEqual([
			['Divers', 'Nouveaux partenaires'],
			[null, 'HRP 2017']
		]);
		const renamed = await ok(
			await call('PATCH', path, {
				as: 'coordinator',
				body: { place: 'NRC', version: lessons.version }
			})
		);
		expect(renamed).toMatchObject({ title: planned.title, place: 'NRC', startTime: '14:30' });

		// A partner reads the invitation, not the minutes, until they are published.
		const partner = await ok(await call('GET', path, { as: 'focalPointA' }));
		expect(partner).toMatchObject({ canEdit: false, minutesVisible: false, lessons: [], place: 'NRC' });
		expect(partner.agenda.map((a: Json) => [a.subject, a.context])).toEqual([
			['Nouveaux partenaires', ''],
			['HRP 2017', '']
		]);
		const list = await ok(
			await call('GET', `/meetings?cluster=${code}&from=2016-11-01`, { as: 'focalPointA' })
		);
		expect(list.items.map((i: Json) => [i.id, i.date, i.minutesVisible])).toEqual([
			[created.id, '2016-11-17', false]
		]);
		expect(list.total).toBe(1);

		await ok(await call('DELETE', `/agenda-items/${hrp.id}`, { as: 'coordinator' }), 204);
		await ok(await call('DELETE', path, { as: 'coordinator' }), 204);
		expect((await call('GET', path, { as: 'coordinator' })).status).toBe(404);
	});

	it('moves a meeting planned → held → published, by its coordinators only', async () => {
		const created = await ok(
			await call('POST', `/meetings?cluster=${code}`, { as: 'coordinator', body: planned }),
			201
		);
		const state = (as: string, value: string, language?: string) =>
			call('POST', `/meetings/${created.id}/state`, { as, body: { state: value }, language });
		expect((await state('focalPointA', 'held')).status).toBe(403);
		expect((await state('washCoordinator', 'held')).status).toBe(403);
		const unknown = await state('coordinator', 'archived', 'en');
		expect(unknown.status).toBe(400);
		expect(((await unknown.json()) as Json).errors[0].message).toBe(
			m.meetingmail_error_state({}, { locale: 'en' })
		);
		const skipped = await state('coordinator', 'published');
		expect(skipped.status).toBe(409);
		expect(await ok(await state('coordinator', 'held'))).toMatchObject({ state: 'held', mailed: 0 });
		const audits = await auditCount(t.db);
		const published = await ok(await state('coordinator', 'published'));
		expect(published).toMatchObject({ state: 'published', minutesVisible: true, mailed: 0 });
		expect(published.publishedAt).not.toBeNull();
		expect(await auditCount(t.db)).toBe(audits + 1);
		const partner = await ok(await call('GET', `/meetings/${created.id}`, { as: 'focalPointA' }));
		expect(partner.minutesVisible).toBe(true);
	});

	it('refuses a stale save with 409 naming what changed, and bad input with 400 in the caller’s language', async () => {
		const created = await ok(
			await call('POST', `/meetings?cluster=${code}`, { as: 'coordinator', body: planned }),
			201
		);
		const path = `/meetings/${created.id}`;
		await ok(await call('PATCH', path, { as: 'coordinator', body: { title: 'Réunion extraordinaire' } }));
		const stale = await call('PATCH', path, {
			as: 'coordinator',
			language: 'en',
			body: { title: 'Autre titre', version: created.version }
		});
		expect(stale.status).toBe(409);
		const problem = (await stale.json()) as Json;
		expect(problem.errors[0].message).toContain(m.meetingedit_field_title({}, { locale: 'en' }));
		expect(problem.errors[0].message).toMatch(/^Someone changed this meeting/);

		const backwards = await call('PATCH', path, {
			as: 'coordinator',
			language: 'en',
			body: { startTime: '17:00' }
		});
		expect(backwards.status).toBe(400);
		expect(((await backwards.json()) as Json).errors).toContainEqual({
			path: 'endTime',
			message: m.minutes_error_end_before_start({}, { locale: 'en' })
		});
		const noSubject = await call('POST', `${path}/agenda-items`, {
			as: 'coordinator',
			body: { subject: ' ' }
		});
		expect(noSubject.status).toBe(400);
	});

	it('answers 401 to a visitor and 403 to a partner and to another cluster’s coordinator', async () => {
		const created = await ok(
			await call('POST', `/meetings?cluster=${code}`, { as: 'coordinator', body: planned }),
			201
		);
		const item = await ok(
			await call('POST', `/meetings/${created.id}/agenda-items`, {
				as: 'coordinator',
				body: { subject: 'HRP' }
			}),
			201
		);
		const before = await auditCount(t.db);
		const writes: [string, string, unknown][] = [
			['POST', `/meetings?cluster=${code}`, planned],
			['PATCH', `/meetings/${created.id}`, { title: 'x' }],
			['DELETE', `/meetings/${created.id}`, undefined],
			['POST', `/meetings/${created.id}/agenda-items`, { subject: 'x' }],
			['PATCH', `/agenda-items/${item.id}`, { subject: 'x' }],
			['DELETE', `/agenda-items/${item.id}`, undefined],
			['PUT', `/meetings/${created.id}/notes/consensus`, { items: ['x'] }]
		];
		for (const [method, path, body] of writes) {
			for (const who of ['focalPointA', 'washCoordinator'])
				expect([method, path, who, (await call(method, path, { as: who, body })).status]).toEqual([
					method,
					path,
					who,
					403
				]);
			expect((await call(method, path, { body })).status).toBe(401);
		}
		expect((await call('GET', '/meetings')).status).toBe(401);
		expect((await call('GET', `/meetings/${created.id}`)).status).toBe(401);
		expect(await auditCount(t.db)).toBe(before);
	});
});
