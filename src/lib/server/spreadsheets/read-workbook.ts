import * as XLSX from '@e965/xlsx';
import type { Sheet } from './read-table';

/** The reasons a workbook cannot be read that the user can do something about. */
export class WorkbookError extends Error {
	constructor(readonly reason: 'protected' | 'unreadable') {
		super(reason);
	}
}

/**
 * Every sheet of an XLSX, XLS or ODS workbook as the text its cells show. Dates in the "short date"
 * format, which Excel displays in the reader's own locale, come out as unambiguous 2016-10-21.
 */
export function readWorkbook(bytes: Uint8Array): Sheet[] {
	const workbook = parse(bytes);
	return workbook.SheetNames.map((name) => ({ name, rows: sheetRows(workbook.Sheets[name]!) }));
}

function parse(bytes: Uint8Array): XLSX.WorkBook {
	try {
		return XLSX.read(bytes, { type: 'array', dense: true, dateNF: 'yyyy-mm-dd', cellHTML: false });
	} catch (error) {
		const protectedFile = error instanceof Error && /password|encrypt/i.test(error.message);
		throw new WorkbookError(protectedFile ? 'protected' : 'unreadable');
	}
}

function sheetRows(sheet: XLSX.WorkSheet): string[][] {
	const data: (XLSX.CellObject | undefined)[][] = sheet['!data'] ?? [];
	const rows = Array.from(data, (row) => Array.from(row ?? [], cellText));
	const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
	for (const merge of sheet['!merges'] ?? []) fillMerge(rows, merge, rows.length, width);
	return rows;
}

function cellText(cell: XLSX.CellObject | undefined): string {
	if (!cell || cell.v === undefined || cell.v === null) return '';
	return cell.w ?? XLSX.utils.format_cell(cell);
}

/**
 * A merged range shows its first cell's value across the whole range, so every row gets it. Ranges
 * are cut at the data's edge: a merge down a whole column must not make a million rows.
 */
function fillMerge(rows: string[][], { s, e }: XLSX.Range, height: number, width: number) {
	const value = rows[s.r]?.[s.c] ?? '';
	for (let r = s.r; r <= Math.min(e.r, height - 1); r++) {
		for (let c = s.c; c <= Math.min(e.c, width - 1); c++) rows[r]![c] = value;
	}
}
