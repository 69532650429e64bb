import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { readTable } from './read-table';
import { MAX_UNPACKED_BYTES } from './read-zip';
import { MAX_UPLOAD_BYTES } from '../uploads/read-upload';
import { fixture } from './test-fixtures';
import { ValidationError } from '../errors';

const io = (name: string) => `libhxl-python/test_io/${name}`;
const read = (path: string) => readTable(fixture(path), path, 'fr');

/** The rows from the hashtag row on, which every container of libhxl's 3W sample shares. */
const VALID_TAGGED = [
	[
		'',
		'#sector+es',
		'#subsector+es',
		'#org+es',
		'#targeted+f',
		'#targeted+m',
		'#country',
		'#adm1',
		'#date+reported'
	],
	['001', 'WASH', 'Higiene', 'ACNUR', '100', '100', 'Panamá', 'Los Santos', '1 March 2015'],
	['002', 'Salud', 'Vacunación', 'OMS', '', '', 'Colombia', 'Cauca', ''],
	['003', 'Educación', 'Formación de enseñadores', 'UNICEF', '250', '300', 'Colombia', 'Chocó', ''],
	['004', 'WASH', 'Urbano', 'OMS', '80', '95', 'Venezuela', 'Amazonas', '']
];
const VALID_HEADERS = [
	'Registro',
	'Sector/Cluster',
	'Subsector',
	'Organización',
	'Hombres',
	'Mujeres',
	'País',
	'Departamento/Provincia/Estado',
	''
];

async function fileMessage(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	const { errors } = error as ValidationError;
	expect(errors).toHaveLength(1);
	expect(errors[0]!.path).toBe('file');
	return errors[0]!.message;
}

