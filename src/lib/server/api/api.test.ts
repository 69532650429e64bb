import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { useApiClient, type Problem } from '../../../../tests/api-client';
import { auditEvent, organisation, person } from '../db/schema';
import { issueApiToken, revokeApiToken } from '../accounts/api-tokens';
import { organisationInput } from '../directory/schema';
import { operations } from './routes';
import { m } from '$lib/paraglide/messages';

describe(`JSON API /api/v1 [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokenFor } = useApiClient(t);
	let world: World;
	const tokens: Partial<Record<keyof World['users'], string>> = {};

	beforeAll(async () => {
		world = await seedWorld(t.db);
		for (const who of ['admin', 'coordinator', 'focalPointA', 'observer'] as const) {
			tokens[who] = await tokenFor(who, world.users[who]);
		}
	});

	async function expectProblem(response: Response, status: number, kind: string): Promise<Problem> {
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		const problem = (await response.json()) as Problem;
		expect(problem).toMatchObject({ type: `/api/v1/problems/${kind}`, status });
		expect(problem.title).not.toBe('');
		return problem;
	}

	async function organisationRow(id: string) {
		const [row] = await t.db.select().from(organisation).where(eq(organisation.id, id));
		return row;
	}

	async function personCount() {
		return (await t.db.select({ n: count() }).from(person))[0]!.n;
	}

	async function organisationCount() {
		return (await t.db.select({ n: count() }).from(organisation))[0]!.n;
	}

	describe('without credentials', () => {
		it('answers 401 with a problem document and WWW-Authenticate', async () => {
			const response = await call('GET', '/organisations');
			const problem = await expectProblem(response, 401, 'unauthenticated');
			expect(response.headers.get('www-authenticate')).toBe('Bearer realm="concerto"');
			expect(problem.title).toBe(m.api_problem_unauthenticated_title({}, { locale: 'fr' }));
			expect(problem.errors).toEqual([]);
			// The same for a record, even one that does not exist: a visitor learns nothing.
			await expectProblem(await call('GET', `/organisations/${world.orgA}`), 401, 'unauthenticated');
			await expectProblem(await call('GET', `/organisations/${randomUUID()}`), 401, 'unauthenticated');
			await expectProblem(await call('GET', '/me'), 401, 'unauthenticated');
		});

		it('refuses writes with 401 and saves nothing', async () => {
			const [organisations, events] = [await organisationCount(), await auditCount(t.db)];
			const before = await organisationRow(world.orgA);
			const post = await call('POST', '/organisations', { body: { name: 'Intruse', type: 'other' } });
			await expectProblem(post, 401, 'unauthenticated');
			const patch = await call('PATCH', `/organisations/${world.orgA}`, { body: { name: 'Changed' } });
			await expectProblem(patch, 401, 'unauthenticated');
			await expectProblem(await call('DELETE', `/organisations/${world.orgA}`), 401, 'unauthenticated');
			expect(await organisationCount()).toBe(organisations);
			expect(await auditCount(t.db)).toBe(events);
			expect(await organisationRow(world.orgA)).toEqual(before);
		});

		it('refuses an unknown or altered token with 401 invalid_token, even where visitors may read', async () => {
			for (const token of ['cto_not-a-real-token', `${tokens.admin}x`]) {
				const response = await call('GET', '/clusters', { token });
				await expectProblem(response, 401, 'bad-token');
				expect(response.headers.get('www-authenticate')).toBe(
					'Bearer realm="concerto", error="invalid_token"'
				);
			}
			// A token that worked stops working once revoked.
			const observer = await world.as('observer');
			const issued = await issueApiToken(t.db, observer.actor!, 'revoked soon');
			expect((await call('GET', '/me', { token: issued.token })).status).toBe(200);
			await revokeApiToken(observer, issued.id);
			await expectProblem(await call('GET', '/me', { token: issued.token }), 401, 'bad-token');
			// Without a token, the public list answers.
			expect((await call('GET', '/clusters')).status).toBe(200);
		});
	});

	it('knows the caller by their token', async () => {
		const response = await call('GET', '/me', { token: tokens.focalPointA });
		expect(response.status).toBe(200);
		const me = (await response.json()) as { id: string; roles: unknown[] };
		expect(me.id).toBe(world.users.focalPointA);
		expect(me.roles).toEqual([{ role: 'focal-point', clusterId: null, organisationId: world.orgA }]);
	});

	describe('a focal point', () => {
		it('gets 403 when changing another organisation, which stays as it was', async () => {
			const before = await organisationRow(world.orgB);
			const events = await auditCount(t.db);
			const response = await call('PATCH', `/organisations/${world.orgB}`, {
				token: tokens.focalPointA,
				body: { name: 'Taken over' }
			});
			const problem = await expectProblem(response, 403, 'forbidden');
			expect(problem.title).toBe(m.api_problem_forbidden_title({}, { locale: 'fr' }));
			await expectProblem(
				await call('DELETE', `/organisations/${world.orgB}`, { token: tokens.focalPointA }),
				403,
				'forbidden'
			);
			expect(await organisationRow(world.orgB)).toEqual(before);
			expect(await auditCount(t.db)).toBe(events);
		});

		it("gets 403 for another organisation's people, adding or moving anyone there, and nothing changes", async () => {
			const [theirs] = await t.db
				.insert(person)
				.values({ name: 'Aminata Traoré', organisationId: world.orgB })
				.returning();
			const [ours] = await t.db
				.insert(person)
				.values({ name: 'Ousmane Maïga', organisationId: world.orgA })
				.returning();
			const [people, events] = [await personCount(), await auditCount(t.db)];
			const token = tokens.focalPointA;
			const refusals = [
				await call('PATCH', `/people/${theirs!.id}`, { token, body: { name: 'Changed' } }),
				await call('DELETE', `/people/${theirs!.id}`, { token }),
				await call('PATCH', `/people/${ours!.id}`, { token, body: { organisationId: world.orgB } }),
				await call('POST', '/people', { token, body: { name: 'Nouvelle', organisationId: world.orgB } })
			];
			for (const response of refusals) await expectProblem(response, 403, 'forbidden');
			expect(await personCount()).toBe(people);
			expect(await auditCount(t.db)).toBe(events);
			const rows = await t.db
				.select()
				.from(person)
				.where(inArray(person.id, [theirs!.id, ours!.id]));
			expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual([theirs, ours]);
			// Their own people they may change.
			const own = await call('PATCH', `/people/${ours!.id}`, { token, body: { jobTitle: 'Chef de projet' } });
			expect(own.status).toBe(200);
			expect(await own.json()).toMatchObject({
				id: ours!.id,
				jobTitle: 'Chef de projet',
				organisation: { id: world.orgA }
			});
		});

		it('changes their own organisation', async () => {
			const response = await call('PATCH', `/organisations/${world.orgA}`, {
				token: tokens.focalPointA,
				body: { website: 'https://organisation-a.example.org' }
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({
				id: world.orgA,
				website: 'https://organisation-a.example.org'
			});
			expect((await organisationRow(world.orgA))!.website).toBe('https://organisation-a.example.org');
		});
	});

	it('answers 404 for unknown and malformed ids and unknown paths', async () => {
		const token = tokens.admin;
		for (const id of [
			randomUUID(),
			'not-an-id',
			'1',
			"x' or '1'='1",
			'00000000-0000-0000-0000-000000000000'
		]) {
			const get = await call('GET', `/organisations/${encodeURIComponent(id)}`, { token });
			const problem = await expectProblem(get, 404, 'not-found');
			expect(problem.title).toBe(m.api_problem_not_found_title({}, { locale: 'fr' }));
			await expectProblem(
				await call('PATCH', `/organisations/${encodeURIComponent(id)}`, { token, body: { name: 'X' } }),
				404,
				'not-found'
			);
			await expectProblem(
				await call('DELETE', `/people/${encodeURIComponent(id)}`, { token }),
				404,
				'not-found'
			);
		}
		await expectProblem(await call('GET', '/nothing-here', { token }), 404, 'not-found');
		const wrongMethod = await call('PUT', '/organisations', { token, body: {} });
		await expectProblem(wrongMethod, 405, 'method-not-allowed');
		expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
	});

	describe('bad input', () => {
		const invalid = { name: '   ', type: 'ngo', website: 'not a website', country: 'Mali' };

		it('answers 400 naming each field, in French by default, and saves nothing', async () => {
			const [organisations, events] = [await organisationCount(), await auditCount(t.db)];
			const response = await call('POST', '/organisations', { token: tokens.admin, body: invalid });
			const problem = await expectProblem(response, 400, 'validation');
			expect(response.headers.get('content-language')).toBe('fr');
			expect(problem.title).toBe(m.api_problem_validation_title({}, { locale: 'fr' }));
			expect(problem.errors).toEqual(
				expect.arrayContaining([
					{ path: 'name', message: m.error_required({}, { locale: 'fr' }) },
					{ path: 'type', message: m.directory_error_type({}, { locale: 'fr' }) },
					{ path: 'website', message: m.directory_error_website({}, { locale: 'fr' }) },
					{ path: 'country', message: m.error_too_long({ max: 3 }, { locale: 'fr' }) }
				])
			);
			expect(problem.errors.map((e) => e.path).sort()).toEqual(['country', 'name', 'type', 'website']);
			expect(await organisationCount()).toBe(organisations);
			expect(await auditCount(t.db)).toBe(events);
		});

		it('answers in English with Accept-Language: en', async () => {
			const response = await call('POST', '/organisations', {
				token: tokens.admin,
				body: invalid,
				language: 'en-GB,en;q=0.9,fr;q=0.5'
			});
			const problem = await expectProblem(response, 400, 'validation');
			expect(response.headers.get('content-language')).toBe('en');
			expect(problem.title).toBe(m.api_problem_validation_title({}, { locale: 'en' }));
			expect(problem.title).not.toBe(m.api_problem_validation_title({}, { locale: 'fr' }));
			expect(problem.errors).toEqual(
				expect.arrayContaining([
					{ path: 'name', message: 'This field is required.' },
					{ path: 'type', message: 'Choose a type from the list.' }
				])
			);
			// A language we do not have falls back to French.
			const german = await call('POST', '/organisations', {
				token: tokens.admin,
				body: invalid,
				language: 'de-DE'
			});
			expect(german.headers.get('content-language')).toBe('fr');
			expect((await expectProblem(german, 400, 'validation')).title).toBe(
				m.api_problem_validation_title({}, { locale: 'fr' })
			);
		});

		it('refuses an over-long name, a body that is not JSON and bad paging', async () => {
			const long = await call('POST', '/organisations', {
				token: tokens.admin,
				body: { name: 'x'.repeat(201), type: 'other' }
			});
			const problem = await expectProblem(long, 400, 'validation');
			expect(problem.errors).toEqual([
				{ path: 'name', message: m.error_too_long({ max: 200 }, { locale: 'fr' }) }
			]);
			await expectProblem(
				await call('POST', '/organisations', { token: tokens.admin, raw: '{"name": "ACF",' }),
				400,
				'malformed-body'
			);
			await expectProblem(
				await call('POST', '/organisations', {
					token: tokens.admin,
					raw: 'name=ACF&type=other',
					contentType: 'application/x-www-form-urlencoded'
				}),
				415,
				'unsupported-media-type'
			);
			for (const query of ['limit=0', 'limit=501', 'offset=-1', 'limit=ten']) {
				const paging = await expectProblem(
					await call('GET', `/organisations?${query}`, { token: tokens.admin }),
					400,
					'validation'
				);
				expect(paging.errors.map((e) => e.path)).toEqual([query.split('=')[0]]);
			}
		});
	});

	describe('lists', () => {
		const names = [
			'Kéléya Alpha',
			'KELEYA Bêta',
			'Association keleya Gamma',
			'Kéléya Delta',
			'Kéleya Epsilon'
		];

		beforeAll(async () => {
			for (const name of names) await t.db.insert(organisation).values({ name, type: 'national-ngo' });
			await t.db.insert(organisation).values({ name: 'Kelly Association', type: 'national-ngo' });
		});

		type Page = { items: { id: string; name: string }[]; total: number };
		async function page(query: string): Promise<Page> {
			const response = await call('GET', `/organisations?${query}`, { token: tokens.observer });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^application\/json/);
			return (await response.json()) as Page;
		}

		it('finds with q whatever the accents and case', async () => {
			for (const q of ['keleya', 'KÉLÉYA', 'kèlèya', 'Keleya']) {
				const found = await page(`q=${encodeURIComponent(q)}`);
				expect(found.total, q).toBe(names.length);
				expect(found.items.map((o) => o.name).sort(), q).toEqual([...names].sort());
			}
			expect((await page('q=zzz-nothing')).total).toBe(0);
			// "%" and "_" are characters to find, not wildcards.
			expect((await page(`q=${encodeURIComponent('k%a')}`)).total).toBe(0);
			expect((await page(`q=${encodeURIComponent('k_l')}`)).total).toBe(0);
		});

		it('pages with limit and offset, with the total of every page', async () => {
			const all = await page('q=keleya&limit=500');
			const seen: string[] = [];
			for (let offset = 0; offset < names.length; offset += 2) {
				const slice = await page(`q=keleya&limit=2&offset=${offset}`);
				expect(slice.total).toBe(names.length);
				expect(slice.items).toHaveLength(Math.min(2, names.length - offset));
				seen.push(...slice.items.map((o) => o.id));
			}
			expect(seen).toEqual(all.items.map((o) => o.id));
			expect(new Set(seen).size).toBe(names.length);
			expect(await page('q=keleya&offset=10')).toEqual({ items: [], total: names.length });
			// Without a limit, a list gives its first 50 items and counts them all.
			const total = await organisationCount();
			const everything = await page('');
			expect(everything.total).toBe(total);
			expect(everything.items).toHaveLength(Math.min(total, 50));
		});
	});

	it('creates with 201 and a Location that reads back the record, audited', async () => {
		const response = await call('POST', '/organisations', {
			token: tokens.coordinator,
			body: { name: 'Norwegian Refugee Council', acronym: 'NRC', type: 'international-ngo', country: 'nor' }
		});
		expect(response.status).toBe(201);
		const created = (await response.json()) as { id: string; country: string; createdAt: string };
		expect(created).toMatchObject({ name: 'Norwegian Refugee Council', acronym: 'NRC', country: 'NOR' });
		expect(response.headers.get('location')).toBe(`/api/v1/organisations/${created.id}`);
		expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

		const read = await call('GET', response.headers.get('location')!.replace('/api/v1', ''), {
			token: tokens.observer
		});
		expect(read.status).toBe(200);
		expect(await read.json()).toEqual(created);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'create'), eq(auditEvent.entityId, created.id)));
		expect(event).toMatchObject({ entityType: 'organisation', actorUserId: world.users.coordinator });
	});

	it('deletes with 204 and no body, audited; the record is then gone', async () => {
		const [row] = await t.db
			.insert(organisation)
			.values({ name: 'À supprimer', type: 'other' })
			.returning({ id: organisation.id });
		const response = await call('DELETE', `/organisations/${row!.id}`, { token: tokens.admin });
		expect(response.status).toBe(204);
		expect(await response.text()).toBe('');
		expect(await organisationRow(row!.id)).toBeUndefined();
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'delete'), eq(auditEvent.entityId, row!.id)));
		expect(event).toMatchObject({ entityType: 'organisation', actorUserId: world.users.admin });
		expect(event!.before).toMatchObject({ name: 'À supprimer' });
		await expectProblem(
			await call('GET', `/organisations/${row!.id}`, { token: tokens.admin }),
			404,
			'not-found'
		);
		await expectProblem(
			await call('DELETE', `/organisations/${row!.id}`, { token: tokens.admin }),
			404,
			'not-found'
		);
	});

	describe('the OpenAPI document', () => {
		type Document = {
			openapi: string;
			info: { title: string };
			paths: Record<string, Record<string, { operationId: string; requestBody?: RequestBody }>>;
			components: { schemas: Record<string, Schema> };
		};
		type RequestBody = { content: { 'application/json': { schema: { $ref: string } } } };
		type Schema = { required?: string[]; properties?: Record<string, unknown> };
		let document: Document;

		beforeAll(async () => {
			const response = await call('GET', '/openapi.json');
			expect(response.status).toBe(200);
			document = (await response.json()) as Document;
		});

		it('is OpenAPI 3.1, open to visitors, in the caller language', async () => {
			expect(document.openapi).toMatch(/^3\.1\.\d+$/);
			const english = (await (await call('GET', '/openapi.json', { language: 'en' })).json()) as Document;
			expect(english.info.title).toBe(m.api_doc_title({}, { locale: 'en' }));
			expect(document.info.title).toBe(m.api_doc_title({}, { locale: 'fr' }));
		});

		it('describes every operation of the route table, and nothing else', () => {
			const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
				Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`)
			);
			const served = operations.map((op) => `${op.method} ${op.path} ${op.operationId}`);
			expect(documented.sort()).toEqual(served.sort());
			for (const path of ['/organisations', '/organisations/{id}', '/people', '/clusters', '/locations'])
				expect(Object.keys(document.paths)).toContain(path);
		});

		function bodySchema(path: string, method: string): Schema {
			const ref = document.paths[path]![method]!.requestBody!.content['application/json'].schema.$ref;
			expect(ref).toMatch(/^#\/components\/schemas\//);
			return document.components.schemas[ref.split('/').pop()!]!;
		}

		it('requires for a new organisation exactly the fields the API refuses to go without', async () => {
			const schema = bodySchema('/organisations', 'post');
			// The fields that the validating schema refuses to leave out…
			const shape = organisationInput.shape as Record<
				string,
				{ safeParse(v: unknown): { success: boolean } }
			>;
			const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
			expect(required.sort()).toEqual(['name', 'type']);
			// …are those the document requires and those an empty body is refused for.
			expect([...(schema.required ?? [])].sort()).toEqual(required.sort());
			expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(shape).sort());
			const empty = await call('POST', '/organisations', { token: tokens.admin, body: {} });
			const problem = await expectProblem(empty, 400, 'validation');
			expect(problem.errors.map((e) => e.path).sort()).toEqual(required.sort());
			// An update may send any one field.
			expect(bodySchema('/organisations/{id}', 'patch').required ?? []).toEqual([]);
		});
	});
});
