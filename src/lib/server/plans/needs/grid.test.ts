import { m } from '$lib/paraglide/messages';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { eq } from 'drizzle-orm';
import { location } from '../../db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors';
import { getNeeds } from './get-needs';
import { addPlaceRows, postedView, readGridPost, saveGrid } from './grid-form';
import { readNeedsGrid } from './read-grid';
import { saveNeeds, UnconfirmedWarnings } from './save';
import { needsCounts, needsWorld, row, SOURCE } from './test-world';
import { GRID_MAX_ROWS, type GridView } from './grid';

/** The form the grid page posts for `view`, with `edit` changing cells by name (`3i0`). */
function post(view: GridView, edit: Record<string, string> = {}, extra: Record<string, string> = {}) {
	const values: Record<string, string> = {
		cols: view.columns.map((c) => c.code).join(','),
		baseRevision: String(view.baseRevision),
		source: SOURCE.source,
		sourceDate: '25/10/2016',
		...(view.region ? { region: view.region } : {})
	};
	let i = 0;
	for (const block of view.blocks)
		for (const r of block.rows) {
			values[`r${i}`] = `${r.pcode}/${r.group}`;
			r.inNeed.forEach((c, j) => (values[`${i}i${j}`] = c.value));
			r.targeted.forEach((c, j) => (values[`${i}t${j}`] = c.value));
			i++;
		}
	return { ...values, ...edit, ...extra };
}

/** The name of a cell: row of place and group, 'i' or 't', sex and age column. */
function cell(view: GridView, pcode: string, group: string, part: 'i' | 't', code: string) {
	const rows = view.blocks.flatMap((b) => b.rows);
	const index = rows.findIndex((r) => r.pcode === pcode && r.group === group);
	return `${index}${part}${view.columns.findIndex((c) => c.code === code)}`;
}

