import type { Locale } from '../i18n';
import { readTable, type Sheet } from '../spreadsheets/read-table';
import { fileError } from '../spreadsheets/file-error';
import { m } from '$lib/paraglide/messages';
import { findColumns, type ColumnChoice, type PlaceColumns } from './columns';
import {
	checkDuplicates,
	ProblemList,
	readListedPlace,
	type ListedPlace,
	type PlaceList
} from './place-list';

/** Title lines above the header row are common in exported lists: look this far down for it. */
const HEADER_SEARCH_ROWS = 10;

/**
 * A P-code list from a spreadsheet (CSV in any encoding and delimiter, XLSX, ODS…): one row per
 * place with its P-code, name, parent P-code and level. Throws ValidationError naming each bad
 * row and column, in the user's language.
 */
export async function readPlaceTable(
	bytes: Uint8Array,
	filename: string,
	choice: ColumnChoice,
	locale: Locale
): Promise<PlaceList> {
	const sheets = await readTable(bytes, filename, locale);
	const found = sheets.map((sheet) => ({ sheet, header: findHeader(sheet, choice) }));
	const usable = found.find((f) => 'columns' in f.header);
	if (!usable) throw noHeader(found[0]!.sheet, found[0]!.header, locale);
	const { sheet } = usable;
	const { index, columns } = usable.header as { index: number; columns: PlaceColumns };

	const problems = new ProblemList('table', locale);
	const positions = new Map(sheet.rows[index]!.map((header, i) => [header, i] as const));
	const places: ListedPlace[] = [];
	for (let i = index + 1; i < sheet.rows.length; i++) {
		const cells = sheet.rows[i]!;
		if (cells.every((cell) => cell === '') || isHashtagRow(cells)) continue;
		const cell = (column: string | null) => (column === null ? '' : (cells[positions.get(column)!] ?? ''));
		const place = readListedPlace(i + 1, cell, columns, problems, locale);
		if (place) places.push(place);
	}
	checkDuplicates(places, columns, problems, locale);
	problems.throwIfAny();
	if (places.length === 0) throw fileError(m.places_error_no_rows({}, { locale }));
	return { format: 'table', filename, columns, places };
}

type Header =
	{ index: number; columns: PlaceColumns } | { index: number; missing: string[]; unknown: string[] };

function findHeader(sheet: Sheet, choice: ColumnChoice): Header {
	let firstMiss: Header | undefined;
	for (let index = 0; index < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); index++) {
		const row = sheet.rows[index]!;
		if (row.every((cell) => cell === '')) continue;
		const found = findColumns(row, choice);
		if ('columns' in found) return { index, columns: found.columns };
		firstMiss ??= { index, ...found };
	}
	return firstMiss ?? { index: 0, missing: ['pcode', 'name'], unknown: [] };
}

/** HXL files carry a row of hashtags (#adm1 +code) under the header row: it is not a place. */
function isHashtagRow(cells: string[]) {
	const filled = cells.filter((cell) => cell !== '');
	return filled.length > 0 && filled.every((cell) => cell.startsWith('#'));
}

function noHeader(sheet: Sheet, header: Header, locale: Locale) {
	const found = (sheet.rows[header.index] ?? []).filter((cell) => cell !== '').join(', ');
	if ('unknown' in header && header.unknown.length) {
		return fileError(
			m.places_error_column_unknown({ columns: header.unknown.join(', '), found }, { locale })
		);
	}
	return fileError(m.places_error_no_header({ found: found || '—' }, { locale }));
}
