/**
 * Finds the logframe in an uploaded workbook: the sheet whose headers name its columns, the P-code
 * columns of targets, and the read-me's plan, cluster and revision. Cells stay text here; what they
 * mean is checked against the framework in validate.ts.
 */
import type { Locale } from '../../i18n';
import type { Sheet } from '../../spreadsheets/read-table';
import { fileError } from '../../spreadsheets/file-error';
import { columnLetter } from '../../directory/import/map-columns';
import { isPcode } from '../../locations/pcode';
import { REQUIRED_COLUMNS, columnHeader, columnOf, metaKeyOf, type ColumnKey, type MetaKey } from './columns';
import { m } from '$lib/paraglide/messages';

/** A framework of 30 objectives, 150 activities and 600 indicators has under 800 rows. */
export const MAX_ROWS = 5_000;
/** Headers may sit below a title or a blank line. */
const HEADER_SEARCH = 10;

export interface FileColumn {
	index: number;
	letter: string;
	header: string;
}

export interface PlaceColumn extends FileColumn {
	pcode: string;
}

/** A mistake in the file, where the user finds it: row and column as the spreadsheet shows them. */
export interface Problem {
	row: number | null;
	column: FileColumn | null;
	message: string;
}

export interface FileRow {
	/** From 1, as the spreadsheet numbers it. */
	row: number;
	cells: string[];
}

export interface LogframeFile {
	columns: Partial<Record<ColumnKey, FileColumn>>;
	places: PlaceColumn[];
	/** Columns the import does not read (comments…). */
	ignored: FileColumn[];
	rows: FileRow[];
	meta: Partial<Record<MetaKey, string>>;
	problems: Problem[];
}

export function readLogframeFile(sheets: Sheet[], locale: Locale): LogframeFile {
	const found = findLogframeSheet(sheets);
	if (!found) throw fileError(m.logframe_error_no_sheet({}, { locale }));
	const { sheet, headerRow } = found;
	const headers = sheet.rows[headerRow]!;
	const data = sheet.rows
		.map((cells, index) => ({ row: index + 1, cells }))
		.slice(headerRow + 1)
		.filter((r) => r.cells.some((cell) => cell !== ''));
	if (data.length === 0) throw fileError(m.logframe_error_no_rows({}, { locale }));
	if (data.length > MAX_ROWS)
		throw fileError(m.logframe_error_too_many_rows({ count: data.length, max: MAX_ROWS }, { locale }));

	const file: LogframeFile = { columns: {}, places: [], ignored: [], rows: data, meta: {}, problems: [] };
	headers.forEach((header, index) =>
		readHeader(file, { index, letter: columnLetter(index), header }, locale)
	);
	for (const key of REQUIRED_COLUMNS)
		if (!file.columns[key])
			file.problems.push({
				row: null,
				column: null,
				message: m.logframe_error_missing_column({ header: columnHeader(key, locale) }, { locale })
			});
	file.meta = readMeta(sheets.filter((s) => s !== sheet));
	return file;
}

function readHeader(file: LogframeFile, column: FileColumn, locale: Locale) {
	const problem = (message: string) => file.problems.push({ row: null, column, message });
	if (column.header === '') {
		if (file.rows.some((r) => (r.cells[column.index] ?? '') !== ''))
			problem(m.logframe_error_no_header({}, { locale }));
		return;
	}
	const key = columnOf(column.header);
	const pcode = column.header.split(/\s+/)[0]!.toUpperCase();
	const twin = key ? file.columns[key] : file.places.find((p) => p.pcode === pcode);
	if (twin) return problem(m.logframe_error_duplicate_column({ letter: twin.letter }, { locale }));
	if (key) file.columns[key] = column;
	else if (looksLikePcode(pcode)) file.places.push({ ...column, pcode });
	else file.ignored.push(column);
}

/** ML06 or ML0701, not a "Commentaires" column: a P-code has digits after the country's letters. */
function looksLikePcode(text: string) {
	return isPcode(text) && /\d/.test(text);
}

/** The first sheet, among those near the top, with a header row naming the level and the title. */
function findLogframeSheet(sheets: Sheet[]) {
	for (const sheet of sheets) {
		const headerRow = sheet.rows.slice(0, HEADER_SEARCH).findIndex((row) => {
			const keys = new Set(row.map(columnOf));
			return keys.has('level') && keys.has('titleFr');
		});
		if (headerRow >= 0) return { sheet, headerRow };
	}
	return null;
}

/** "Plan revision | 12" lines of the read-me sheet, in either language. */
function readMeta(sheets: Sheet[]): Partial<Record<MetaKey, string>> {
	const meta: Partial<Record<MetaKey, string>> = {};
	for (const sheet of sheets)
		for (const row of sheet.rows) {
			const key = metaKeyOf(row[0] ?? '');
			if (key && row[1] && meta[key] === undefined) meta[key] = row[1];
		}
	return meta;
}

/** The text of one cell of a row, by its column's meaning; blank when the file has no such column. */
export function cellOf(file: LogframeFile, row: FileRow, key: ColumnKey): string {
	const column = file.columns[key];
	return column ? (row.cells[column.index] ?? '').trim() : '';
}

/** A problem as the user reads it: "Row 12, column "Parent" (C): …". */
export function describeProblem(problem: Problem, locale: Locale): string {
	const { row, column, message } = problem;
	if (row !== null && column)
		return m.logframe_error_cell({ row, header: column.header, letter: column.letter, message }, { locale });
	if (row !== null) return m.logframe_error_row({ row, message }, { locale });
	if (column)
		return m.logframe_error_column({ header: column.header, letter: column.letter, message }, { locale });
	return message;
}
