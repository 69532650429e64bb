import { describe, expect, it } from 'vitest';
import { findHashtagRow, matchesTag, parseHashtag, toHxlTable } from './hxl';
import { readTable, type Sheet } from './read-table';
import { fixture } from './test-fixtures';
import { ValidationError } from '../errors';

async function sheet(path: string): Promise<Sheet> {
	return (await readTable(fixture(path), path, 'fr'))[0]!;
}

function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		const { errors } = error as ValidationError;
		expect(errors.map((e) => e.path)).toEqual(['file']);
		return errors[0]!.message;
	}
	throw new Error('expected a refusal');
}

describe('parseHashtag', () => {
	it.each([
		['#org+name', '#org', ['name']],
		['#org +name', '#org', ['name']],
		['#Org+Name', '#org', ['name']],
		['# org +name', '#org', ['name']],
		['  #adm1 +code +v_pcode ', '#adm1', ['code', 'v_pcode']],
		['#targeted+f+f', '#targeted', ['f']],
		['#country', '#country', []]
	])('reads %j', (cell, tag, attributes) => {
		expect(parseHashtag(cell)).toEqual({ tag, attributes });
	});

	it.each(['org+name', 'country', '#', '#1', '#N/A', '#org name', 'Organisation', ''])(
		'%j is not a hashtag',
		(cell) => {
			expect(parseHashtag(cell)).toBeNull();
		}
	);
});

describe('matchesTag', () => {
	it('matches when the tag is the same and the pattern attributes are all there', () => {
		expect(matchesTag('#org+name', '#org +name +en')).toBe(true);
		expect(matchesTag('#org', '#org+acronym')).toBe(true);
		expect(matchesTag('#org +name', { tag: '#org', attributes: ['name'] })).toBe(true);
		expect(matchesTag('#org+name', '#org+acronym')).toBe(false);
		expect(matchesTag('#org+name', '#organisation+name')).toBe(false);
		expect(matchesTag('#org-acronym', '#org+name')).toBe(true);
		expect(matchesTag('#org-acronym', '#org+acronym')).toBe(false);
		expect(matchesTag('#org', null)).toBe(false);
	});
});

describe('findHashtagRow and toHxlTable on libhxl samples', () => {
	it('finds the hashtag row under two text rows', async () => {
		const { rows } = await sheet('libhxl-python/test_io/input-valid.csv');
		const found = findHashtagRow(rows)!;
		expect(found.index).toBe(2);
		expect(found.headerRows).toHaveLength(2);
		expect(found.hashtags[0]).toBeNull();
		expect(found.hashtags[3]).toEqual({ tag: '#org', attributes: ['es'] });
	});

	it('accepts the imperfect hashtag row, leaving the columns without "#" untagged', async () => {
		const table = toHxlTable(await sheet('libhxl-python/test_io/input-fuzzy.csv'), 'fr', {
			requireHashtags: true
		});
		expect(table.hashtags).toEqual([
			null,
			'#sector+es',
			'#subsector+es',
			'#org+es',
			'#targeted+f',
			'#targeted+f',
			null,
			null,
			null
		]);
		expect(table.headers[3]).toBe('Organización');
		expect(table.rows).toHaveLength(4);
		expect(table.firstDataRow).toBe(3);
	});

	it('refuses hashtags written without "#", saying which row and how to write them', async () => {
		const invalid = await sheet('libhxl-python/test_io/input-invalid.csv');
		expect(findHashtagRow(invalid.rows)).toBeNull();
		expect(refusal(() => toHxlTable(invalid, 'fr', { requireHashtags: true }))).toBe(
			'La ligne 3 ressemble à une ligne de hashtags HXL, mais ses valeurs ne commencent pas par « # » (par exemple « sector+es »). Écrivez-les « #sector+es ».'
		);
		expect(refusal(() => toHxlTable(invalid, 'en', { requireHashtags: true }))).toMatch(
			/^Row 3 looks like a row of HXL hashtags.*“#sector\+es”/
		);
	});

	it('refuses an untagged sheet when hashtags are required, and reads it by its headers otherwise', async () => {
		const untagged = await sheet('hxl-proxy/untagged-dataset.csv');
		expect(refusal(() => toHxlTable(untagged, 'fr', { requireHashtags: true }))).toMatch(
			/^Aucune ligne de hashtags HXL .* dans les 25 premières lignes/
		);
		expect(refusal(() => toHxlTable(untagged, 'en', { requireHashtags: true }))).toMatch(
			/^No row of HXL hashtags/
		);
		expect(toHxlTable(untagged, 'fr')).toEqual({
			headers: ['Organisation', 'Sector', 'Country'],
			hashtags: [null, null, null],
			rows: [
				['Org A', 'WASH', 'Colombia'],
				['Org B', 'Education', 'Guinea'],
				['Org C', 'Health', 'Myanmar']
			],
			firstDataRow: 1
		});
	});

	it('takes the text row just above the hashtags as the headers when there are several', async () => {
		const table = toHxlTable(await sheet('libhxl-python/test_io/input-multiple-headers.csv'), 'fr');
		expect(table.headers).toEqual(['Org', 'No hashtag', 'Province', 'Number affected']);
		expect(table.hashtags).toEqual(['#org', null, '#adm1', '#affected']);
		expect(table.rows).toEqual([
			['Org X', 'xxx', 'Coast', '100'],
			['Org Y', 'yyy', 'Mountains', '200']
		]);
	});

	it('reads a hashtag row with no header above it, and a one-column sheet', async () => {
		const noHeader = toHxlTable(await sheet('hxl-proxy/validation-data.xlsx'), 'fr', {
			requireHashtags: true
		});
		expect(noHeader.headers).toEqual(['', '']);
		expect(noHeader.hashtags).toEqual(['#affected', '#date']);
		expect(noHeader.rows[0]).toEqual(['100', '2018/05/01']);
		const multiline = toHxlTable(await sheet('libhxl-python/test_io/input-multiline.csv'), 'fr');
		expect(multiline.hashtags).toEqual(['#description']);
		expect(multiline.rows).toEqual([['Line 1\nLine 2\nLine 3']]);
	});

	it('finds the tagged data in the right sheet of a workbook', async () => {
		const sheets = await readTable(fixture('hxl-proxy/multisheet-dataset.xlsx'), 'x.xlsx', 'fr');
		const tagged = sheets.find((s) => findHashtagRow(s.rows))!;
		expect(toHxlTable(tagged, 'fr').hashtags).toEqual(['#org', '#sector', '#country']);
	});

	it('reads the same table from the JSON objects keyed by hashtag', async () => {
		const table = toHxlTable(await sheet('libhxl-python/test_io/input-valid-objects.json'), 'fr');
		expect(table.hashtags).toEqual([
			null,
			'#sector+es',
			'#subsector+es',
			'#org+es',
			'#targeted+f',
			'#targeted+m',
			'#country',
			'#adm1',
			'#date+reported'
		]);
		expect(table.rows[1]).toEqual(['002', 'Salud', 'Vacunación', 'OMS', '', '', 'Colombia', 'Cauca', '']);
	});
});
