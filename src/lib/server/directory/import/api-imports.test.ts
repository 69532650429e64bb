import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { seedWorld, type World } from '../../../../../tests/actors';
import { organisation } from '../../db/schema';
import type { Ctx } from '../../context';
import type { Operation } from '../../api/endpoint';
import { openApiDocument } from '../../api/openapi';
import { problemFromError } from '../../api/problem';
import { imports } from '../../api/operations/imports';
import { windows1252 } from './test-files';
import { m } from '$lib/paraglide/messages';

/**
 * The import operations as the router runs them (src/lib/server/api/router.ts): the file is the raw
 * body, left unread for the operation; the answer is encoded with the operation's own schema.
 */
async function run(
	operationId: string,
	ctx: Ctx,
	options: { id?: string; query?: Record<string, string>; body?: unknown; request?: Request } = {}
): Promise<{ status: number; body: unknown }> {
	const op = imports.find((o) => o.operationId === operationId) as Operation | undefined;
	if (!op) throw new Error(`no operation ${operationId}`);
	try {
		const result = await op.run({
			ctx,
			locale: ctx.locale,
			publicUrl: 'http://x',
			id: options.id ?? '',
			query: options.query ?? {},
			body: options.body,
			request: options.request ?? new Request('http://localhost/api/v1', { method: op.method })
		});
		return { status: op.status, body: op.response ? z.encode(op.response, result) : null };
	} catch (e) {
		const response = problemFromError(e, ctx.locale);
		return { status: response.status, body: await response.json() };
	}
}

const fileRequest = (path: string, bytes: Uint8Array, headers: Record<string, string> = {}) =>
	new Request(`http://localhost/api/v1${path}`, {
		method: 'POST',
		body: new Blob([new Uint8Array(bytes)]),
		headers: { 'content-type': 'text/csv', ...headers }
	});

describe(`imports API [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	it('previews a raw CSV body, then confirms it with a mapping and decisions', async () => {
		const coordinator = await world.as('coordinator', 'en');
		const csv = windows1252('Nom;Sigle;Statut juridique\nAgence Nord;AGN;ONG\nAgence Sud;AGS;ONGX\n');
		const preview = await run('previewOrganisationsImport', coordinator, {
			request: fileRequest('/organisations/import?filename=partenaires.csv', csv)
		});
		expect(preview.status).toBe(200);
		const body = preview.body as {
			uploadId: string;
			filename: string;
			createdAt: string;
			missing: { field: string }[];
			fields: { key: string; column: string | null }[];
		};
		expect(body).toMatchObject({
			filename: 'partenaires.csv',
			kind: 'organisations',
			missing: [{ field: 'type' }]
		});
		expect(body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

		const again = await run('previewImportAgain', coordinator, {
			id: body.uploadId,
			body: { mapping: { type: 'C' } }
		});
		expect(again.body).toMatchObject({
			counts: { rows: 2, valid: 1, invalid: 1 },
			errors: [{ row: 3, column: 'C', header: 'Statut juridique', field: 'type' }]
		});

		const confirmed = await run('confirmImport', coordinator, {
			id: body.uploadId,
			body: { mapping: { type: 'C' }, decisions: { '2': 'create' } }
		});
		expect(confirmed).toEqual({
			status: 200,
			body: {
				kind: 'organisations',
				filename: 'partenaires.csv',
				created: 1,
				updated: 0,
				skipped: 1,
				invalid: 1
			}
		});
		const [stored] = await t.db.select().from(organisation).where(eq(organisation.name, 'Agence Nord'));
		expect(stored).toMatchObject({ acronym: 'AGN', type: 'national-ngo' });
	});

	it('answers problems: a file over 20 MB, a bad decision, another user’s upload, a visitor', async () => {
		const coordinator = await world.as('coordinator', 'en');
		const tooLarge = await run('previewOrganisationsImport', coordinator, {
			request: fileRequest('/organisations/import', new Uint8Array(10), {
				'content-length': String(25 * 2 ** 20)
			})
		});
		expect(tooLarge.status).toBe(400);
		expect(tooLarge.body).toMatchObject({
			errors: [{ path: 'file', message: m.spreadsheets_error_too_large({ max: '20' }, { locale: 'en' }) }]
		});

		const csv = new TextEncoder().encode('Name,Type\nAgence Est,NGO\n');
		const preview = await run('previewOrganisationsImport', coordinator, {
			request: fileRequest('/organisations/import', csv)
		});
		const { uploadId } = preview.body as { uploadId: string };
		const bad = await run('confirmImport', coordinator, {
			id: uploadId,
			body: { decisions: { '2': 'merge' } }
		});
		expect(bad.status).toBe(400);
		const noMatch = await run('confirmImport', coordinator, {
			id: uploadId,
			body: { decisions: { '2': 'update' } }
		});
		expect(noMatch.body).toMatchObject({
			errors: [{ path: 'decisions.2', message: m.imports_error_no_match({ row: 2 }, { locale: 'en' }) }]
		});
		const [stored] = await t.db
			.select({ n: count() })
			.from(organisation)
			.where(eq(organisation.name, 'Agence Est'));
		expect(stored!.n).toBe(0);

		expect((await run('confirmImport', await world.as('admin'), { id: uploadId, body: {} })).status).toBe(
			404
		);
		expect((await run('discardImport', await world.as('visitor'), { id: uploadId })).status).toBe(401);
		const people = await run('previewPeopleImport', await world.as('observer'), {
			request: fileRequest('/people/import', csv)
		});
		expect(people.status).toBe(403);
		expect((await run('discardImport', coordinator, { id: uploadId })).status).toBe(204);
		expect((await run('confirmImport', coordinator, { id: uploadId, body: {} })).status).toBe(404);
	});

	it('is described in the OpenAPI document with its schemas', () => {
		const document = openApiDocument(imports as Operation[], 'en') as unknown as {
			paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
		};
		expect(Object.keys(document.paths)).toEqual(
			expect.arrayContaining([
				'/organisations/import',
				'/people/import',
				'/imports/{id}/confirm',
				'/imports/{id}'
			])
		);
		expect(Object.keys(document.paths['/organisations/import']!.post!.requestBody!.content)).toContain(
			'text/csv'
		);
		expect(Object.keys(document.paths['/imports/{id}/confirm']!.post!.requestBody!.content)).toEqual([
			'application/json'
		]);
	});
});
