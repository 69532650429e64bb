/**
 * An XLSX workbook of one sheet written as a stream: rows come in pages (an async iterable, read
 * from the database a page at a time) and leave compressed as they come, so a list of any length
 * costs the server the memory of one page. SheetJS (write-xlsx.ts) builds the whole book in memory
 * first; this writes the SpreadsheetML by hand, with inline strings (a shared-string table would
 * need every string before the first row), through fflate's streaming ZIP.
 *
 * As write-xlsx.ts: numbers as numbers, text as text (never a formula, "007" stays text), a filter
 * on the header row; and the header in bold and frozen, which SheetJS Community Edition cannot write.
 */
import { Zip, ZipDeflate } from 'fflate';
import type { Cell } from './write-csv';

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;
const MAX_COLUMN_WIDTH = 60;

export interface StreamColumn {
	header: string;
	/** Width in characters; by default from the header. */
	width?: number;
}

const encoder = new TextEncoder();

/**
 * The workbook as a byte stream. Pages are pulled one at a time as the reader asks for more bytes,
 * so a slow client holds the database reads back instead of piling rows up in memory.
 */
export function streamXlsx(
	columns: readonly StreamColumn[],
	pages: AsyncIterable<readonly (readonly Cell[])[]>,
	sheetName: string
): ReadableStream<Uint8Array> {
	const name = safeSheetName(sheetName);
	const chunks: Uint8Array[] = [];
	let failure: Error | null = null;
	let ended = false;
	const zip = new Zip((error, chunk, final) => {
		if (error) failure = error;
		else chunks.push(chunk);
		if (final) ended = true;
	});
	const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
	let iterator: AsyncIterator<readonly (readonly Cell[])[]> | undefined;
	let rowNumber = 1;

	return new ReadableStream<Uint8Array>({
		start() {
			zip.add(sheet);
			sheet.push(
				encoder.encode(
					sheetStart(columns) +
						rowXml(
							1,
							columns.map((c) => c.header),
							HEADER_STYLE
						)
				)
			);
			iterator = pages[Symbol.asyncIterator]();
		},
		async pull(controller) {
			while (chunks.length === 0 && !ended && !failure) {
				const next = await iterator!.next();
				if (next.done) {
					const lastCell = `${columnName(columns.length - 1)}${rowNumber}`;
					sheet.push(encoder.encode(sheetEnd(columns.length ? `A1:${lastCell}` : null)), true);
					for (const [path, xml] of packageParts(
						name,
						columns.length ? `$A$1:$${columnName(columns.length - 1)}$${rowNumber}` : null
					))
						addWhole(zip, path, xml);
					zip.end();
				} else {
					let xml = '';
					for (const row of next.value) xml += rowXml(++rowNumber, row);
					if (xml) sheet.push(encoder.encode(xml));
				}
			}
			if (failure) return controller.error(failure);
			for (const chunk of chunks.splice(0)) controller.enqueue(chunk);
			if (ended) controller.close();
		},
		async cancel() {
			await iterator?.return?.();
		}
	});
}

function addWhole(zip: Zip, path: string, xml: string) {
	const file = new ZipDeflate(path, { level: 6 });
	zip.add(file);
	file.push(encoder.encode(xml), true);
}

const HEADER_STYLE = 1;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function sheetStart(columns: readonly StreamColumn[]): string {
	const cols = columns
		.map((c, i) => {
			const width = Math.min(MAX_COLUMN_WIDTH, Math.max(8, c.width ?? c.header.length + 2));
			return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
		})
		.join('');
	return (
		`${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
		'<sheetViews><sheetView workbookViewId="0">' +
		'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
		'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
		(cols ? `<cols>${cols}</cols>` : '') +
		'<sheetData>'
	);
}

function sheetEnd(filterRange: string | null): string {
	return `</sheetData>${filterRange ? `<autoFilter ref="${filterRange}"/>` : ''}</worksheet>`;
}

function rowXml(r: number, cells: readonly Cell[], style?: number): string {
	let xml = `<row r="${r}">`;
	const s = style === undefined ? '' : ` s="${style}"`;
	cells.forEach((cell, c) => {
		if (cell === null || cell === '') return;
		const ref = `${columnName(c)}${r}`;
		if (typeof cell === 'number' && Number.isFinite(cell)) xml += `<c r="${ref}"${s}><v>${cell}</v></c>`;
		else
			xml += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(cell))}</t></is></c>`;
	});
	return `${xml}</row>`;
}

/** A, B, … Z, AA, AB … */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** Text as XML character data: markup escaped, characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The parts around the sheet: written last, once the filter's range is known. */
function packageParts(sheetName: string, filterRange: string | null): [string, string][] {
	const quoted = `'${sheetName.replace(/'/g, "''")}'`;
	const definedNames = filterRange
		? `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeXml(quoted)}!${filterRange}</definedName></definedNames>`
		: '';
	return [
		[
			'[Content_Types].xml',
			`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
				'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
				'</Types>'
		],
		[
			'_rels/.rels',
			`${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
				`<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
				'</Relationships>'
		],
		[
			'xl/workbook.xml',
			`${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
				`<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>${definedNames}</workbook>`
		],
		[
			'xl/_rels/workbook.xml.rels',
			`${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
				`<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
				'</Relationships>'
		],
		[
			'xl/styles.xml',
			`${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
				'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
				'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
				'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
				'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
				'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
				'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
				'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
				'</styleSheet>'
		]
	];
}

/** Excel refuses a sheet named with : \ / ? * [ ] or longer than 31 characters. */
function safeSheetName(name: string): string {
	const cleaned = name.replace(/[:\\/?*[\]]/g, ' ').trim();
	return cleaned.slice(0, MAX_SHEET_NAME) || 'Sheet1';
}
