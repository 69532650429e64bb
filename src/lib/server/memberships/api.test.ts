import type { RequestEvent } from '@sveltejs/kit';
import { TEST_PUBLIC_URL } from '../../../../tests/app';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { membership, membershipStep } from '../db/schema';
import { loadActor } from '../access/actor';
import { localeFromAcceptLanguage } from '../i18n';
import { handleApiRequest } from '../api/router';
import { openApiDocument } from '../api/openapi';
import { memberships } from '../api/operations/memberships';
import { m } from '$lib/paraglide/messages';

interface Problem {
	type: string;
	status: number;
	errors: { path: string; message: string }[];
}

describe(`API /clusters/{id}/memberships and /memberships/{id} [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let washCoordinator: string;
	let government: string;
	let privateFirm: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		washCoordinator = await addUser(t.db, {
			email: `wash-api-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		government = await addOrganisation(t.db, {
			name: 'Agence nationale d’investissement des collectivités territoriales',
			acronym: 'ANICT',
			type: 'government'
		});
		privateFirm = await addOrganisation(t.db, { name: 'Banque Exemple', type: 'private-sector' });
	});

	/** A request as src/routes/api/[...path] hands it to the router, for this user (or a visitor). */
	async function call(
		method: string,
		path: string,
		options: { as?: string | null; body?: unknown; language?: string } = {}
	) {
		const headers = new Headers();
		if (options.language) headers.set('accept-language', options.language);
		if (options.body !== undefined) headers.set('content-type', 'application/json');
		const request = new Request(`http://concerto.test/api/v1${path}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body)
		});
		const actor = options.as ? await loadActor(t.db, options.as) : null;
		const locale = options.language ? localeFromAcceptLanguage(options.language) : (actor?.locale ?? 'fr');
		const event = {
			request,
			url: new URL(request.url),
			locals: {
				app: { config: { publicUrl: TEST_PUBLIC_URL } },
				actor,
				badToken: false,
				locale,
				ctx: { db: t.db, actor, locale }
			}
		};
		return handleApiRequest(event as unknown as RequestEvent);
	}

	async function problem(response: Response, status: number): Promise<Problem> {
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		return (await response.json()) as Problem;
	}

	const writes = async () => ({
		memberships: (await t.db.select({ n: count() }).from(membership))[0]!.n,
		steps: (await t.db.select({ n: count() }).from(membershipStep))[0]!.n,
		audit: await auditCount(t.db)
	});

	let created: string;

	it('adds an organisation to a cluster pipeline and answers 201 with its first step', async () => {
		const response = await call('POST', `/clusters/${world.clusterEr}/memberships`, {
			as: world.users.coordinator,
			body: { organisationId: government, at: '2016-10-26', note: 'Piste : infrastructures locales' }
		});
		expect(response.status).toBe(201);
		const body = await response.json();
		created = body.id;
		expect(response.headers.get('location')).toBe(`/api/v1/memberships/${created}`);
		expect(body).toMatchObject({
			clusterId: world.clusterEr,
			organisation: { id: government, acronym: 'ANICT', type: 'government' },
			stage: 'prospect',
			since: '2016-10-26T00:00:00.000Z',
			lastNote: 'Piste : infrastructures locales',
			focalPoint: null,
			steps: [
				{ stage: 'prospect', at: '2016-10-26T00:00:00.000Z', by: expect.stringMatching(/^coordinator/) }
			]
		});
		// Who recorded a step is named, never identified by account id.
		expect(Object.keys(body.steps[0]).sort()).toEqual(['at', 'by', 'id', 'note', 'stage']);
	});

	it('lists the pipeline with filters for readers, 401 for visitors, 404 for an unknown cluster', async () => {
		await call('POST', `/clusters/${world.clusterEr}/memberships`, {
			as: world.users.admin,
			body: { organisationId: privateFirm }
		});
		const response = await call(
			'GET',
			`/clusters/${world.clusterEr}/memberships?type=government&stage=prospect`,
			{
				as: world.users.observer
			}
		);
		expect(response.status).toBe(200);
		const list = await response.json();
		expect(list.total).toBe(1);
		expect(list.items.map((i: { id: string }) => i.id)).toEqual([created]);

		const all = await (
			await call('GET', `/clusters/${world.clusterEr}/memberships`, { as: world.users.focalPointA })
		).json();
		expect(all.total).toBe(2);

		await problem(await call('GET', `/clusters/${world.clusterEr}/memberships`), 401);
		await problem(
			await call('GET', '/clusters/00000000-0000-4000-8000-000000000000/memberships', {
				as: world.users.observer
			}),
			404
		);
		const bad = await problem(
			await call('GET', `/clusters/${world.clusterEr}/memberships?stage=partner`, {
				as: world.users.observer,
				language: 'en'
			}),
			400
		);
		expect(bad.errors).toEqual([{ path: 'stage', message: m.membership_error_stage({}, { locale: 'en' }) }]);
	});

	it('refuses writes by anyone but the cluster coordinators and administrators, saving nothing', async () => {
		const before = await writes();
		for (const who of [washCoordinator, world.users.focalPointA, world.users.observer]) {
			await problem(
				await call('POST', `/clusters/${world.clusterEr}/memberships`, {
					as: who,
					body: { organisationId: world.orgB }
				}),
				403
			);
			await problem(
				await call('PATCH', `/memberships/${created}`, { as: who, body: { stage: 'contacted' } }),
				403
			);
			await problem(await call('DELETE', `/memberships/${created}`, { as: who }), 403);
		}
		await problem(await call('PATCH', `/memberships/${created}`, { body: { stage: 'contacted' } }), 401);
		expect(await writes()).toEqual(before);
	});

	it('explains bad input in the caller language and saves nothing', async () => {
		const before = await writes();
		const unknown = await problem(
			await call('POST', `/clusters/${world.clusterEr}/memberships`, {
				as: world.users.coordinator,
				body: { organisationId: '00000000-0000-4000-8000-000000000000' }
			}),
			400
		);
		expect(unknown.errors).toEqual([
			{ path: 'organisationId', message: m.membership_error_organisation({}, { locale: 'fr' }) }
		]);
		const duplicate = await problem(
			await call('POST', `/clusters/${world.clusterEr}/memberships`, {
				as: world.users.coordinator,
				body: { organisationId: government },
				language: 'en'
			}),
			409
		);
		expect(duplicate.errors[0]!.message).toBe(m.membership_error_already_in_pipeline({}, { locale: 'en' }));
		const badDate = await problem(
			await call('PATCH', `/memberships/${created}`, {
				as: world.users.coordinator,
				body: { stage: 'contacted', at: '31/02/2016' },
				language: 'en'
			}),
			400
		);
		expect(badDate.errors).toEqual([{ path: 'at', message: m.membership_error_date({}, { locale: 'en' }) }]);
		const early = await problem(
			await call('PATCH', `/memberships/${created}`, {
				as: world.users.coordinator,
				body: { stage: 'contacted', at: '2016-10-01T09:00:00Z' }
			}),
			400
		);
		expect(early.errors).toEqual([
			{ path: 'at', message: m.membership_error_date_before({ date: '26/10/2016' }, { locale: 'fr' }) }
		]);
		await problem(await call('GET', '/memberships/not-a-uuid', { as: world.users.observer }), 404);
		expect(await writes()).toEqual(before);
	});

	it('moves a membership with a note and shows its steps', async () => {
		const response = await call('PATCH', `/memberships/${created}`, {
			as: world.users.coordinator,
			body: { stage: 'contacted', at: '2016-11-02T10:30:00Z', note: 'Rencontre avec le directeur' }
		});
		expect(response.status).toBe(200);
		const read = await (await call('GET', `/memberships/${created}`, { as: world.users.observer })).json();
		expect(read).toMatchObject({ stage: 'contacted', since: '2016-11-02T10:30:00.000Z' });
		expect(read.steps.map((s: { stage: string; note: string }) => [s.stage, s.note])).toEqual([
			['prospect', 'Piste : infrastructures locales'],
			['contacted', 'Rencontre avec le directeur']
		]);
	});

	it('DELETE removes a prospect and makes any other membership inactive', async () => {
		const [prospect] = await t.db.select().from(membership).where(eq(membership.organisationId, privateFirm));
		expect(
			(await call('DELETE', `/memberships/${prospect!.id}`, { as: world.users.coordinator })).status
		).toBe(204);
		await problem(await call('GET', `/memberships/${prospect!.id}`, { as: world.users.coordinator }), 404);

		expect((await call('DELETE', `/memberships/${created}`, { as: world.users.coordinator })).status).toBe(
			204
		);
		const read = await (await call('GET', `/memberships/${created}`, { as: world.users.coordinator })).json();
		expect(read.stage).toBe('inactive');
		expect(read.steps).toHaveLength(3);
	});

	it('is described in the OpenAPI document from the same schemas', () => {
		const document = openApiDocument(memberships, 'en') as unknown as {
			paths: Record<string, Record<string, { parameters?: { name: string }[]; summary: string }>>;
		};
		expect(Object.keys(document.paths).sort()).toEqual(['/clusters/{id}/memberships', '/memberships/{id}']);
		expect(Object.keys(document.paths['/memberships/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
		const list = document.paths['/clusters/{id}/memberships']!.get!;
		expect(list.summary).toBe(m.membership_api_list({}, { locale: 'en' }));
		expect(list.parameters!.map((p) => p.name)).toEqual(
			expect.arrayContaining(['id', 'q', 'type', 'stage', 'limit', 'offset'])
		);
	});
});
