import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addMali } from '../../../../../tests/plans';
import { addUser, ctxFor, seedWorld, type World } from '../../../../../tests/actors';
import {
	activity,
	cluster,
	clusterObjective,
	importUpload,
	indicator,
	indicatorTarget,
	plan,
	planChange,
	strategicObjective
} from '../../db/schema';
import type { Ctx } from '../../context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { readTable } from '../../spreadsheets/read-table';
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import type { Cell } from '../../spreadsheets/write-csv';
import { m } from '$lib/paraglide/messages';
import { createPlan } from '../plans';
import {
	createActivity,
	createClusterObjective,
	createIndicator,
	createStrategicObjective,
	updateActivity
} from '../framework/items';
import { setIndicatorTargets } from '../framework/targets';
import { getFramework, type IndicatorNode } from '../framework/tree';
import { findPlanPart } from '../access';
import { exportLogframe } from './export';
import { describeProblem, readLogframeFile } from './read';
import { readState } from './state';
import { planLogframe } from './validate';
import { confirmLogframe, discardLogframe, getLogframePreview, previewLogframe } from './import';

const HEADERS_FR = [
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
const HEADERS_EN = HEADERS_FR.map(
	(_, i) =>
		[
			'Level',
			'Code',
			'Parent',
			'Also serves',
			'Title (French)',
			'Title (English)',
			'Unit',
			'Over months',
			'Over places',
			'Disaggregation',
			'Baseline',
			'Total target'
		][i]!
);

/** A row of a file prepared offline: the twelve columns, then the place columns' values. */
function line(
	values: Partial<
		Record<
			| 'level'
			| 'code'
			| 'parent'
			| 'also'
			| 'fr'
			| 'en'
			| 'unit'
			| 'period'
			| 'place'
			| 'dis'
			| 'base'
			| 'target',
			Cell
		>
	>,
	places: Cell[] = []
): Cell[] {
	const keys = [
		'level',
		'code',
		'parent',
		'also',
		'fr',
		'en',
		'unit',
		'period',
		'place',
		'dis',
		'base',
		'target'
	] as const;
	return [...keys.map((k) => values[k] ?? null), ...places];
}

const upload =
	(rows: Cell[][], filename = 'cadre.xlsx') =>
	async () => ({
		filename,
		bytes: writeXlsx(rows, 'Cadre logique')
	});

describe(`logframe spreadsheet [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let coordinator: Ctx;
	let planId: string;
	let code: string;
	let so: { id: string; code: string };

	beforeAll(async () => {
		world = await seedWorld(t.db);
		coordinator = await world.as('coordinator');
		const places = await addMali(t.db);
		const p = await createPlan(coordinator, {
			countryId: places['ML'],
			year: '2017',
			kind: 'hrp',
			titleFr: 'Mali — HRP 2017',
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			clusterIds: [world.clusterEr]
		});
		planId = p.id;
		const [row] = await t.db
			.select({ code: cluster.code })
			.from(cluster)
			.where(eq(cluster.id, world.clusterEr));
		code = row!.code;
		so = await createStrategicObjective(coordinator, planId, { titleFr: 'Protéger les civils' });
		const co = await createClusterObjective(coordinator, planId, code, {
			titleFr: "Restaurer l'autorité de l'État",
			strategicObjectiveId: so.id
		});
		const a = await createActivity(coordinator, planId, code, {
			titleFr: 'Redéployer l’administration',
			clusterObjectiveId: co.id
		});
		const ind = await createIndicator(coordinator, planId, code, {
			titleFr: 'Agents redéployés',
			titleEn: 'Civil servants redeployed',
			activityId: a.id,
			unit: 'people',
			periodRule: 'latest',
			placeRule: 'sum',
			disaggregation: 'sex',
			baseline: '120',
			target: '1 500'
		});
		await setIndicatorTargets(coordinator, ind.id, { targets: { ML06: '700', ML0701: '800' } });
	});

	/** Every row the framework is stored in, and the plan's revision: a refused file changes none. */
	async function snapshot() {
		const n = async (table: PgTable) => (await t.db.select({ n: count() }).from(table))[0]!.n;
		const [p] = await t.db.select({ revision: plan.revision }).from(plan).where(eq(plan.id, planId));
		return {
			revision: p!.revision,
			counts: [
				await n(strategicObjective),
				await n(clusterObjective),
				await n(activity),
				await n(indicator),
				await n(indicatorTarget),
				await n(planChange)
			]
		};
	}

	async function exported(ctx = coordinator, locale: 'fr' | 'en' = 'fr') {
		const file = await exportLogframe({ ...ctx, locale }, planId, code);
		return { file, sheets: await readTable(file.body as Uint8Array, file.filename, 'fr') };
	}

	/** The exported workbook with cells of its logframe sheet changed, read-me sheet kept. */
	function edited(bytes: Uint8Array, edit: (rows: string[][]) => void) {
		const book = XLSX.read(bytes, { type: 'array' });
		const sheet = book.Sheets[book.SheetNames[0]!]!;
		const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
		edit(rows);
		book.Sheets[book.SheetNames[0]!] = XLSX.utils.aoa_to_sheet(rows);
		return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
	}

	const indicators = async () =>
		(await getFramework(coordinator, planId, code)).tree
			.flatMap((s) => s.objectives)
			.flatMap((o) => o.activities)
			.flatMap((a) => a.indicators);

	async function refusal(ctx: Ctx, rows: Cell[][]) {
		const error = await previewLogframe(ctx, planId, code, upload(rows)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).errors.map((e) => e.message);
	}

	it('exports the framework in tree order with a read-me, and an unchanged file changes nothing', async () => {
		const { file, sheets } = await exported();
		expect(file.filename).toMatch(/^cadre-logique-.*-2017\.xlsx$/);
		const [frame, readMe] = sheets;
		expect(frame!.name).toBe('Cadre logique');
		expect(frame!.rows[0]!.slice(0, 12)).toEqual(HEADERS_FR);
		const places = frame!.rows[0]!.slice(12);
		// Every region, and the cercle that has a target.
		expect(places).toEqual(['ML06', 'ML07', 'ML0701', 'ML08']);
		const codes = frame!.rows.slice(1).map((r) => r[1]);
		expect(codes.indexOf(so.code)).toBeLessThan(codes.findIndex((c) => c!.startsWith('CO')));
		const ind = frame!.rows.find((r) => r[4] === 'Agents redéployés')!;
		expect(ind.slice(6, 12)).toEqual(['people', 'latest', 'sum', 'sex', '120', '1500']);
		expect(ind.slice(12)).toEqual(['700', '', '800', '']);
		expect(ind[0]).toBe('Indicateur');
		expect(readMe!.name).toBe('Lisez-moi');
		const revisionRow = readMe!.rows.find((r) => r[0] === 'Révision du plan')!;
		const [stored] = await t.db.select({ revision: plan.revision }).from(plan).where(eq(plan.id, planId));
		expect(Number(revisionRow[1])).toBe(stored!.revision);
		expect(readMe!.rows.some((r) => r[0] === 'yes-no')).toBe(true);

		const before = await snapshot();
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: file.filename,
			bytes: file.body as Uint8Array
		}));
		expect(preview.counts).toMatchObject({ created: 0, updated: 0, kept: 0 });
		expect(preview.counts.unchanged).toBe(frame!.rows.length - 1);
		const result = await confirmLogframe(coordinator, preview.uploadId);
		expect(result).toMatchObject({ created: 0, updated: 0 });
		expect(await snapshot()).toEqual(before);
	});

	it('reads an English export the same way', async () => {
		const { file } = await exported(coordinator, 'en');
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: file.filename,
			bytes: file.body as Uint8Array
		}));
		expect(preview.counts).toMatchObject({ created: 0, updated: 0 });
		await discardLogframe(coordinator, preview.uploadId);
	});

	it('creates what a file prepared offline describes, with codes and roll-ups', async () => {
		const before = await snapshot();
		const rows: Cell[][] = [
			[...HEADERS_EN, 'ML06', 'ML07', 'ML0601', 'ml0701', 'Commentaires'],
			line({
				level: 'Strategic objective',
				code: 'new-so',
				fr: 'Renforcer la résilience',
				en: 'Build resilience'
			}),
			line({ level: 'CO', code: 'co-a', parent: 'new-so', also: so.code, fr: 'Prévenir les inondations' }),
			line({ level: 'Objectif du cluster', code: 'co-b', parent: so.code, fr: 'Rendre la justice' }),
			line({ level: 'Activité', code: 'act', parent: 'co-a', also: 'co-b', fr: 'Curer les canaux' }),
			line({ level: 'Indicateur', parent: 'act', fr: 'Canaux curés', unit: 'number', base: 0, target: 12 }, [
				5,
				7,
				null,
				null,
				'à vérifier'
			]),
			line(
				{
					level: 'I',
					parent: 'act',
					fr: 'Personnes protégées',
					unit: 'personnes',
					period: 'dernière valeur',
					place: 'max',
					dis: 'sex-age',
					target: '1 000'
				},
				[null, null, '400', '600']
			),
			line(
				{
					level: 'indicator',
					parent: 'act',
					fr: 'Taux de curage',
					unit: 'percent',
					period: 'average',
					place: 'moyenne',
					target: '50'
				},
				[40, 60]
			)
		];
		const preview = await previewLogframe(coordinator, planId, code, upload(rows));
		expect(preview.counts).toMatchObject({ created: 7, updated: 0 });
		expect(preview.ignoredColumns.map((c) => c.header)).toEqual(['Commentaires']);
		const n = Number(preview.creates[0]!.code.slice(2));
		const soNumber = Number(so.code.slice(2));
		expect(preview.creates.map((c) => c.code)).toEqual([
			`SO${n}`,
			`CO${n}.1`,
			expect.stringMatching(new RegExp(`^CO${soNumber}\\.\\d+$`)),
			`A${n}.1.1`,
			`I${n}.1.1.1`,
			`I${n}.1.1.2`,
			`I${n}.1.1.3`
		]);
		expect(await snapshot()).toEqual(before);

		const result = await confirmLogframe(coordinator, preview.uploadId);
		expect(result).toMatchObject({ created: 7, updated: 0 });
		const framework = await getFramework(coordinator, planId, code);
		const newSo = framework.tree.find((s) => s.code === `SO${n}`)!;
		expect(newSo.titleEn).toBe('Build resilience');
		const co = newSo.objectives[0]!;
		expect(co.strategicObjectives.map((s) => s.code)).toEqual([`SO${n}`, so.code]);
		const act = co.activities[0]!;
		expect(act.alsoServes.map((x) => x.code)).toEqual([preview.creates[2]!.code]);
		const byTitle = new Map(act.indicators.map((i) => [i.titleFr, i]));
		const rollUp = (title: string) => byTitle.get(title)!.rollUp;
		expect(rollUp('Canaux curés')).toEqual({ places: 2, value: 12, mismatch: false });
		expect(rollUp('Personnes protégées')).toEqual({ places: 2, value: 600, mismatch: true });
		expect(rollUp('Taux de curage')).toEqual({ places: 2, value: 50, mismatch: false });
		const people = byTitle.get('Personnes protégées')! as IndicatorNode;
		expect([
			people.unit,
			people.periodRule,
			people.placeRule,
			people.disaggregation,
			Number(people.target)
		]).toEqual(['people', 'latest', 'max', 'sex-age', 1000]);
		// Confirming the same file again finds nothing: it was used.
		await expect(confirmLogframe(coordinator, preview.uploadId)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('shows each change field by field before applying it, and logs it as a version', async () => {
		const { file } = await exported();
		const bytes = edited(file.body as Uint8Array, (rows) => {
			const header = rows[0]!;
			const row = rows.find((r) => r[4] === 'Agents redéployés')!;
			row[5] = 'Staff redeployed';
			row[11] = '1600';
			row[header.indexOf('ML0701')] = '900';
			row[header.indexOf('ML08')] = '100';
			rows.push(['Indicateur', '', row[2]!, '', 'Tribunaux rouverts', '', 'number']);
		});
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: 'cadre.xlsx',
			bytes
		}));
		expect(preview.counts.created).toBe(1);
		expect(preview.counts.updated).toBe(1);
		const changes = preview.updates[0]!.changes.map((c) => [c.field, c.before, c.after]);
		expect(changes).toEqual([
			['titleEn', 'Civil servants redeployed', 'Staff redeployed'],
			['target', 1500, 1600],
			['target ML0701', 800, 900],
			['target ML08', null, 100]
		]);
		expect(preview.updates[0]!.changes.map((c) => c.label)).toEqual([
			'Titre (anglais)',
			'Cible totale',
			'Cible ML0701',
			'Cible ML08'
		]);
		const revision = (await snapshot()).revision;
		await confirmLogframe(coordinator, preview.uploadId);
		const ind = (await indicators()).find((i) => i.titleFr === 'Agents redéployés')!;
		expect(ind.rollUp).toEqual({ places: 3, value: 1700, mismatch: true });
		const logged = await t.db
			.select()
			.from(planChange)
			.where(eq(planChange.revision, revision + 1));
		expect(
			logged
				.filter((c) => c.entityId === ind.id)
				.map((c) => c.field)
				.sort()
		).toEqual(['target', 'target ML0701', 'target ML08', 'titleEn']);
		expect((await snapshot()).revision).toBe(revision + 1);
	});

	it('refuses each mistake with its row and column, and writes nothing', async () => {
		const { sheets } = await exported();
		const frame = sheets[0]!.rows;
		const coRow = frame.find((r) => r[1]!.startsWith('CO'))!;
		const actRow = frame.find((r) => r[1]!.startsWith('A'))!;
		const indRow = frame.find((r) => r[1]!.startsWith('I'))!;
		const before = await snapshot();
		const fr = { locale: 'fr' as const };
		const cell = (row: number, header: string, letter: string, message: string) =>
			m.logframe_error_cell({ row, header, letter, message }, fr);
		const head = [...HEADERS_FR, 'ML06', 'ML0601', 'ML99'];
		const messages = await refusal(coordinator, [
			head,
			line({ level: 'Niveau 4', fr: 'x' }),
			line({ level: 'Activité', parent: 'CO9.9', fr: 'Sous un objectif absent' }),
			line({ level: 'Activité', code: actRow[1], parent: actRow[2], fr: actRow[4] }),
			line({ level: 'Activité', code: actRow[1], parent: actRow[2], fr: 'Encore' }),
			line({ level: 'Activité', parent: coRow[1], fr: 'Même titre' }),
			line({ level: 'Activité', parent: coRow[1], fr: 'Même titre' }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Taux', unit: 'percent', target: 120 }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Négatif', unit: 'number', base: -3 }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Oui ou non', unit: 'yes-no', target: 2 }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Demi-personnes', unit: 'people', target: '10,5' }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Unité ?', unit: 'kg' }),
			line({ level: 'Indicateur', parent: actRow[1], en: 'No French title', unit: 'number' }),
			line({ level: 'Indicateur', parent: actRow[1], fr: 'Imbriqué', unit: 'number' }, [10, 5]),
			line({ level: 'Activité', parent: coRow[1], fr: 'Avec une cible', unit: 'number' }),
			line({ level: 'Activité', code: 'tmp-act', parent: coRow[1], fr: 'Nouvelle activité' }),
			line({ level: 'Indicateur', code: indRow[1], parent: 'tmp-act', fr: indRow[4], unit: 'people' }),
			line({ level: 'Activité', code: 'CO9.9', parent: coRow[1], fr: 'Code inventé' })
		]);
		expect(messages).toEqual(
			expect.arrayContaining([
				m.logframe_error_column(
					{ header: 'ML99', letter: 'O', message: m.logframe_error_pcode({ pcode: 'ML99' }, fr) },
					fr
				),
				cell(2, 'Niveau', 'A', m.logframe_error_level({ value: 'Niveau 4' }, fr)),
				cell(3, 'Parent', 'C', m.logframe_error_parent_unknown({ code: 'CO9.9' }, fr)),
				cell(5, 'Code', 'B', m.logframe_error_code_duplicate({ code: actRow[1]!, row: 4 }, fr)),
				cell(7, 'Titre (français)', 'E', m.logframe_error_row_duplicate({ row: 6 }, fr)),
				cell(8, 'Cible totale', 'L', m.framework_error_percent({}, fr)),
				cell(9, 'Référence', 'K', m.plans_error_negative({}, fr)),
				cell(10, 'Cible totale', 'L', m.framework_error_yes_no({}, fr)),
				cell(11, 'Cible totale', 'L', m.plans_error_whole({}, fr)),
				cell(
					12,
					'Unité',
					'G',
					m.logframe_error_value({ value: 'kg', allowed: 'people, number, percent, usd, yes-no' }, fr)
				),
				cell(13, 'Titre (français)', 'E', m.logframe_error_title_missing({}, fr)),
				cell(14, 'ML0601', 'N', m.framework_error_nested_target({ pcode: 'ML0601', parent: 'ML06' }, fr)),
				cell(15, 'Unité', 'G', m.logframe_error_not_indicator({}, fr)),
				cell(17, 'Parent', 'C', m.logframe_error_moved({ code: indRow[1]!, current: indRow[2]! }, fr)),
				cell(18, 'Code', 'B', m.logframe_error_code_unknown({ code: 'CO9.9' }, fr))
			])
		);
		expect(await snapshot()).toEqual(before);
		expect((await t.db.select({ n: count() }).from(importUpload))[0]!.n).toBe(0);
	});

	it('refuses a file exported before someone else changed the framework, saying what changed', async () => {
		const { file } = await exported();
		const other = await ctxFor(
			t.db,
			await addUser(t.db, {
				email: 'im-er@example.org',
				name: 'IM',
				grants: [{ role: 'information-manager', clusterId: world.clusterEr }]
			})
		);
		const act = (await getFramework(coordinator, planId, code)).tree[0]!.objectives[0]!.activities[0]!;
		await updateActivity(other, act.id, {
			titleFr: 'Redéployer l’administration et les juges',
			clusterObjectiveId: act.clusterObjectiveId
		});
		const before = await snapshot();
		const read = async () => ({ filename: file.filename, bytes: file.body as Uint8Array });
		const error = await previewLogframe(coordinator, planId, code, read).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		const text = (error as ConflictError).errors.map((e) => e.message).join('\n');
		expect(text).toContain(m.plans_error_stale({}, { locale: 'fr' }));
		expect(text).toContain('im-er@example.org');
		expect(text).toContain(`${act.code} Redéployer l’administration et les juges`);
		expect(await snapshot()).toEqual(before);

		// Fresh at the preview, stale at the confirmation: refused too, and nothing written.
		const fresh = await exported();
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: 'cadre.xlsx',
			bytes: edited(fresh.file.body as Uint8Array, (rows) => {
				rows.find((r) => r[1] === act.code)![5] = 'Redeploy the administration';
			})
		}));
		expect(preview.counts.updated).toBe(1);
		await updateActivity(other, act.id, {
			titleFr: 'Redéployer',
			clusterObjectiveId: act.clusterObjectiveId
		});
		const middle = await snapshot();
		await expect(getLogframePreview(coordinator, preview.uploadId)).rejects.toBeInstanceOf(ConflictError);
		await expect(confirmLogframe(coordinator, preview.uploadId)).rejects.toBeInstanceOf(ConflictError);
		expect(await snapshot()).toEqual(middle);
		await discardLogframe(coordinator, preview.uploadId);
	});

	it('reads its CSV export too, which carries no revision', async () => {
		const file = await exportLogframe(coordinator, planId, code, { format: 'csv' });
		expect(file.filename).toMatch(/\.csv$/);
		const preview = await previewLogframe(coordinator, planId, code, async () => ({
			filename: file.filename,
			bytes: file.body as Uint8Array
		}));
		expect(preview.fileRevision).toBeNull();
		expect(preview.counts).toMatchObject({ created: 0, updated: 0 });
		await discardLogframe(coordinator, preview.uploadId);
	});

	it('leaves the plan’s strategic objectives to those who may change the plan', async () => {
		const part = await findPlanPart(coordinator, planId, code);
		const state = await readState(t.db, part);
		const text = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
		const check = (rows: Cell[][]) =>
			planLogframe(state, readLogframeFile([{ name: 'Cadre', rows: text([HEADERS_FR, ...rows]) }], 'fr'), {
				planId,
				clusterCode: code,
				countryId: part.plan.countryId,
				editsPlan: false,
				locale: 'fr'
			}).problems.map((p) => describeProblem(p, 'fr'));
		const soTitle = state.byCode.get(so.code)!.titleFr;
		expect(check([line({ level: 'SO', code: so.code, fr: soTitle })])).toEqual([]);
		const refused = m.logframe_error_strategic({}, { locale: 'fr' });
		expect(
			check([line({ level: 'SO', code: so.code, fr: 'Autre titre' }), line({ level: 'SO', fr: 'Nouveau' })])
		).toEqual([
			m.logframe_error_row({ row: 2, message: refused }, { locale: 'fr' }),
			m.logframe_error_row({ row: 3, message: refused }, { locale: 'fr' })
		]);
	});

	it('lets partners and observers download but not import; refuses another cluster’s coordinator', async () => {
		const rows = [HEADERS_FR, line({ level: 'Activité', parent: 'CO1.1', fr: 'Intrus' })];
		const before = await snapshot();
		for (const who of ['focalPointA', 'observer'] as const) {
			const ctx = await world.as(who);
			expect((await exportLogframe(ctx, planId, code)).filename).toMatch(/\.xlsx$/);
			await expect(previewLogframe(ctx, planId, code, upload(rows))).rejects.toBeInstanceOf(ForbiddenError);
		}
		const wash = await ctxFor(
			t.db,
			await addUser(t.db, {
				email: 'wash-lead@example.org',
				name: 'WASH',
				grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
			})
		);
		await expect(previewLogframe(wash, planId, code, upload(rows))).rejects.toBeInstanceOf(ForbiddenError);
		// The coordinator's staged file is not another user's to confirm.
		const mine = await previewLogframe(
			coordinator,
			planId,
			code,
			upload([HEADERS_FR, line({ level: 'SO', fr: 'Nouveau' })])
		);
		const admin = await world.as('admin');
		await expect(confirmLogframe(admin, mine.uploadId)).rejects.toBeInstanceOf(NotFoundError);
		await discardLogframe(coordinator, mine.uploadId);
		expect(await snapshot()).toEqual(before);
	});
});
