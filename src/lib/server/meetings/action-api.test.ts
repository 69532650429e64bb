import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { useApiClient } from '../../../../tests/api-client';
import { actionItem, cluster, meeting } from '../db/schema';
import { m } from '$lib/paraglide/messages';

type Who = 'coordinator' | 'focalPointA' | 'focalPointB' | 'observer';

describe(`API /api/v1/action-items [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const api = useApiClient(t);
	let world: World;
	let code = '';
	let meetingId = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		for (const who of ['coordinator', 'focalPointA', 'focalPointB', 'observer'] as const) {
			await api.tokenFor(who, world.users[who]);
		}
		const [held] = await t.db
			.insert(meeting)
			.values({
				clusterId: world.clusterEr,
				title: 'Réunion CRP',
				kind: 'cluster-meeting',
				heldOn: '2016-10-20'
			})
			.returning();
		meetingId = held!.id;
	});

	/** A request as `who`, with a JSON body, in a language (French unless said). */
	const call = (method: string, path: string, who?: Who, body?: unknown, language = 'fr') =>
		api.call(method, path, { as: who, body, language });

	it('creates an action of a meeting, warning of a due date before it, and lists it with filters', async () => {
		expect((await call('GET', '/action-items')).status).toBe(401);
		const created = await call('POST', '/action-items', 'coordinator', {
			meetingId,
			description: 'Participer à la formation OPS',
			responsibleText: 'Partenaires du CRP',
			responsibleOrganisationId: world.orgA,
			dueOn: '2016-10-19'
		});
		expect(created.status).toBe(201);
		const body = await created.json();
		expect(created.headers.get('location')).toBe(`/api/v1/action-items/${body.id}`);
		expect(body).toMatchObject({
			cluster: { code },
			meeting: { id: meetingId, title: 'Réunion CRP', date: '2016-10-20' },
			responsibleOrganisation: { id: world.orgA },
			status: 'open',
			overdue: true
		});
		expect(body.warnings).toEqual([
			{
				path: 'dueOn',
				message: m.actionedit_warning_due_before(
					{ due: '19/10/2016', meeting: '20/10/2016' },
					{ locale: 'fr' }
				)
			}
		]);
		const listed = await call(
			'GET',
			`/action-items?cluster=${code}&overdue=1&organisation=${world.orgA}`,
			'observer'
		);
		expect(await listed.json()).toMatchObject({ total: 1, items: [{ id: body.id, canChangeStatus: false }] });
		const none = await call('GET', '/action-items?status=done', 'observer');
		expect((await none.json()).total).toBe(0);
		const bad = await call('GET', '/action-items?dueFrom=31/10/2016', 'observer');
		expect(bad.status).toBe(400);
	});

	it('refuses, by name, an unknown organisation; a partner may not create', async () => {
		const before = [await auditCount(t.db), (await t.db.select().from(actionItem)).length];
		const unknown = await call(
			'POST',
			'/action-items',
			'coordinator',
			{ cluster: code, description: 'X', responsibleOrganisationId: randomUUID() },
			'en'
		);
		expect(unknown.status).toBe(400);
		expect((await unknown.json()).errors).toEqual([
			{ path: 'responsibleOrganisationId', message: m.actionedit_error_organisation({}, { locale: 'en' }) }
		]);
		const partner = await call('POST', '/action-items', 'focalPointA', {
			meetingId,
			description: 'X',
			responsibleText: 'Y'
		});
		expect(partner.status).toBe(403);
		expect([await auditCount(t.db), (await t.db.select().from(actionItem)).length]).toEqual(before);
	});

	it('lets a partner change only the status of their organisation’s items; another organisation is refused', async () => {
		const [item] = await t.db
			.insert(actionItem)
			.values({ clusterId: world.clusterEr, description: 'Soumettre', responsibleOrganisationId: world.orgA })
			.returning();
		const id = item!.id;
		const other = await call('PATCH', `/action-items/${id}`, 'focalPointB', { status: 'done' });
		expect(other.status).toBe(403);
		expect((await call('POST', `/action-items/${id}/status`, 'focalPointB', { status: 'done' })).status).toBe(
			403
		);
		const more = await call('PATCH', `/action-items/${id}`, 'focalPointA', {
			status: 'done',
			description: 'Autre'
		});
		expect(more.status).toBe(403);
		expect((await call('DELETE', `/action-items/${id}`, 'focalPointA')).status).toBe(403);
		const done = await call('PATCH', `/action-items/${id}`, 'focalPointA', { status: 'done' });
		expect(done.status).toBe(200);
		expect(await done.json()).toMatchObject({ status: 'done', description: 'Soumettre' });
		const reopened = await call('POST', `/action-items/${id}/status`, 'focalPointA', { status: 'open' });
		expect((await reopened.json()).status).toBe('open');
		const [row] = await t.db.select().from(actionItem).where(eq(actionItem.id, id));
		expect([row!.status, row!.description]).toEqual(['open', 'Soumettre']);
	});

	it('lets a coordinator patch some fields, keeping the others, and delete', async () => {
		const [item] = await t.db
			.insert(actionItem)
			.values({
				clusterId: world.clusterEr,
				description: 'Réviser les chiffres',
				responsibleText: 'Coordinateur CRP'
			})
			.returning();
		const patched = await call('PATCH', `/action-items/${item!.id}`, 'coordinator', { dueOn: '2016-10-25' });
		expect(await patched.json()).toMatchObject({
			description: 'Réviser les chiffres',
			responsibleText: 'Coordinateur CRP',
			dueOn: '2016-10-25',
			warnings: []
		});
		const read = await call('GET', `/action-items/${item!.id}`, 'observer');
		expect(await read.json()).toMatchObject({ canEdit: false, canChangeStatus: false, dueOn: '2016-10-25' });
		expect((await call('DELETE', `/action-items/${item!.id}`, 'coordinator')).status).toBe(204);
		expect((await call('GET', `/action-items/${item!.id}`, 'observer')).status).toBe(404);
	});
});