describe(`needs grid [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: Awaited<ReturnType<typeof needsWorld>>;

	beforeAll(async () => {
		w = await needsWorld(t.db);
	});

	it('a first grid offers every admin1 of the country with a row per population group', async () => {
		const grid = await readNeedsGrid(await w.as('coordinator'), w.plan.id, w.er, {});
		expect(grid.editable).toBe(true);
		expect(grid.revision).toBeNull();
		expect(grid.view!.blocks.map((b) => b.pcode)).toEqual(['ML06', 'ML07', 'ML08']);
		expect(grid.view!.blocks[0]!.rows.map((r) => r.group)).toEqual(['idp', 'returnees', 'host']);
		expect(grid.view!.columns.map((c) => c.name)).toEqual([
			'Filles',
			'Garçons',
			'Femmes',
			'Hommes',
			'Personnes âgées'
		]);
		expect((await readNeedsGrid(await w.as('focalPointA'), w.plan.id, w.er, {})).editable).toBe(false);
	});

	it('saves the posted grid as revision 1, blank rows left out, totals computed on render', async () => {
		const coordinator = await w.as('coordinator');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const values = post(view!, {
			[cell(view!, 'ML06', 'idp', 'i', 'girls')]: '1 200',
			[cell(view!, 'ML06', 'idp', 'i', 'boys')]: '800',
			[cell(view!, 'ML06', 'idp', 't', 'girls')]: '600',
			[cell(view!, 'ML07', 'host', 'i', 'women')]: '50'
		});
		expect((await saveGrid(coordinator, w.plan.id, w.er, values)).number).toBe(1);
		const grid = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		expect((await getNeeds(coordinator, w.plan.id, w.er)).figures).toHaveLength(2);
		expect(grid.view!.blocks.map((b) => b.pcode)).toEqual(['ML06', 'ML07']);
		const tombouctou = grid.view!.blocks[0]!.rows[0]!;
		expect([tombouctou.inNeedTotal, tombouctou.targetedTotal]).toEqual([2000, 600]);
		expect(grid.view!.totals.inNeed).toEqual([1200, 800, 50, null, null]);
		expect(grid.view!.totals.inNeedTotal).toBe(2050);
	});

	it('refuses bad cells, naming each, and gives the posted grid back with them marked', async () => {
		const coordinator = await w.as('coordinator', 'en');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const values = post(view!, {
			[cell(view!, 'ML06', 'idp', 'i', 'boys')]: '-3',
			[cell(view!, 'ML07', 'host', 'i', 'men')]: '4.5',
			source: ''
		});
		const before = await needsCounts(t.db);
		const error = await saveGrid(coordinator, w.plan.id, w.er, values).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors.map((e) => e.path)).toEqual([
			'source',
			'ML06/idp.inNeed.boys',
			'ML07/host.inNeed.men'
		]);
		expect(await needsCounts(t.db)).toEqual(before);
		const shown = await postedView(
			coordinator,
			(await readNeedsGrid(coordinator, w.plan.id, w.er, {})).part,
			values,
			(error as ValidationError).errors
		);
		const rows = shown.blocks.flatMap((b) => b.rows);
		expect(rows[0]!.inNeed[1]).toEqual({
			value: '-3',
			error: '“-3” is negative: a number of people is 0 or more.'
		});
		expect(shown.issues.map((i) => i.where)).toEqual([
			'Tombouctou (ML06) · Internally displaced people · In need — Boys',
			'Gao (ML07) · Host communities · In need — Men'
		]);
	});

	it('refuses a source the database cannot store (a NUL character), saving nothing', async () => {
		const coordinator = await w.as('coordinator', 'en');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const values = post(view!, { source: 'HNO\u00002017' });
		const before = await needsCounts(t.db);
		const error = await saveGrid(coordinator, w.plan.id, w.er, values).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'source', message: m.error_unstorable_text({}, { locale: 'en' }) }
		]);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('flags targeted above in need on the cell, and saves only once confirmed', async () => {
		const coordinator = await w.as('coordinator');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const over = cell(view!, 'ML07', 'host', 't', 'women');
		const values = post(view!, { [over]: '70' });
		const error = await saveGrid(coordinator, w.plan.id, w.er, values).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UnconfirmedWarnings);
		const shown = await postedView(
			coordinator,
			(await readNeedsGrid(coordinator, w.plan.id, w.er, {})).part,
			values,
			[]
		);
		expect(shown.blocks[1]!.rows.find((r) => r.group === 'host')!.targeted[2]!.warning).toBe(
			'Ciblés (70) au-dessus des personnes dans le besoin (50).'
		);
		expect((await saveGrid(coordinator, w.plan.id, w.er, { ...values, confirm: 'on' })).number).toBe(2);
		const stored = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		expect(stored.view!.issues).toEqual([
			{
				where: 'Gao (ML07) · Communautés hôtes · Ciblés — Femmes',
				message: 'Ciblés (70) au-dessus des personnes dans le besoin (50).',
				warning: true
			}
		]);
	});

	it('adds the rows of another place without saving, keeping what was typed', async () => {
		const coordinator = await w.as('coordinator');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const typed = cell(view!, 'ML06', 'idp', 'i', 'elderly');
		const before = await needsCounts(t.db);
		const added = await addPlaceRows(
			coordinator,
			w.plan.id,
			w.er,
			post(view!, { [typed]: '9' }, { add: 'ml0601' })
		);
		expect(await needsCounts(t.db)).toEqual(before);
		expect(added.blocks.map((b) => b.pcode)).toEqual(['ML06', 'ML0601', 'ML07']);
		expect(added.blocks[0]!.rows[0]!.inNeed[4]!.value).toBe('9');
		const refused = await addPlaceRows(coordinator, w.plan.id, w.er, post(view!, {}, { add: 'BF13' })).catch(
			(e: unknown) => e
		);
		expect((refused as ValidationError).errors).toEqual([
			{ path: 'add', message: expect.stringMatching(/autre pays/) }
		]);
		const recomputed = await addPlaceRows(
			coordinator,
			w.plan.id,
			w.er,
			post(view!, { [typed]: '9' }, { add: '' })
		);
		expect(recomputed.blocks[0]!.rows[0]!.inNeedTotal).toBe(2009);
		await expect(
			addPlaceRows(await w.as('focalPointA'), w.plan.id, w.er, post(view!, {}, { add: 'ML08' }))
		).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('a grid limited to one admin1 keeps the other admin1’s rows as they were', async () => {
		const coordinator = await w.as('coordinator');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, { region: 'ML07' });
		expect(view!.blocks.map((b) => b.pcode)).toEqual(['ML07']);
		const values = post(view!, { [cell(view!, 'ML07', 'host', 't', 'women')]: '40' });
		expect(readGridPost(values).region).toBe('ML07');
		expect((await saveGrid(coordinator, w.plan.id, w.er, values)).number).toBe(3);
		const figures = (await getNeeds(coordinator, w.plan.id, w.er)).figures;
		expect(figures.find((f) => f.pcode === 'ML06')).toMatchObject({
			inNeed: { girls: 1200, boys: 800 },
			targeted: { girls: 600 }
		});
		expect(figures.find((f) => f.pcode === 'ML07')?.targeted).toEqual({ women: 40 });
	});

	it('a save from a grid read before another save is refused; the grid comes back on the latest revision', async () => {
		const coordinator = await w.as('coordinator');
		const { view } = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		await saveNeeds(await w.as('informationManager'), w.plan.id, w.er, {
			...SOURCE,
			baseRevision: view!.baseRevision,
			rows: [row('ML06', 'idp', { girls: 1300 })]
		});
		const values = post(view!, { [cell(view!, 'ML07', 'host', 'i', 'women')]: '55' });
		const error = await saveGrid(coordinator, w.plan.id, w.er, values).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors.map((e) => e.message.replace(/\s/g, ' '))).toContain(
			'Tombouctou (ML06) · Personnes déplacées internes · Dans le besoin — Filles : 1 200 → 1 300'
		);
		const again = await postedView(
			coordinator,
			(await readNeedsGrid(coordinator, w.plan.id, w.er, {})).part,
			values,
			[],
			{ conflict: true }
		);
		expect(again.baseRevision).toBe(view!.baseRevision + 1);
		expect((await saveGrid(coordinator, w.plan.id, w.er, post(again, {}, { confirm: 'on' }))).number).toBe(
			view!.baseRevision + 2
		);
	});

	it('too many rows for one page: the country offers its admin1, an admin1 shows its places a page at a time', async () => {
		const coordinator = await w.as('coordinator');
		const gao = (await t.db.select({ id: location.id }).from(location).where(eq(location.pcode, 'ML07')))[0]!
			.id;
		await t.db.insert(location).values(
			Array.from({ length: 150 }, (_, i) => ({
				pcode: `ML07X${String(i).padStart(3, '0')}`,
				name: `Cercle ${i}`,
				level: 2,
				parentId: gao
			}))
		);
		const before = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		const rows = Array.from({ length: 150 }, (_, i) =>
			row(`ML07X${String(i).padStart(3, '0')}`, 'idp', { girls: i + 1 })
		);
		const saved = await saveNeeds(coordinator, w.plan.id, w.er, {
			...SOURCE,
			baseRevision: before.revision!.number,
			rows: [
				row('ML06', 'idp', { girls: 7 }),
				...rows,
				...rows.map((r) => ({ ...r, group: 'host' })),
				...rows.map((r) => ({ ...r, group: 'returnees' }))
			]
		});
		const whole = await readNeedsGrid(coordinator, w.plan.id, w.er, {});
		expect(whole.view).toBeNull();
		expect(whole.regions.find((r) => r.pcode === 'ML07')?.rows).toBe(450);

		const first = await readNeedsGrid(coordinator, w.plan.id, w.er, { region: 'ML07' });
		const perPage = Math.floor(GRID_MAX_ROWS / 3);
		expect(first.pages).toBe(2);
		expect(first.view!.blocks).toHaveLength(perPage);
		expect(first.view!.blocks[0]!.pcode).toBe('ML07');
		const second = await readNeedsGrid(coordinator, w.plan.id, w.er, { region: 'ML07', page: '2' });
		expect(second.view!.blocks).toHaveLength(151 - perPage);
		const last = second.view!.blocks.at(-1)!;
		const values = post(
			second.view!,
			{ [cell(second.view!, last.pcode, 'idp', 'i', 'girls')]: '' },
			{ page: '2' }
		);
		expect((await saveGrid(coordinator, w.plan.id, w.er, values)).number).toBe(saved.number + 1);
		const figures = (await getNeeds(coordinator, w.plan.id, w.er)).figures;
		expect(figures.filter((f) => f.pcode.startsWith('ML07X'))).toHaveLength(449);
		expect(figures.find((f) => f.pcode === 'ML07X000' && f.group === 'idp')?.inNeed).toEqual({ girls: 1 });
		expect(figures.find((f) => f.pcode === 'ML06')?.inNeed).toEqual({ girls: 7 });
	});

	it('an older revision is shown read-only', async () => {
		const old = await readNeedsGrid(await w.as('coordinator'), w.plan.id, w.er, { revision: '1' });
		expect([old.latest, old.editable, old.revision?.number]).toEqual([false, false, 1]);
		expect(old.view!.blocks.map((b) => b.pcode)).toEqual(['ML06', 'ML07']);
	});
});
