import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { seedWorld, type World } from '../../../../../tests/actors';
import { cluster, indicatorTarget, location } from '../../db/schema';
import type { Ctx } from '../../context';
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import type { Cell } from '../../spreadsheets/write-csv';
import { createPlan } from '../plans';
import { getFramework } from '../framework/tree';
import { exportLogframe } from './export';
import { confirmLogframe, previewLogframe } from './import';

const REGIONS = 10;
const CERCLES = 6;
const HEADERS = [
	'Niveau',
	'Code',
	'Parent',
	'Sert aussi',
	'Titre (français)',
	'Titre (anglais)',
	'Unité',
	'Cumul sur les mois',
	'Cumul sur les lieux',
	'Désagrégation',
	'Référence',
	'Cible totale'
];

/** The large framework: 30 objectives, 150 activities, 600 indicators, targets in 60 places. */
function largeFramework(cercles: string[]): Cell[][] {
	const rows: Cell[][] = [[...HEADERS, ...cercles]];
	const blank = cercles.map(() => null);
	for (let s = 1; s <= 3; s++) {
		rows.push([
			'SO',
			`new-so${s}`,
			null,
			null,
			`Objectif stratégique ${s}`,
			`Strategic objective ${s}`,
			...blank
		]);
		for (let c = 1; c <= 10; c++) {
			const co = `new-co${s}-${c}`;
			rows.push(['CO', co, `new-so${s}`, null, `Objectif ${s}.${c}`, null, ...blank]);
			for (let a = 1; a <= 5; a++) {
				const act = `${co}-${a}`;
				rows.push(['A', act, co, null, `Activité ${s}.${c}.${a}`, null, ...blank]);
				for (let i = 1; i <= 4; i++)
					rows.push([
						'I',
						null,
						act,
						null,
						`Indicateur ${s}.${c}.${a}.${i}`,
						`Indicator ${s}.${c}.${a}.${i}`,
						'people',
						'latest',
						'sum',
						'sex-age',
						0,
						cercles.length * 100,
						...cercles.map((_, k) => 100 + ((k + i) % 7))
					]);
			}
		}
	}
	return rows;
}

describe(`logframe import at scale [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let coordinator: Ctx;
	let planId: string;
	let code: string;
	let cercles: string[];

	beforeAll(async () => {
		world = await seedWorld(t.db);
		coordinator = await world.as('coordinator');
		const [country] = await t.db
			.insert(location)
			.values({ pcode: 'NE', name: 'Niger', level: 0 })
			.returning({ id: location.id });
		cercles = [];
		for (let r = 1; r <= REGIONS; r++) {
			const pcode = `NE${String(r).padStart(2, '0')}`;
			const [region] = await t.db
				.insert(location)
				.values({ pcode, name: `Région ${r}`, level: 1, parentId: country!.id })
				.returning({ id: location.id });
			const children = Array.from({ length: CERCLES }, (_, k) => `${pcode}${String(k + 1).padStart(2, '0')}`);
			await t.db
				.insert(location)
				.values(
					children.map((p) => ({ pcode: p, name: `Département ${p}`, level: 2, parentId: region!.id }))
				);
			cercles.push(...children);
		}
		const p = await createPlan(coordinator, {
			countryId: country!.id,
			year: '2018',
			kind: 'hrp',
			titleFr: 'Niger — HRP 2018',
			startsOn: '2018-01-01',
			endsOn: '2018-12-31',
			clusterIds: [world.clusterEr]
		});
		planId = p.id;
		const [c] = await t.db
			.select({ code: cluster.code })
			.from(cluster)
			.where(eq(cluster.id, world.clusterEr));
		code = c!.code;
	});

	it('imports 600 indicators with targets in 60 places in one save (tens of thousands of logged fields), and re-imports its export as nothing to change', async () => {
		const bytes = writeXlsx(largeFramework(cercles), 'Cadre logique');
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: 'grand.xlsx',
			bytes
		}));
		expect(preview.counts.created).toBe(3 + 30 + 150 + 600);
		await confirmLogframe(coordinator, preview.uploadId);
		const [targets] = await t.db.select({ n: count() }).from(indicatorTarget);
		expect(targets!.n).toBe(600 * 60);
		const tree = (await getFramework(coordinator, planId, code)).tree;
		const first = tree[0]!.objectives[0]!.activities[0]!.indicators[0]!;
		expect(first.code).toBe('I1.1.1.1');
		expect(first.rollUp.places).toBe(60);

		const file = await exportLogframe(coordinator, planId, code);
		const again = await previewLogframe(coordinator, planId, code, async () => ({
			filename: file.filename,
			bytes: file.body as Uint8Array
		}));
		expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 783 });
	});
});
