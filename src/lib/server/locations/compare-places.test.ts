import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { comparePlaces, type StoredPlace } from './compare-places';
import type { ListedPlace, PlaceList } from './place-list';

// The comparison alone, without a database: what a new list adds, renames, moves and retires.

const columns = {
	pcode: 'P-Code',
	name: 'Name',
	parent: 'Parent P-Code',
	level: 'Admin Level',
	validFrom: null,
	impliedLevel: null
};

function list(rows: [pcode: string, name: string, parent: string | null, level: number | null][]): PlaceList {
	const places: ListedPlace[] = rows.map(([pcode, name, parentPcode, level], i) => ({
		row: i + 2,
		pcode,
		name,
		parentPcode,
		level,
		validFrom: null
	}));
	return { format: 'table', filename: 'list.csv', columns, places };
}

function stored(
	rows: [pcode: string, name: string, parent: string | null, level: number, retired?: boolean][]
) {
	const places: StoredPlace[] = rows.map(([pcode, name, , level, retired]) => ({
		id: `id-${pcode}`,
		pcode,
		name,
		level,
		parentId: null,
		validFrom: null,
		retiredAt: retired ? new Date('2024-01-01') : null
	}));
	rows.forEach(([, , parent], i) => (places[i]!.parentId = parent ? `id-${parent}` : null));
	return places;
}

function problems(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof ValidationError) return error.errors.map((e) => e.message);
		throw error;
	}
	throw new Error('expected the list to be refused');
}

const mali = stored([
	['ML', 'Mali', null, 0],
	['ML07', 'Gao', 'ML', 1],
	['ML0701', 'Ansongo', 'ML07', 2],
	['ML0703', 'Gao', 'ML07', 2],
	['ML10', 'Ménaka', 'ML', 1],
	['ML1001', 'Ménaka', 'ML10', 2]
]);

