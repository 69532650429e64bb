import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { ok, problem, useApiClient } from '../../../../tests/api-client';
import { seedProjectList, type ProjectListWorld } from '../../../../tests/project-list';
import { setPlanStatus } from '../../../../tests/projects';
import { readTable } from '../spreadsheets/read-table';
import { operations } from '../api/routes';

describe(`API /api/v1/projects (list, exports, 3W) [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const api = useApiClient(t);
	let w: ProjectListWorld;

	beforeAll(async () => {
		w = await seedProjectList(t.db);
		await api.tokensFor({ admin: w.users.admin, focalPointB: w.users.focalPointB });
	});

	const get = (path: string, as?: string, language = 'fr') => api.call('GET', path, { as, language });

	it('lists a plan’s projects with the sums of the whole selection', async () => {
		const body = await ok(
			await get(`/projects?plan=${w.plan.id}&cluster=${w.erCode}&organisation=${w.orgA}&limit=1`, 'admin')
		);
		expect(body.total).toBe(2);
		expect(body.items).toHaveLength(1);
		expect(body.items[0]).toEqual({
			id: w.projects.a.id,
			code: w.projects.a.code,
			titleFr: 'Relèvement des <b>moyens</b> d’existence & "AGR"',
			titleEn: 'Livelihoods <recovery>',
			organisation: { id: w.orgA, name: expect.stringMatching(/^Organisation A /), acronym: 'OA' },
			cluster: { id: w.clusterEr, code: w.erCode },
			status: 'draft',
			budgetUsd: '100000.10',
			peopleTargeted: 1000,
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			places: ['ML06']
		});
		expect(body.sums).toMatchObject({
			projects: 2,
			budgetUsd: '350000.30',
			peopleTargeted: 4000,
			peopleTargetedLargestPerPlace: 3000,
			byStatus: { draft: 1, published: 1 }
		});
	});

	it('answers each caller with what they may see: B never gets A’s draft, visitors the published plan', async () => {
		const forB = await ok(await get(`/projects?plan=${w.plan.id}&status=draft,submitted`, 'focalPointB'));
		expect(forB.items.map((p: { id: string }) => p.id)).toEqual([w.projects.c.id, w.projects.e.id]);
		// A draft plan does not exist for a visitor; once published, its published projects do.
		await problem(await get(`/projects?plan=${w.plan.id}`), 404);
		await setPlanStatus(t.db, w.plan.id, 'published');
		try {
			const visitor = await ok(await get(`/projects?plan=${w.plan.id}`));
			expect(visitor.items.map((p: { id: string }) => p.id)).toEqual([w.projects.b.id, w.projects.d.id]);
		} finally {
			await setPlanStatus(t.db, w.plan.id, 'draft');
		}
	});

	it('refuses bad filters with a problem naming each, in the caller’s language', async () => {
		const fr = await problem(await get(`/projects?plan=nope&status=bogus`, 'admin'), 400);
		expect(fr.errors.map((e) => e.path).sort()).toEqual(['plan', 'status.0']);
		const en = await problem(await get(`/projects?plan=${w.plan.id}&format=pdf`, 'admin', 'en'), 400);
		expect(en.errors).toEqual([
			{ path: 'format', message: 'Unknown format: choose csv, xlsx, hxl or iati.' }
		]);
		await problem(await get(`/projects`, 'admin'), 400);
		await problem(await get(`/projects?plan=${randomUUID()}`, 'admin'), 404);
	});

	it('answers files with format, every project the filters select', async () => {
		const csv = await get(`/projects?plan=${w.plan.id}&format=hxl&status=published`, 'admin');
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toMatch(
			/^attachment; filename="projects-ML-2017-.*\.hxl\.csv"/
		);
		const text = await csv.text();
		expect(text).toContain('#activity +code,#activity +name +i_fr');
		expect(text).toContain(w.projects.d.code);

		const xlsx = await get(`/projects?plan=${w.plan.id}&format=xlsx`, 'focalPointB');
		const [sheet] = await readTable(new Uint8Array(await xlsx.arrayBuffer()), 'p.xlsx', 'fr');
		expect(sheet!.rows.slice(1).map((r) => r[0])).not.toContain(w.projects.a.code);

		const iati = await get(`/projects?plan=${w.plan.id}&format=iati`, 'admin');
		expect(iati.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		expect((await iati.text()).match(/<iati-activity /g)).toHaveLength(5);
	});

	it('answers the 3W view at /projects/who-what-where, not taken for a project id', async () => {
		const body = await ok(await get(`/projects/who-what-where?plan=${w.plan.id}`, 'admin'));
		expect(body.plan).toEqual({ id: w.plan.id, titleFr: w.plan.titleFr, titleEn: w.plan.titleEn });
		expect(body.statuses).toEqual(['approved', 'published']);
		expect(body.rows.map((r: { admin1: { pcode: string } }) => r.admin1.pcode)).toEqual(['ML06', 'ML06']);
		expect(body.rows[1]).toMatchObject({
			projects: 1,
			peopleTargeted: 500,
			admin2: [{ place: { pcode: 'ML0601' } }]
		});
		// The router takes the first operation of the table whose path and method match.
		const order = operations.map((op) => `${op.method} ${op.path}`);
		const byId = order.indexOf('GET /projects/{id}');
		if (byId >= 0) expect(order.indexOf('GET /projects/who-what-where')).toBeLessThan(byId);
		await problem(await get(`/projects/who-what-where?plan=${w.plan.id}&status=bogus`, 'admin'), 400);
	});
});
