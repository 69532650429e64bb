import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { auditEvent, plan as planTable } from '../../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../../errors';
import { compareRevisions } from './compare';
import { getNeeds } from './get-needs';
import { listRevisions } from './revisions';
import { saveNeeds, UnconfirmedWarnings } from './save';
import { needsCounts, needsWorld, row, SOURCE } from './test-world';

describe(`needs: saving, reading, revisions [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: Awaited<ReturnType<typeof needsWorld>>;

	beforeAll(async () => {
		w = await needsWorld(t.db);
	});

	async function refused<E extends Error>(
		write: () => Promise<unknown>,
		error: new (...a: never[]) => E
	): Promise<E> {
		const before = await needsCounts(t.db);
		const thrown = await write().then(
			() => null,
			(e: unknown) => e
		);
		expect(thrown).toBeInstanceOf(error);
		expect(await needsCounts(t.db)).toEqual(before);
		return thrown as E;
	}

	const first = [
		row('ML06', 'idp', { girls: '1 200', boys: '1,100', women: 900, men: '800' }, { girls: 600, boys: 500 }),
		row('ML0601', 'idp', { girls: 300, women: '250' }, { girls: 100 }),
		row('ML07', 'returnees', { girls: 50, boys: 40, elderly: 10 }, { girls: 50 })
	];

	it('the coordinator saves a first revision, numbers typed the French or English way', async () => {
		const coordinator = await w.as('coordinator');
		const saved = await saveNeeds(coordinator, w.plan.id, w.er, { ...SOURCE, baseRevision: 0, rows: first });
		expect(saved).toMatchObject({
			number: 1,
			source: 'OCHA, HNO 2017',
			sourceDate: '2016-10-25',
			illustrative: false
		});

		const read = await getNeeds(await w.as('focalPointA'), w.plan.id, w.er);
		expect(read.revision?.number).toBe(1);
		expect(read.revision?.author).toMatch(/^coordinator /);
		const gao = read.figures.find((f) => f.pcode === 'ML06' && f.group === 'idp');
		expect(gao).toEqual({
			pcode: 'ML06',
			group: 'idp',
			inNeed: { girls: 1200, boys: 1100, women: 900, men: 800 },
			targeted: { girls: 600, boys: 500 }
		});
		expect(read.totals.inNeedTotal).toBe(1200 + 1100 + 900 + 800 + 300 + 250 + 50 + 40 + 10);
		expect(read.totals.targeted).toEqual({ girls: 750, boys: 500 });

		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'need_revision'), eq(auditEvent.entityId, saved.id)));
		expect(event?.action).toBe('create');
		expect(event?.after).toMatchObject({ number: 1, rows: 3, cluster: w.er });
	});

	it('a later save is a whole new revision; the first stays readable and comparable', async () => {
		const im = await w.as('informationManager');
		const revised = [
			row('ML06', 'idp', { girls: 1200, boys: 1100, women: 900, men: 800 }, { girls: 700, boys: 500 }),
			row('ML07', 'returnees', { girls: 50, boys: 40, elderly: 10 }, { girls: 50 }),
			row('ML08', 'host', { women: 20 })
		];
		const saved = await saveNeeds(im, w.plan.id, w.er, {
			source: 'OCHA',
			sourceDate: '25/10/2016',
			note: 'Ciblés révisés par OCHA',
			baseRevision: 1,
			rows: revised
		});
		expect(saved.number).toBe(2);
		expect(saved.sourceDate).toBe('2016-10-25');

		const reader = await w.as('observer');
		expect((await getNeeds(reader, w.plan.id, w.er)).figures).toHaveLength(3);
		expect((await getNeeds(reader, w.plan.id, w.er, 1)).figures).toHaveLength(3);
		expect((await getNeeds(reader, w.plan.id, w.er, 1)).figures.map((f) => f.pcode)).toContain('ML0601');
		await expect(getNeeds(reader, w.plan.id, w.er, 9)).rejects.toBeInstanceOf(NotFoundError);

		const { items } = await listRevisions(reader, w.plan.id, w.er);
		expect(items.map((r) => [r.number, r.rows, r.note])).toEqual([
			[2, 3, 'Ciblés révisés par OCHA'],
			[1, 3, null]
		]);

		const compared = await compareRevisions(reader, w.plan.id, w.er, { from: '2', to: '1' });
		expect([compared.from.number, compared.to.number]).toEqual([1, 2]);
		const byRow = Object.fromEntries(compared.changes.map((c) => [`${c.pcode}/${c.group}`, c]));
		expect(byRow['ML06/idp']).toEqual({
			pcode: 'ML06',
			group: 'idp',
			kind: 'changed',
			cells: [{ part: 'targeted', code: 'girls', before: 600, after: 700 }]
		});
		expect(byRow['ML0601/idp']?.kind).toBe('removed');
		expect(byRow['ML08/host']).toMatchObject({
			kind: 'added',
			cells: [{ part: 'inNeed', code: 'women', before: null, after: 20 }]
		});
		expect(byRow['ML07/returnees']).toBeUndefined();
		expect(compared.changedCells).toBe(1 + 3 + 1);
		expect(compared.totals.to.targetedTotal - compared.totals.from.targetedTotal).toBe(100 - 100);
		expect(compared.totals.to.inNeedTotal - compared.totals.from.inNeedTotal).toBe(20 - 550);
	});

	it('a save started from an older revision is refused with the cells changed meanwhile', async () => {
		const coordinator = await w.as('coordinator', 'en');
		const error = await refused(
			() =>
				saveNeeds(coordinator, w.plan.id, w.er, {
					...SOURCE,
					baseRevision: 1,
					rows: [row('ML06', 'idp', { girls: 5 })]
				}),
			ConflictError
		);
		expect(error.errors[0]!.message).toMatch(
			/^Not saved: revision 2 was saved by .* since revision 1 you started from\. 5 cell\(s\) differ/
		);
		const lines = error.errors.slice(1).map((e) => e.message);
		expect(lines).toContain('Tombouctou (ML06) · Internally displaced people · Targeted — Girls: 600 → 700');
		expect(lines).toContain('Kidal (ML08) · Host communities · In need — Women: — → 20');
	});

	it.each([
		['a negative count', row('ML06', 'idp', { girls: '-5' }), 'rows.0.inNeed.girls', /négatif/],
		['a negative number', row('ML06', 'idp', {}, { boys: -1 }), 'rows.0.targeted.boys', /négatif/],
		['a decimal', row('ML06', 'idp', { girls: '12,5' }), 'rows.0.inNeed.girls', /nombre entier/],
		['a decimal number', row('ML06', 'idp', { girls: 12.5 }), 'rows.0.inNeed.girls', /nombre entier/],
		['text', row('ML06', 'idp', { girls: 'beaucoup' }), 'rows.0.inNeed.girls', /n'est pas un nombre/],
		['an unknown P-code', row('ML99', 'idp', { girls: 1 }), 'rows.0.pcode', /P-code inconnu « ML99 »/],
		['a place of another country', row('BF13', 'idp', { girls: 1 }), 'rows.0.pcode', /autre pays/],
		['the country itself', row('ML', 'idp', { girls: 1 }), 'rows.0.pcode', /ni une région/],
		['a commune (admin3)', row('ML060101', 'idp', { girls: 1 }), 'rows.0.pcode', /ni une région/],
		['a retired region', row('ML09', 'idp', { girls: 1 }), 'rows.0.pcode', /retiré/],
		[
			'an unknown population group',
			row('ML06', 'refugees', { girls: 1 }),
			'rows.0.group',
			/inconnu « refugees »/
		],
		[
			'an unknown sex and age column',
			row('ML06', 'idp', { youth: 1 }),
			'rows.0.inNeed.youth',
			/girls, boys, women, men, elderly/
		]
	])('refuses %s, naming the cell, and writes nothing', async (_, bad, path, message) => {
		const coordinator = await w.as('coordinator');
		const error = await refused(
			() =>
				saveNeeds(coordinator, w.plan.id, w.er, {
					...SOURCE,
					baseRevision: 2,
					rows: [bad, row('ML07', 'idp', { boys: 3 })]
				}),
			ValidationError
		);
		expect(error.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
	});

	it('refuses the same place and group twice, naming the first row', async () => {
		const error = await refused(
			async () =>
				saveNeeds(await w.as('coordinator', 'en'), w.plan.id, w.er, {
					...SOURCE,
					baseRevision: 2,
					rows: [
						row('ML07', 'idp', { boys: 3 }),
						row('ML08', 'idp', { boys: 3 }),
						row('ml07', 'Internally displaced people', { girls: 1 })
					]
				}),
			ValidationError
		);
		expect(error.errors).toEqual([
			{ path: 'rows.2', message: 'Same place and population group as row 1: keep a single row.' }
		]);
	});

	it('refuses a missing source or an impossible date', async () => {
		const coordinator = await w.as('coordinator');
		const error = await refused(
			() =>
				saveNeeds(coordinator, w.plan.id, w.er, {
					source: ' ',
					sourceDate: '31/02/2017',
					baseRevision: 2,
					rows: []
				}),
			ValidationError
		);
		expect(error.errors.map((e) => e.path).sort()).toEqual(['source', 'sourceDate']);
	});

	it('targeted above in need is a warning: refused until confirmed, then saved', async () => {
		const coordinator = await w.as('coordinator', 'en');
		const rows = [
			row('ML07', 'idp', { girls: 100, boys: 100 }, { girls: 150, boys: 100 }),
			row('ML08', 'idp', {}, { men: 5 })
		];
		const warned = await refused(
			() => saveNeeds(coordinator, w.plan.id, w.er, { ...SOURCE, baseRevision: 2, rows }),
			UnconfirmedWarnings
		);
		expect(warned.errors.map((e) => e.path)).toEqual([
			'confirm',
			'rows.0.targeted.girls',
			'rows.1.targeted.men'
		]);
		expect(warned.errors[1]!.message).toBe('Targeted (150) above people in need (100).');
		const saved = await saveNeeds(coordinator, w.plan.id, w.er, {
			...SOURCE,
			baseRevision: 2,
			confirm: true,
			rows
		});
		expect(saved.number).toBe(3);
		expect((await getNeeds(coordinator, w.plan.id, w.er)).figures).toHaveLength(2);
	});

	it('an empty save is a revision too: the cluster withdrew its figures', async () => {
		const saved = await saveNeeds(await w.as('admin'), w.plan.id, w.er, {
			...SOURCE,
			baseRevision: 3,
			rows: [row('ML06', 'idp', { girls: '' })]
		});
		expect(saved.number).toBe(4);
		expect((await getNeeds(await w.as('admin'), w.plan.id, w.er)).figures).toEqual([]);
	});

	it.each([
		['a partner focal point', 'focalPointA', ForbiddenError],
		['an observer of the cluster', 'observer', ForbiddenError],
		['the coordinator of another cluster', 'washCoordinator', ForbiddenError],
		// The plan is a draft: a visitor may not even know it exists.
		['a visitor', 'visitor', NotFoundError]
	] as const)('refuses %s', async (_, who, error) => {
		await refused(
			async () =>
				saveNeeds(await w.as(who), w.plan.id, w.er, {
					...SOURCE,
					baseRevision: 4,
					rows: [row('ML06', 'idp', { girls: 1 })]
				}),
			error
		);
	});

	it('the WASH coordinator writes WASH needs, with the same places and the cluster’s own groups', async () => {
		const saved = await saveNeeds(await w.as('washCoordinator'), w.plan.id, w.wash, {
			...SOURCE,
			baseRevision: 0,
			rows: [row('ML0701', 'host', { women: 10 })]
		});
		expect(saved.number).toBe(1);
		expect((await getNeeds(await w.as('coordinator'), w.plan.id, w.er)).revision?.number).toBe(4);
	});

	it('visitors read needs of published plans only; nobody writes a closed plan', async () => {
		await expect(getNeeds(await w.as('visitor'), w.plan.id, w.er)).rejects.toBeInstanceOf(NotFoundError);
		await t.db.update(planTable).set({ status: 'published' }).where(eq(planTable.id, w.plan.id));
		expect((await getNeeds(await w.as('visitor'), w.plan.id, w.er)).revision?.number).toBe(4);
		await refused(
			async () => saveNeeds(await w.as('visitor'), w.plan.id, w.er, { ...SOURCE, baseRevision: 4, rows: [] }),
			UnauthenticatedError
		);
		await t.db.update(planTable).set({ status: 'closed' }).where(eq(planTable.id, w.plan.id));
		await refused(
			async () =>
				saveNeeds(await w.as('coordinator'), w.plan.id, w.er, { ...SOURCE, baseRevision: 4, rows: [] }),
			ConflictError
		);
		await t.db.update(planTable).set({ status: 'draft' }).where(eq(planTable.id, w.plan.id));
	});

	it('two saves from the same revision at once: one is saved, the other refused', async () => {
		const [a, b] = [await w.as('coordinator'), await w.as('informationManager')];
		const save = (ctx: typeof a, girls: number) =>
			saveNeeds(ctx, w.plan.id, w.er, {
				...SOURCE,
				baseRevision: 4,
				rows: [row('ML06', 'idp', { girls })]
			}).then(
				(r) => r.number,
				(e: unknown) => e
			);
		const results = await Promise.all([save(a, 1), save(b, 2)]);
		expect(results.filter((r) => r === 5)).toHaveLength(1);
		expect(results.filter((r) => r instanceof ConflictError)).toHaveLength(1);
		const events = await t.db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.entityType, 'need_revision'))
			.orderBy(desc(auditEvent.at));
		expect(events.filter((e) => (e.after as { number: number }).number === 5)).toHaveLength(1);
	});
});