function windows1252(text: string): Uint8Array {
	// Every character used here is in Latin-1, where Windows-1252 and Unicode agree.
	return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

describe('readTable: the same table in every container', () => {
	it.each([
		'input-valid.csv',
		'input-valid.tsv',
		'input-valid.ssv',
		'input-valid.json',
		'input-valid.xlsx',
		'input-valid.xls',
		'input-valid-csv.zip',
		'input-valid-latin1.csv'
	])('%s reads to the same rows, accents and leading zeros kept', async (name) => {
		const sheets = await read(io(name));
		expect(sheets).toHaveLength(1);
		const { rows } = sheets[0]!;
		expect(rows).toHaveLength(7);
		expect(rows.slice(2)).toEqual(VALID_TAGGED);
		expect(rows[1]).toEqual(VALID_HEADERS);
		expect(rows.every((row) => row.length === 9)).toBe(true);
	});

	it('fills a merged title across the columns it spans (XLSX)', async () => {
		const [sheet] = await read(io('input-valid.xlsx'));
		expect(sheet!.rows[0]).toEqual([
			'¿Qué?',
			'¿Qué?',
			'¿Qué?',
			'¿Quién?',
			'¿Para quién?',
			'¿Para quién?',
			'¿Dónde?',
			'¿Cuándo?',
			'¿Cuándo?'
		]);
		expect(sheet!.name).toBe('input-valid');
	});

	it('reads objects keyed by hashtag, the keys as the first row', async () => {
		const [sheet] = await read(io('input-valid-objects.json'));
		expect(sheet!.rows).toEqual(VALID_TAGGED);
	});

	it('unwraps an API answer holding the rows', async () => {
		const [sheet] = await read(io('input-valid-nested.json'));
		expect(sheet!.rows).toEqual(VALID_TAGGED);
	});
});

describe('readTable: CSV details', () => {
	it('keeps quoted line breaks and reads CRLF line ends', async () => {
		const [sheet] = await read(io('input-multiline.csv'));
		expect(sheet!.rows).toEqual([['#description'], ['Line 1\nLine 2\nLine 3']]);
	});

	it('reads a CSV saved by French Excel: Windows-1252, semicolons, decimal commas', async () => {
		const text =
			'Nom;Pays;Région;Budget\r\nRelèvement précoce;Côte d\'Ivoire;Ségou;1,5\r\n"Cluster; «RP»";Mali;Mopti;2,25\r\n';
		const [sheet] = await readTable(windows1252(text), 'partenaires.csv', 'fr');
		expect(sheet!.rows).toEqual([
			['Nom', 'Pays', 'Région', 'Budget'],
			['Relèvement précoce', "Côte d'Ivoire", 'Ségou', '1,5'],
			['Cluster; «RP»', 'Mali', 'Mopti', '2,25']
		]);
		expect(sheet!.name).toBe('partenaires');
	});

	it('reads UTF-8 with a byte-order mark, and keeps P-codes, phones and leading zeros as text', async () => {
		const text = '\ufeffCode,Téléphone,N°\nML0601,+223 20 22 45 67,007\n';
		const [sheet] = await readTable(new TextEncoder().encode(text), 'lieux.csv', 'fr');
		expect(sheet!.rows).toEqual([
			['Code', 'Téléphone', 'N°'],
			['ML0601', '+223 20 22 45 67', '007']
		]);
	});

	it('trims untidy cells', async () => {
		const [sheet] = await read('libhxl-python/test_scripts/input-whitespace.csv');
		expect(sheet!.rows[3]![1]).toBe('Higiene');
		expect(sheet!.rows[4]![1]).toBe('Vacunación');
		expect(sheet!.rows[2]![6]).toBe('Los  Santos');
	});

	it('keeps dates as written, whatever their format', async () => {
		const [sheet] = await read('libhxl-python/test_scripts/input-date.csv');
		expect(sheet!.rows.slice(2).map((row) => row[0])).toEqual([
			'1 March 2015',
			'03-18-14',
			'2015-03-01',
			'2015-03-02',
			'2015-03-10',
			'2015-03-11',
			'19/3/15',
			'March 31, 2015'
		]);
	});

	it('drops the empty rows and columns left after the data', async () => {
		const [sheet] = await readTable(new TextEncoder().encode('a;b;;\n1;2;;\n;;;\n\n'), 't.csv', 'fr');
		expect(sheet!.rows).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});
});

describe('readTable: workbooks', () => {
	it('fills merged cells down and across (libhxl and hxl-proxy samples)', async () => {
		const [sheet] = await read(io('input-merged.xlsx'));
		expect(sheet!.rows.slice(3).map((row) => row[8])).toEqual(Array(4).fill('1 March 2015'));
		expect(sheet!.rows[5]![3]).toBe('UNICEF');
		expect(sheet!.rows[5]![6]).toBe('Colombia');
		const [proxy] = await read('hxl-proxy/input-merged.xlsx');
		expect(proxy!.rows[4]![3]).toBe('UNICEF');
	});

	it('reads every sheet of a workbook, leaving out the empty ones', async () => {
		const sheets = await read('hxl-proxy/multisheet-dataset.xlsx');
		expect(sheets.map((s) => s.name)).toEqual(['The right sheet']);
		expect(sheets[0]!.rows[1]).toEqual(['#org', '#sector', '#country']);
		const quality = await read(io('input-quality.xlsx'));
		expect(quality.map((s) => s.name)).toEqual(['input-quality-no-hxl', 'input-quality-hxl']);
		expect(quality[1]!.rows[2]![3]).toBe('#org+es');
	});

	it('reads a ZIP holding a workbook', async () => {
		const [sheet] = await read(io('input-zip-invalid.zip'));
		expect(sheet!.rows.slice(2)).toEqual(VALID_TAGGED);
	});

	it('reads cells as shown: text stays text, short dates unambiguous, numbers as formatted', async () => {
		const sheet = XLSX.utils.aoa_to_sheet(
			[
				['Code', 'Date', 'Budget', 'Part', 'Nombre'],
				['ML0601', new Date(Date.UTC(2016, 9, 21)), 1234.5, 0.125, 7]
			],
			{ cellDates: true }
		);
		sheet['C2']!.z = '#,##0.00';
		sheet['D2']!.z = '0.0%';
		sheet['E2']!.z = '000';
		for (const bookType of ['xlsx', 'ods'] as const) {
			const book = XLSX.utils.book_new(sheet, 'Lieux');
			const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType }));
			const [read] = await readTable(bytes, `lieux.${bookType}`, 'fr');
			expect(read!.name).toBe('Lieux');
			expect(read!.rows[1]![0]).toBe('ML0601');
			if (bookType === 'xlsx')
				expect(read!.rows[1]).toEqual(['ML0601', '2016-10-21', '1,234.50', '12.5%', '007']);
		}
	});
});

