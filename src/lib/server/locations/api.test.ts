import { readFileSync } from 'node:fs';
import { TEST_PUBLIC_URL } from '../../../../tests/app';
import { fileURLToPath } from 'node:url';
import type { RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { count } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { importUpload, location } from '../db/schema';
import { loadActor } from '../access/actor';
import { localeFromAcceptLanguage } from '../i18n';
import { handleApiRequest } from '../api/router';
import { openApiDocument } from '../api/openapi';
import { locations } from '../api/operations/locations';

// The real router, serving only this module's operations (the lead lists them in api/routes.ts).
vi.mock('../api/routes', async () => ({
	operations: (await import('../api/operations/locations')).locations
}));

const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const csv2021 = readFileSync(`${shared}reference/mali-pcodes-2021.csv`);
const geojson2017 = readFileSync(`${shared}fixtures/geo/mali-adm2-2017.geojson`);

interface Problem {
	status: number;
	errors?: { path: string; message: string }[];
}

describe(`API /locations [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	async function call(
		method: string,
		path: string,
		options: { as?: string | null; file?: Uint8Array | string; type?: string; language?: string } = {}
	) {
		const headers = new Headers();
		if (options.language) headers.set('accept-language', options.language);
		if (options.file !== undefined) headers.set('content-type', options.type ?? 'text/csv');
		const request = new Request(`http://concerto.test/api/v1${path}`, {
			method,
			headers,
			body: options.file as BodyInit | undefined
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

	const writes = async () => ({
		places: (await t.db.select({ n: count() }).from(location))[0]!.n,
		uploads: (await t.db.select({ n: count() }).from(importUpload))[0]!.n,
		audit: await auditCount(t.db)
	});

	it('refuses an import to a visitor (401) and to anyone but an administrator (403)', async () => {
		const before = await writes();
		expect((await call('POST', '/locations/import', { file: csv2021 })).status).toBe(401);
		for (const who of ['coordinator', 'focalPointA', 'observer'] as const) {
			const response = await call('POST', '/locations/import', { as: world.users[who], file: csv2021 });
			expect(response.status).toBe(403);
		}
		expect(await writes()).toEqual(before);
	});

	it('explains a bad file by row and column in the language asked for, and changes nothing', async () => {
		const before = await writes();
		const response = await call('POST', '/locations/import?format=csv', {
			as: world.users.admin,
			language: 'en',
			file: 'P-Code,Name,Parent P-Code,Admin Level\nML01,Kayes,MLI,one\n'
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		const problem = (await response.json()) as Problem;
		expect(problem.errors).toEqual([
			{
				path: 'file',
				message:
					'Row 2, column “Admin Level”: “one” is not a level. Write a whole number from 0 (country) to 5: 1 for regions, 2 for cercles…'
			}
		]);
		const tooLarge = await call('POST', '/locations/import', {
			as: world.users.admin,
			file: new Uint8Array(20 * 1024 * 1024 + 1)
		});
		expect(((await tooLarge.json()) as Problem).errors![0]!.message).toContain('20 Mo');
		const badOption = await call('POST', '/locations/import?format=shapefile', {
			as: world.users.admin,
			file: csv2021
		});
		expect(badOption.status).toBe(400);
		expect(await writes()).toEqual(before);
	});

	it('previews, then applies, the 2021 list and the 2017 boundaries; everyone reads the tree', async () => {
		const preview = await call('POST', '/locations/import?filename=mali-pcodes-2021.csv', {
			as: world.users.admin,
			file: csv2021
		});
		expect(preview.status).toBe(201);
		const body = (await preview.json()) as { id: string; report: { added: { pcode: string }[] } };
		expect(preview.headers.get('location')).toBe(`/api/v1/locations/import/${body.id}`);
		expect(body.report.added).toHaveLength(63);
		expect((await writes()).places).toBe(0);
		expect((await call('GET', `/locations/import/${body.id}`, { as: world.users.admin })).status).toBe(200);
		expect((await call('POST', `/locations/import/${body.id}`, { as: world.users.coordinator })).status).toBe(
			403
		);

		const applied = await call('POST', `/locations/import/${body.id}`, { as: world.users.admin });
		expect(applied.status).toBe(200);
		expect((await writes()).places).toBe(63);

		// Without a country in the list, the regions are the top of the tree.
		const top = (await (await call('GET', '/locations?parent=')).json()) as { total: number };
		expect(top.total).toBe(10);
		const found = (await (await call('GET', '/locations?q=menaka')).json()) as {
			items: { pcode: string; name: string; children: number }[];
		};
		expect(found.items.map((p) => [p.pcode, p.children])).toEqual([
			['ML10', 4],
			['ML1001', 0]
		]);

		const geo = await call('POST', '/locations/import', {
			as: world.users.admin,
			file: geojson2017,
			type: 'application/geo+json'
		});
		expect(geo.status).toBe(201);
		const geoBody = (await geo.json()) as {
			id: string;
			report: { added: unknown[]; retired: { pcode: string }[] };
		};
		expect(geoBody.report.added).toEqual([
			{ pcode: 'ML0704', name: 'Menaka', level: 2, parent: { pcode: 'ML07', name: 'Gao' } }
		]);
		expect(geoBody.report.retired.map((p) => p.pcode)).toEqual(['ML1001', 'ML1002', 'ML1003', 'ML1004']);
		expect((await call('POST', `/locations/import/${geoBody.id}`, { as: world.users.admin })).status).toBe(
			200
		);

		// A visitor reads a place by its P-code, with its subdivisions and its outline.
		const menaka = await call('GET', '/locations/ML0704');
		expect(menaka.status).toBe(200);
		const place = (await menaka.json()) as {
			name: string;
			trail: { pcode: string }[];
			outline: { type: string } | null;
			retiredAt: string | null;
		};
		expect(place).toMatchObject({ name: 'Menaka', trail: [{ pcode: 'ML07' }], retiredAt: null });
		expect(place.outline!.type).toBe('Polygon');
		const region = (await (await call('GET', '/locations/ml10')).json()) as {
			children: { total: number; items: { retiredAt: string | null }[] };
		};
		expect(region.children.total).toBe(4);
		expect(region.children.items.every((p) => typeof p.retiredAt === 'string')).toBe(true);
		expect((await call('GET', '/locations/ML99')).status).toBe(404);
	});

	it('discards an upload; another user cannot know it exists', async () => {
		const preview = await call('POST', '/locations/import', { as: world.users.admin, file: csv2021 });
		const { id } = (await preview.json()) as { id: string };
		expect((await call('GET', `/locations/import/${id}`)).status).toBe(401);
		expect((await call('DELETE', `/locations/import/${id}`, { as: world.users.admin })).status).toBe(204);
		expect((await call('GET', `/locations/import/${id}`, { as: world.users.admin })).status).toBe(404);
	});

	it('documents every operation in the OpenAPI document', () => {
		const document = openApiDocument(locations, 'en') as unknown as { paths: Record<string, object> };
		expect(Object.keys(document.paths).sort()).toEqual([
			'/locations',
			'/locations/import',
			'/locations/import/{id}',
			'/locations/{id}'
		]);
	});
});
