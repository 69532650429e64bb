import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addMali } from '../../../../../tests/plans';
import { seedWorld, type World } from '../../../../../tests/actors';
import { activity, cluster } from '../../db/schema';
import type { Ctx } from '../../context';
import type { Operation } from '../../api/endpoint';
import { openApiDocument } from '../../api/openapi';
import { problemFromError } from '../../api/problem';
import { logframe } from '../../api/operations/logframe';
import { isDownload, type Download } from '../../downloads';
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import { createPlan } from '../plans';
import { createClusterObjective, createStrategicObjective } from '../framework/items';

/** The operations as the router runs them: the file is the raw body, the answer encoded by its schema. */
async function run(
	operationId: string,
	ctx: Ctx,
	options: { id?: string; query?: Record<string, string>; request?: Request } = {}
): Promise<{ status: number; body: unknown }> {
	const op = logframe.find((o) => o.operationId === operationId) as Operation | undefined;
	if (!op) throw new Error(`no operation ${operationId}`);
	try {
		const result = await op.run({
			ctx,
			locale: ctx.locale,
			publicUrl: 'http://x',
			id: options.id ?? '',
			query: options.query ?? {},
			body: undefined,
			request: options.request ?? new Request('http://localhost/api/v1', { method: op.method })
		});
		if (isDownload(result)) return { status: op.status, body: result };
		return { status: op.status, body: op.response ? z.encode(op.response, result) : null };
	} catch (e) {
		const response = problemFromError(e, ctx.locale);
		return { status: response.status, body: await response.json() };
	}
}

const xlsxRequest = (bytes: Uint8Array) =>
	new Request('http://localhost/api/v1/plans/x/logframe?filename=cadre.xlsx', {
		method: 'POST',
		body: new Blob([new Uint8Array(bytes)]),
		headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
	});

describe(`logframe API [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let coordinator: Ctx;
	let planId: string;
	let code: string;
	let coCode: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		coordinator = await world.as('coordinator', 'en');
		const places = await addMali(t.db);
		planId = (
			await createPlan(coordinator, {
				countryId: places['ML'],
				year: '2017',
				kind: 'hrp',
				titleFr: 'Mali — HRP 2017',
				startsOn: '2017-01-01',
				endsOn: '2017-12-31',
				clusterIds: [world.clusterEr]
			})
		).id;
		const [c] = await t.db
			.select({ code: cluster.code })
			.from(cluster)
			.where(eq(cluster.id, world.clusterEr));
		code = c!.code;
		const so = await createStrategicObjective(coordinator, planId, { titleFr: 'Protéger' });
		coCode = (
			await createClusterObjective(coordinator, planId, code, {
				titleFr: 'Justice',
				strategicObjectiveId: so.id
			})
		).code;
	});

	const file = () =>
		writeXlsx(
			[
				['Level', 'Code', 'Parent', 'Title (French)', 'Unit', 'ML06'],
				['Activity', 'new-1', coCode, 'Rouvrir les tribunaux', null, null],
				['Indicator', null, 'new-1', 'Tribunaux rouverts', 'number', 4]
			],
			'Logframe'
		);
	const activities = async () => (await t.db.select({ n: count() }).from(activity))[0]!.n;

	it('downloads the logframe, previews a raw XLSX body and confirms it by the staged id', async () => {
		const download = await run('exportLogframe', coordinator, { id: planId, query: { cluster: code } });
		expect(download.status).toBe(200);
		expect((download.body as Download).filename).toBe(`logframe-${code}-2017.xlsx`);
		const csv = await run('exportLogframe', coordinator, {
			id: planId,
			query: { cluster: code, format: 'csv' }
		});
		expect((csv.body as Download).contentType).toMatch(/^text\/csv/);

		const preview = await run('previewLogframe', coordinator, {
			id: planId,
			query: { cluster: code },
			request: xlsxRequest(file())
		});
		expect(preview.status).toBe(200);
		const body = preview.body as {
			uploadId: string;
			counts: { created: number };
			creates: { code: string }[];
		};
		expect(body.counts.created).toBe(2);
		expect(body.creates.map((c) => c.code)).toEqual([`A${coCode.slice(2)}.1`, `I${coCode.slice(2)}.1.1`]);
		const again = await run('getLogframeImport', coordinator, { id: body.uploadId });
		expect(again.body).toEqual(body);

		const before = await activities();
		const confirmed = await run('confirmLogframeImport', coordinator, { id: body.uploadId });
		expect(confirmed).toMatchObject({ status: 200, body: { created: 2, updated: 0, cluster: code } });
		expect(await activities()).toBe(before + 1);
		expect((await run('confirmLogframeImport', coordinator, { id: body.uploadId })).status).toBe(404);
	});

	it('answers 403 to a partner and an observer, 400 with rows and columns to a bad file', async () => {
		const before = await activities();
		for (const who of ['focalPointA', 'observer'] as const) {
			const refused = await run('previewLogframe', await world.as(who, 'en'), {
				id: planId,
				query: { cluster: code },
				request: xlsxRequest(file())
			});
			expect(refused.status).toBe(403);
		}
		const bad = await run('previewLogframe', coordinator, {
			id: planId,
			query: { cluster: code },
			request: xlsxRequest(
				writeXlsx(
					[
						['Level', 'Code', 'Parent', 'Title (French)', 'Unit', 'ML06'],
						['Activity', null, 'CO9.9', 'Orpheline', null, null],
						['Indicator', null, 'A9.9.9', 'Taux', 'percent', 120]
					],
					'Logframe'
				)
			)
		});
		expect(bad.status).toBe(400);
		const messages = (bad.body as { errors: { message: string }[] }).errors.map((e) => e.message);
		expect(messages).toContain(
			'Row 2, column "Parent" (C): parent CO9.9 does not exist: it is neither a code of this framework nor the temporary code of a row of the file.'
		);
		expect(messages.some((x) => x.startsWith('Row 3, column "ML06" (F): '))).toBe(true);
		expect(await activities()).toBe(before);
		const noCluster = await run('previewLogframe', coordinator, { id: planId, request: xlsxRequest(file()) });
		expect(noCluster.status).toBe(400);
	});

	it('is described in the OpenAPI document', () => {
		const doc = openApiDocument(logframe as Operation[], 'en') as unknown as {
			paths: Record<string, unknown>;
		};
		expect(Object.keys(doc.paths)).toEqual([
			'/plans/{id}/logframe',
			'/logframe-imports/{id}',
			'/logframe-imports/{id}/confirm'
		]);
	});
});
