import { describe, expect, it } from 'vitest';
import { writeTable } from './write-table';
import { readTable } from './read-table';
import { toHxlTable } from './hxl';

const columns = [
	{ header: 'Nom', hashtag: '#org +name' },
	{ header: 'Lieu', hashtag: '#adm2 +code' },
	{ header: 'Numéro', hashtag: '#meta +id' },
	{ header: 'Personnes', hashtag: '#reached' },
	{ header: 'Note' }
];
const rows = [
	['Relèvement "précoce", Mali', 'ML0601', '007', 1250, "=cmd|' /C calc'!A0"],
	['ACF', 'ML0602', '+223 20 22 45 67', 0.5, 'ligne 1\nligne 2'],
	['@SUM(A1)', null, '-5', -3, '+cmd']
];
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('writeTable', () => {
	it('writes CSV in UTF-8 with a byte-order mark, RFC 4180 quoting and formulas defused', () => {
		const file = writeTable('csv', columns, rows);
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect(file.extension).toBe('csv');
		expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = decode(file.body.slice(3));
		expect(text.split('\r\n')[0]).toBe('Nom,Lieu,Numéro,Personnes,Note');
		expect(text).toContain('"Relèvement ""précoce"", Mali",ML0601,007,1250,\'=cmd|\' /C calc\'!A0\r\n');
		expect(text).toContain('ACF,ML0602,+223 20 22 45 67,0.5,"ligne 1\nligne 2"\r\n');
		expect(text).toContain("'@SUM(A1),,-5,-3,'+cmd\r\n");
	});

	it('writes HXL: the CSV with the hashtags under the headers', () => {
		const file = writeTable('hxl', columns, rows);
		expect(file.extension).toBe('hxl.csv');
		const lines = decode(file.body.slice(3)).split('\r\n');
		expect(lines[0]).toBe('Nom,Lieu,Numéro,Personnes,Note');
		expect(lines[1]).toBe('#org +name,#adm2 +code,#meta +id,#reached,');
	});

	it.each(['csv', 'hxl', 'xlsx'] as const)(
		'reads back what it wrote as %s, codes and zeros kept',
		async (format) => {
			const file = writeTable(format, columns, rows, 'Organisations');
			const [sheet] = await readTable(file.body, `export.${file.extension}`, 'fr');
			const table = toHxlTable(sheet!, 'fr');
			expect(table.headers).toEqual(['Nom', 'Lieu', 'Numéro', 'Personnes', 'Note']);
			expect(table.hashtags).toEqual(
				format === 'hxl'
					? ['#org+name', '#adm2+code', '#meta+id', '#reached', null]
					: [null, null, null, null, null]
			);
			expect(table.rows).toEqual([
				['Relèvement "précoce", Mali', 'ML0601', '007', '1250', "=cmd|' /C calc'!A0"],
				['ACF', 'ML0602', '+223 20 22 45 67', '0.5', 'ligne 1\nligne 2'],
				['@SUM(A1)', '', '-5', '-3', '+cmd']
			]);
			if (format === 'xlsx') expect(sheet!.name).toBe('Organisations');
		}
	);

	it('writes XLSX with numbers as numbers, text as text and never a formula', async () => {
		const XLSX = await import('@e965/xlsx');
		const file = writeTable('xlsx', columns, rows, 'Partenaires: 2016/2017 [Mali] — cluster Relèvement');
		expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const book = XLSX.read(file.body, { type: 'array', cellFormula: true });
		const name = book.SheetNames[0]!;
		expect(name.length).toBeLessThanOrEqual(31);
		expect(name).not.toMatch(/[:\\/?*[\]]/);
		const sheet = book.Sheets[name]!;
		expect(sheet['B2']).toMatchObject({ t: 's', v: 'ML0601' });
		expect(sheet['C2']).toMatchObject({ t: 's', v: '007' });
		expect(sheet['D2']).toMatchObject({ t: 'n', v: 1250 });
		expect(sheet['E2']).toMatchObject({ t: 's', v: "=cmd|' /C calc'!A0" });
		expect(sheet['E2']!.f).toBeUndefined();
		expect(sheet['!autofilter']).toEqual({ ref: 'A1:E4' });
	});

	it('writes only the header row for an empty list', async () => {
		const file = writeTable('xlsx', columns, []);
		const [sheet] = await readTable(file.body, 'x.xlsx', 'fr');
		expect(sheet!.rows).toEqual([['Nom', 'Lieu', 'Numéro', 'Personnes', 'Note']]);
	});
});