describe('comparing a P-code list with the stored places', () => {
	it('sorts each place into added, renamed, moved, level changed and unchanged, and retires the missing', () => {
		const plan = comparePlaces(
			list([
				['ML07', 'Gao', 'MLI', 1],
				['ML10', 'Menaka', 'MLI', 1],
				['ML0701', 'Ansongo-Ville', 'ML07', 2],
				['ML0703', 'Gao', 'ML10', 2],
				['ML1001', 'Ménaka', 'ML10', 3],
				['ML1002', 'Andéramboukane', 'ML10', 2]
			]),
			mali,
			'fr'
		);
		const { report } = plan;
		expect(report.added).toEqual([
			{ pcode: 'ML1002', name: 'Andéramboukane', level: 2, parent: { pcode: 'ML10', name: 'Ménaka' } }
		]);
		expect(report.renamed).toEqual([{ pcode: 'ML0701', from: 'Ansongo', to: 'Ansongo-Ville' }]);
		expect(report.moved).toEqual([
			{
				pcode: 'ML0703',
				name: 'Gao',
				from: { pcode: 'ML07', name: 'Gao' },
				to: { pcode: 'ML10', name: 'Ménaka' }
			}
		]);
		expect(report.levelChanged).toEqual([{ pcode: 'ML1001', name: 'Ménaka', from: 2, to: 3 }]);
		// "Menaka" without its accent is the same name: the stored spelling stays.
		expect(report.unchanged).toBe(2);
		expect(report.retired).toEqual([]);
		expect(plan.updates.find((p) => p.pcode === 'ML10')).toBeUndefined();
		expect(report.levels).toEqual([1, 2, 3]);
	});

	it('retires only places of the levels and countries the file lists', () => {
		const withBurkina = [...mali, ...stored([['BF46', 'Boucle du Mouhoun', null, 1]])];
		const plan = comparePlaces(list([['ML0701', 'Ansongo', 'ML07', 2]]), withBurkina, 'fr');
		expect(plan.report.retired.map((p) => p.pcode)).toEqual(['ML0703', 'ML1001']);
		expect(plan.retireIds).toEqual(['id-ML0703', 'id-ML1001']);
		// A region is not missing from a list of cercles, nor Burkina Faso from a list of Mali.
		expect(plan.report.levels).toEqual([2]);
	});

	it('restores a retired place the list has again, and takes accents the stored name lacked', () => {
		const plan = comparePlaces(
			list([
				['ML0701', 'Ansongo', 'ML07', 2],
				['ML0703', 'Gào', 'ML07', 2]
			]),
			stored([
				['ML07', 'Gao', null, 1],
				['ML0701', 'Ansongo', 'ML07', 2, true],
				['ML0703', 'Gao', 'ML07', 2]
			]),
			'fr'
		);
		expect(plan.report.restored).toEqual([{ pcode: 'ML0701', name: 'Ansongo' }]);
		expect(plan.report.renamed).toEqual([{ pcode: 'ML0703', from: 'Gao', to: 'Gào' }]);
	});

	it("takes OCHA's country code MLI as the country ML, or as the top of the tree when no country is stored", () => {
		const rows = list([
			['ML07', 'Gao', 'MLI', 1],
			['ML0701', 'Ansongo', 'ML07', null]
		]);
		const withCountry = comparePlaces(rows, stored([['ML', 'Mali', null, 0]]), 'fr');
		expect(withCountry.inserts.map((p) => [p.pcode, p.parentPcode, p.level])).toEqual([
			['ML07', 'ML', 1],
			['ML0701', 'ML07', 2]
		]);
		const empty = comparePlaces(rows, [], 'fr');
		expect(empty.inserts.map((p) => [p.pcode, p.parentPcode, p.level])).toEqual([
			['ML07', null, 1],
			['ML0701', 'ML07', 2]
		]);
		// Three letters are not a country code anywhere but on an admin1 row.
		expect(problems(() => comparePlaces(list([['ML0701', 'Ansongo', 'MLI', 2]]), [], 'fr'))).toEqual([
			"Ligne 2, colonne « Parent P-Code » : le P-code parent « MLI » n'est ni dans le fichier ni parmi les lieux enregistrés. Ajoutez ce lieu au fichier ou corrigez le P-code."
		]);
	});

	it('works out levels from the parents when the file has none', () => {
		const plan = comparePlaces(
			list([
				['ML0704', 'Ménaka', 'ML07', null],
				['ML07', 'Gao', 'ML', null],
				['ML', 'Mali', null, null]
			]),
			[],
			'fr'
		);
		expect(plan.inserts.map((p) => [p.pcode, p.level])).toEqual([
			['ML', 0],
			['ML07', 1],
			['ML0704', 2]
		]);
	});

	it('names the row and column of a parent that is unknown, a loop, or a level not below its parent', () => {
		const messages = problems(() =>
			comparePlaces(
				list([
					['ML0701', 'Ansongo', 'ML99', 2],
					['ML0703', 'Gao', 'ML07', 1]
				]),
				mali,
				'en'
			)
		);
		expect(messages).toEqual([
			'Row 2, column “Parent P-Code”: parent P-code “ML99” is neither in the file nor among the stored places. Add that place to the file or correct the P-code.'
		]);
		expect(problems(() => comparePlaces(list([['ML0703', 'Gao', 'ML07', 1]]), mali, 'en'))).toEqual([
			'Row 2, column “Admin Level”: level 1 is not below that of parent ML07 (level 1). A place has a higher level than its parent.'
		]);
		const loop = problems(() =>
			comparePlaces(
				list([
					['ML07', 'Gao', 'ML0703', null],
					['ML0703', 'Gao', 'ML07', null]
				]),
				mali,
				'en'
			)
		);
		expect(loop[0]).toBe(
			'Row 2, column “Parent P-Code”: place ML07 would end up inside itself: check the parent P-codes.'
		);
	});
});
