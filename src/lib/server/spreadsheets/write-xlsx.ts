import * as XLSX from '@e965/xlsx';
import type { Cell } from './write-csv';

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;
const MAX_COLUMN_WIDTH = 60;

/**
 * One sheet, numbers as numbers and text as text (a P-code "ML0601" or "007" is never turned into
 * a number, and "=cmd" is stored as text, never as a formula), with a filter on the header row.
 * SheetJS Community Edition writes no cell styles or frozen panes, so the header is plain.
 */
export function writeXlsx(rows: readonly (readonly Cell[])[], sheetName: string): Uint8Array {
	const sheet = XLSX.utils.aoa_to_sheet(rows.map((row) => [...row]));
	const width = rows[0]?.length ?? 0;
	if (rows.length > 0 && width > 0) {
		sheet['!autofilter'] = {
			ref: XLSX.utils.encode_range({ r: 0, c: 0 }, { r: rows.length - 1, c: width - 1 })
		};
	}
	sheet['!cols'] = columnWidths(rows, width);
	const book = XLSX.utils.book_new(sheet, safeSheetName(sheetName));
	return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }));
}

function columnWidths(rows: readonly (readonly Cell[])[], width: number): XLSX.ColInfo[] {
	return Array.from({ length: width }, (_, c) => {
		const longest = rows.reduce((max, row) => Math.max(max, String(row[c] ?? '').length), 0);
		return { wch: Math.min(MAX_COLUMN_WIDTH, Math.max(8, longest + 2)) };
	});
}

/** Excel refuses a sheet named with : \ / ? * [ ] or longer than 31 characters. */
function safeSheetName(name: string): string {
	const cleaned = name.replace(/[:\\/?*[\]]/g, ' ').trim();
	return cleaned.slice(0, MAX_SHEET_NAME) || 'Sheet1';
}
