import type { RequestEvent } from '@sveltejs/kit';
import { TEST_PUBLIC_URL } from '../../../../../tests/app';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { loadActor } from '../../access/actor';
import { localeFromAcceptLanguage } from '../../i18n';
import { handleApiRequest } from '../../api/router';
import { needs } from '../../api/operations/needs';
import { needsCounts, needsWorld, row, SOURCE } from './test-world';

describe(`API /plans/{id}/needs [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: Awaited<ReturnType<typeof needsWorld>>;
	let users: Record<string, string | null>;

	beforeAll(async () => {
		w = await needsWorld(t.db);
		users = { ...w.users, visitor: null };
	});

	async function call(
		method: string,
		path: string,
		options: {
			as?: string;
			body?: unknown;
			file?: { type: string; bytes: Uint8Array };
			language?: string;
		} = {}
	) {
		const headers = new Headers();
		if (options.language) headers.set('accept-language', options.language);
		let body: BodyInit | undefined;
		if (options.body !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(options.body);
		}
		if (options.file) {
			headers.set('content-type', options.file.type);
			body = options.file.bytes as Uint8Array<ArrayBuffer>;
		}
		const request = new Request(`http://concerto.test/api/v1${path}`, { method, headers, body });
		const userId = options.as ? users[options.as] : null;
		const actor = userId ? await loadActor(t.db, userId) : null;
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

	it('declares every path with the plan or the staged file as its only {id}', () => {
		for (const op of needs) expect(op.path.match(/\{[a-z]+\}/g)).toEqual(['{id}']);
	});

	it('saves with PUT, reads the figures back, lists and compares revisions', async () => {
		const base = `/plans/${w.plan.id}/needs?cluster=${w.er}`;
		const first = await call('PUT', base, {
			as: 'coordinator',
			body: {
				...SOURCE,
				baseRevision: 0,
				rows: [row('ML07', 'idp', { girls: '1 500', boys: 1400 }, { girls: 700 })]
			}
		});
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({
			number: 1,
			sourceDate: '2016-10-25',
			createdAt: expect.stringMatching(/Z$/)
		});
		await call('PUT', base, {
			as: 'coordinator',
			body: {
				...SOURCE,
				baseRevision: 1,
				rows: [row('ML07', 'idp', { girls: 1500, boys: 1400 }, { girls: 900 })]
			}
		});

		const read = await call('GET', base, { as: 'focalPointA' });
		const needsBody = await read.json();
		expect(needsBody.revision.number).toBe(2);
		expect(needsBody.rows).toEqual([
			{
				pcode: 'ML07',
				place: 'Gao',
				level: 1,
				group: 'idp',
				inNeed: { girls: 1500, boys: 1400 },
				targeted: { girls: 900 },
				inNeedTotal: 2900,
				targetedTotal: 900
			}
		]);
		expect(
			(await (await call('GET', `${base}&revision=1`, { as: 'focalPointA' })).json()).rows[0].targeted
		).toEqual({ girls: 700 });

		const revisions = await (
			await call('GET', `/plans/${w.plan.id}/needs/revisions?cluster=${w.er}`, { as: 'observer' })
		).json();
		expect(revisions.items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
		const compared = await (
			await call('GET', `/plans/${w.plan.id}/needs/compare?cluster=${w.er}&from=1&to=2`, { as: 'observer' })
		).json();
		expect(compared.changes).toEqual([
			{
				pcode: 'ML07',
				group: 'idp',
				kind: 'changed',
				cells: [{ part: 'targeted', code: 'girls', before: 700, after: 900 }]
			}
		]);
		expect(compared.totals.to.targetedTotal - compared.totals.from.targetedTotal).toBe(200);
	});

	it('answers problems: 400 naming the cell, 409 on a stale base, 403 to a partner, 404 to a visitor on a draft', async () => {
		const base = `/plans/${w.plan.id}/needs?cluster=${w.er}`;
		const before = await needsCounts(t.db);
		const bad = await call('PUT', base, {
			as: 'coordinator',
			language: 'en',
			body: { ...SOURCE, baseRevision: 2, rows: [row('ML07', 'idp', { girls: -1 })] }
		});
		expect(bad.status).toBe(400);
		expect((await bad.json()).errors).toEqual([
			{ path: 'rows.0.inNeed.girls', message: '“-1” is negative: a number of people is 0 or more.' }
		]);
		const stale = await call('PUT', base, {
			as: 'coordinator',
			body: { ...SOURCE, baseRevision: 1, rows: [] }
		});
		expect(stale.status).toBe(409);
		const warned = await call('PUT', base, {
			as: 'coordinator',
			body: { ...SOURCE, baseRevision: 2, rows: [row('ML07', 'idp', { girls: 1 }, { girls: 2 })] }
		});
		expect(warned.status).toBe(400);
		expect((await warned.json()).errors[0].path).toBe('confirm');
		expect(
			(await call('PUT', base, { as: 'focalPointA', body: { ...SOURCE, baseRevision: 2, rows: [] } })).status
		).toBe(403);
		expect((await call('PUT', base, { body: { ...SOURCE, baseRevision: 2, rows: [] } })).status).toBe(401);
		expect((await call('GET', base)).status).toBe(404);
		expect((await call('GET', `/plans/${w.plan.id}/needs?cluster=NOPE`, { as: 'admin' })).status).toBe(404);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('downloads the figures as HXL, imports them back, confirms', async () => {
		const exported = await call('GET', `/plans/${w.plan.id}/needs?cluster=${w.er}&format=hxl`, {
			as: 'coordinator'
		});
		expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(exported.headers.get('content-disposition')).toMatch(/\.hxl\.csv"/);
		const bytes = new Uint8Array(await exported.arrayBuffer());
		const preview = await call(
			'POST',
			`/plans/${w.plan.id}/needs/import?cluster=${w.er}&source=OCHA&sourceDate=2016-10-25&illustrative=true`,
			{ as: 'coordinator', file: { type: 'text/csv', bytes } }
		);
		expect(preview.status).toBe(200);
		const report = await preview.json();
		expect(report).toMatchObject({
			errorCount: 0,
			figures: 1,
			changes: { added: 0, removed: 0, changed: 0 }
		});
		expect(report.columns.find((c: { letter: string }) => c.letter === 'G').reads).toBe('inNeed:girls');
		const again = await (
			await call('GET', `/needs-imports/${report.uploadId}`, { as: 'coordinator' })
		).json();
		expect(again.uploadId).toBe(report.uploadId);
		const confirmed = await call('POST', `/needs-imports/${report.uploadId}/confirm`, {
			as: 'coordinator',
			body: {}
		});
		expect(confirmed.status).toBe(200);
		expect(await confirmed.json()).toMatchObject({ number: 3, illustrative: true, source: 'OCHA' });
		expect((await call('DELETE', `/needs-imports/${report.uploadId}`, { as: 'coordinator' })).status).toBe(
			404
		);
	});

	it('answers a refused file with its errors by row and column, and keeps nothing', async () => {
		const before = await needsCounts(t.db);
		const csv = '#adm1+code,#population+type,#inneed+f+children\nML07,idp,"1,5"\nML07,idp,3\n';
		const preview = await call(
			'POST',
			`/plans/${w.plan.id}/needs/import?cluster=${w.er}&source=OCHA&sourceDate=2016-10-25`,
			{
				as: 'coordinator',
				language: 'en',
				file: { type: 'text/csv', bytes: new TextEncoder().encode(csv) }
			}
		);
		const report = await preview.json();
		expect(report.uploadId).toBeNull();
		expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
			[2, 'C'],
			[3, null]
		]);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('lists population groups to all, adds one for the coordinators only', async () => {
		const path = `/plans/${w.plan.id}/needs/population-groups?cluster=${w.er}`;
		const list = await (await call('GET', path, { as: 'focalPointA' })).json();
		expect(list.items.map((g: { code: string }) => g.code)).toEqual(['idp', 'returnees', 'host']);
		expect((await call('POST', path, { as: 'focalPointA', body: { code: 'x', nameFr: 'X' } })).status).toBe(
			403
		);
		const added = await call('POST', path, {
			as: 'coordinator',
			body: { code: 'refugees', nameFr: 'Réfugiés', nameEn: 'Refugees' }
		});
		expect(await added.json()).toEqual({
			code: 'refugees',
			nameFr: 'Réfugiés',
			nameEn: 'Refugees',
			position: 4
		});
		expect(
			(await call('POST', path, { as: 'coordinator', body: { code: 'refugees', nameFr: 'R' } })).status
		).toBe(409);
	});
});
