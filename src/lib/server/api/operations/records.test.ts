import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { auditCount, seedWorld, type Who, type World } from '../../../../../tests/actors';
import { organisation, person } from '../../db/schema';
import { downloadResponse, isDownload } from '../../downloads';
import { problemFromError } from '../problem';
import { openApiDocument } from '../openapi';
import { duplicatesOut, records } from './records';

/**
 * The operations as the router runs them (the route table lists them): the handler, then either
 * its answer encoded with the documented schema, or the problem document of what it threw.
 */
describe(`API: duplicates, merges, erasure, personal data [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let keptId: string;
	let mergedId: string;
	let personId: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const rows = await t.db
			.insert(organisation)
			.values([
				{ name: 'Mercy Corps', type: 'international-ngo', emailDomains: ['mercycorps.org'] },
				{ name: 'Mercy Corps (Gao)', type: 'international-ngo', emailDomains: ['mercicorps.org'] }
			])
			.returning();
		[keptId, mergedId] = [rows[0]!.id, rows[1]!.id];
		const [p] = await t.db
			.insert(person)
			.values({
				name: 'Aminata Traoré',
				email: 'atraore@mercicorps.org',
				phone: '+223 76 00 00 00',
				organisationId: mergedId
			})
			.returning();
		personId = p!.id;
	});

	async function call(
		who: Who,
		operationId: string,
		id = '',
		body?: unknown,
		query: Record<string, string> = {}
	) {
		const op = records.find((o) => o.operationId === operationId)!;
		const ctx = await world.as(who, 'en');
		try {
			const result = await op.run({
				ctx,
				locale: 'en',
				id,
				query,
				body,
				request: new Request('http://x'),
				publicUrl: 'http://x'
			});
			if (isDownload(result)) return downloadResponse(result);
			return Response.json(op.response ? z.encode(op.response, result) : result);
		} catch (e) {
			return problemFromError(e, 'en');
		}
	}

	const state = async () => ({
		organisations: await t.db.select().from(organisation).orderBy(organisation.id),
		person: (await t.db.select().from(person).where(eq(person.id, personId)))[0],
		audit: await auditCount(t.db)
	});

	it('refuses focal points and observers with 403, visitors with 401, and changes nothing', async () => {
		const before = await state();
		const calls: [string, string, unknown][] = [
			['listDuplicates', '', undefined],
			['mergeOrganisation', mergedId, { into: keptId }],
			['mergePerson', personId, { into: personId }],
			['erasePerson', personId, undefined],
			['getPersonalData', personId, undefined]
		];
		for (const [operationId, id, body] of calls) {
			for (const who of ['focalPointA', 'focalPointB', 'observer'] as const) {
				const response = await call(who, operationId, id, body);
				expect(response.status, `${operationId} as ${who}`).toBe(403);
				expect(response.headers.get('content-type')).toContain('application/problem+json');
			}
			expect((await call('visitor', operationId, id, body)).status, `${operationId} as visitor`).toBe(401);
		}
		expect(await state()).toEqual(before);
	});

	it('lists the duplicates as documented', async () => {
		const response = await call('coordinator', 'listDuplicates', '', undefined, { kind: 'organisations' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as z.input<typeof duplicatesOut>;
		const pair = body.items.find((p) => [p.a.id, p.b.id].sort().join() === [keptId, mergedId].sort().join());
		expect(pair?.reasons).toContainEqual({
			kind: 'near-domain',
			domain: expect.any(String),
			otherDomain: expect.any(String),
			edits: 1
		});
		const invalid = await call('coordinator', 'listDuplicates', '', undefined, { kind: 'meetings' });
		expect(invalid.status).toBe(400);
	});

	it('hands over personal data as a JSON attachment', async () => {
		const response = await call('admin', 'getPersonalData', personId);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="personal-data-aminata-traore-/
		);
		expect(((await response.json()) as { person: { email: string } }).person.email).toBe(
			'atraore@mercicorps.org'
		);
	});

	it('is described in the OpenAPI document from the same schemas', () => {
		const document = openApiDocument(records, 'en') as unknown as {
			paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
		};
		expect(Object.keys(document.paths).sort()).toEqual([
			'/duplicates',
			'/organisations/{id}/merge',
			'/people/{id}/erase',
			'/people/{id}/merge',
			'/people/{id}/personal-data'
		]);
		expect(Object.keys(document.paths['/people/{id}/merge']!.post!.responses)).toEqual(
			expect.arrayContaining(['200', '400', '401', '403', '404', '409'])
		);
		expect(JSON.stringify(document.paths['/people/{id}/personal-data'])).toContain('application/json');
	});

	it('merges two organisations, then erases a person, for a coordinator', async () => {
		const merged = await call('coordinator', 'mergeOrganisation', mergedId, { into: keptId });
		expect(merged.status).toBe(200);
		expect(await merged.json()).toMatchObject({
			id: keptId,
			emailDomains: ['mercycorps.org', 'mercicorps.org'],
			updatedAt: expect.stringMatching(/Z$/)
		});
		const erased = await call('coordinator', 'erasePerson', personId);
		expect(erased.status).toBe(200);
		expect(await erased.json()).toMatchObject({
			id: personId,
			email: null,
			phone: null,
			organisationId: keptId,
			erasedAt: expect.stringMatching(/Z$/)
		});
		const again = await call('coordinator', 'erasePerson', personId);
		expect(again.status).toBe(409);
		const unknown = await call('coordinator', 'mergeOrganisation', mergedId, { into: keptId });
		expect(unknown.status).toBe(404);
	});
});
