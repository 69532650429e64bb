import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Cell } from './write-csv';
import { columnName, streamXlsx } from './write-xlsx-stream';
import { readTable } from './read-table';

const columns = [
	{ header: 'Nom' },
	{ header: 'Lieu' },
	{ header: 'Numéro' },
	{ header: 'Personnes' },
	{ header: 'Note' }
];

async function* pagesOf(...pages: Cell[][][]) {
	for (const page of pages) yield page;
}

const bytesOf = async (stream: ReadableStream<Uint8Array>) =>
	new Uint8Array(await new Response(stream).arrayBuffer());

describe('streamXlsx', () => {
	it('writes pages of rows that read back with numbers as numbers and text as text', async () => {
		const stream = streamXlsx(
			columns,
			pagesOf(
				[
					['Relèvement "précoce" <Mali> & co', 'ML0601', '007', 1250, "=cmd|' /C calc'!A0"],
					['ACF', 'ML0602', '+223 20 22 45 67', 0.5, 'ligne 1\nligne 2']
				],
				[],
				[['@SUM(A1)', null, '-5', -3, 'bad \u0001 char']]
			),
			'Projets: Mali [2017]'
		);
		const body = await bytesOf(stream);
		const [sheet] = await readTable(body, 'projets.xlsx', 'fr');
		expect(sheet!.rows).toEqual([
			['Nom', 'Lieu', 'Numéro', 'Personnes', 'Note'],
			['Relèvement "précoce" <Mali> & co', 'ML0601', '007', '1250', "=cmd|' /C calc'!A0"],
			['ACF', 'ML0602', '+223 20 22 45 67', '0.5', 'ligne 1\nligne 2'],
			['@SUM(A1)', '', '-5', '-3', 'bad  char']
		]);
		const XLSX = await import('@e965/xlsx');
		const book = XLSX.read(body, { type: 'array', cellFormula: true });
		expect(book.SheetNames).toEqual(['Projets  Mali  2017']);
		const ws = book.Sheets[book.SheetNames[0]!]!;
		expect(ws['C2']).toMatchObject({ t: 's', v: '007' });
		expect(ws['D2']).toMatchObject({ t: 'n', v: 1250 });
		expect(ws['E2']!.f).toBeUndefined();
		expect(ws['!autofilter']).toEqual({ ref: 'A1:E4' });
		const files = unzipSync(body);
		expect(Object.keys(files).sort()).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			'xl/workbook.xml',
			'xl/worksheets/sheet1.xml'
		]);
	});

	it('writes only the header row for no rows', async () => {
		const body = await bytesOf(streamXlsx(columns, pagesOf(), 'Vide'));
		const [sheet] = await readTable(body, 'x.xlsx', 'fr');
		expect(sheet!.rows).toEqual([['Nom', 'Lieu', 'Numéro', 'Personnes', 'Note']]);
	});

	it('reads a page only when the reader asks for more bytes', async () => {
		let read = 0;
		async function* many() {
			for (let i = 0; i < 1000; i++) {
				read++;
				yield Array.from(
					{ length: 200 },
					(_, r) => [`Projet ${i}-${r} ${'x'.repeat(40)}`, i * 1000 + r] as Cell[]
				);
			}
		}
		const reader = streamXlsx([{ header: 'Titre' }, { header: 'N' }], many(), 'X').getReader();
		await reader.read();
		expect(read).toBeLessThan(20);
		await reader.cancel();
	});

	it('names columns as spreadsheets do', () => {
		expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
	});
});