describe('readTable: refusals say what to send', () => {
	it('refuses an empty file', async () => {
		expect(await fileMessage(readTable(new Uint8Array(), 'x.csv', 'fr'))).toMatch(
			/vide.*CSV, XLSX, XLS, ODS ou JSON/
		);
		expect(await fileMessage(readTable(new Uint8Array(), 'x.csv', 'en'))).toMatch(
			/empty.*CSV, XLSX, XLS, ODS or JSON/
		);
		expect(await fileMessage(readTable(new TextEncoder().encode(' \r\n\n'), 'x.csv', 'fr'))).toMatch(/vide/);
	});

	it.each(['input-notag1.html', 'input-notag2.html'])('refuses the web page %s', async (name) => {
		const message = await fileMessage(read(io(name)));
		expect(message).toBe(
			'Ce fichier est une page web (HTML), pas un tableau. Envoyez un fichier CSV, XLSX, XLS, ODS ou JSON (HXL).'
		);
	});

	it('refuses a PNG, a PDF and a Word document, in the user language', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
		expect(await fileMessage(readTable(png, 'logo.csv', 'en'))).toBe(
			'This file is an image, not a table. Send a CSV, XLSX, XLS, ODS or JSON (HXL) file.'
		);
		const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
		expect(await fileMessage(readTable(pdf, 'rapport.xlsx', 'fr'))).toMatch(
			/un document PDF, pas un tableau/
		);
		const docx = zipSync({
			'[Content_Types].xml': new Uint8Array([60]),
			'word/document.xml': new Uint8Array([60])
		});
		expect(await fileMessage(readTable(docx, 'cr.docx', 'fr'))).toMatch(/traitement de texte/);
	});

	it('refuses a damaged workbook and binary data', async () => {
		const bytes = fixture(io('input-valid.xlsx')).slice(0, 3000);
		expect(await fileMessage(readTable(bytes, 'x.xlsx', 'fr'))).toMatch(/illisible/);
		const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7) % 32);
		expect(await fileMessage(readTable(binary, 'x.csv', 'en'))).toMatch(/unknown type/);
	});

	it('refuses a ZIP that does not hold exactly one table', async () => {
		const two = zipSync({
			'a.csv': new TextEncoder().encode('a\n1'),
			'b.csv': new TextEncoder().encode('b\n2')
		});
		expect(await fileMessage(readTable(two, 'x.zip', 'fr'))).toMatch(/un seul tableau.*contient 2 fichiers/);
		const one = zipSync({
			'dossier/a.csv': new TextEncoder().encode('a\n1'),
			'__MACOSX/._a.csv': new Uint8Array(4)
		});
		expect((await readTable(one, 'x.zip', 'fr'))[0]!.rows).toEqual([['a'], ['1']]);
	});

	it('refuses a ZIP that unpacks past the limit before unpacking it, and a ZIP in a ZIP', async () => {
		const bomb = zipSync({ 'a.csv': new Uint8Array(MAX_UNPACKED_BYTES + 1) }, { level: 9 });
		expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
		expect(await fileMessage(readTable(bomb, 'x.zip', 'fr'))).toMatch(
			/décompressé, ce fichier dépasse 64 Mo/
		);
		const inner = zipSync({ 'a.csv': new TextEncoder().encode('a\n1') });
		const nested = zipSync({ 'inner.zip': inner });
		expect(await fileMessage(readTable(nested, 'x.zip', 'en'))).toMatch(/not a table/);
	});

	it('refuses JSON that holds no table', async () => {
		const json = new TextEncoder().encode('{"status": "OK", "count": 3}');
		expect(await fileMessage(readTable(json, 'x.json', 'en'))).toMatch(
			/not a table: it must be a list of rows/
		);
	});

	it('refuses a workbook whose sheets are all empty, asking for a header row', async () => {
		const book = XLSX.utils.book_new(XLSX.utils.aoa_to_sheet([]), 'Vide');
		const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
		expect(await fileMessage(readTable(bytes, 'x.xlsx', 'fr'))).toMatch(/aucune ligne.*en-têtes/);
		expect(await fileMessage(readTable(bytes, 'x.xlsx', 'en'))).toMatch(/no rows.*column headers/);
	});
});
