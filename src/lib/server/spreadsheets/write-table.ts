import { writeCsv, type Cell } from './write-csv';
import { writeXlsx } from './write-xlsx';

export type TableFormat = 'csv' | 'xlsx' | 'hxl';

export interface TableColumn {
	header: string;
	/** The HXL hashtag and attributes of the column, e.g. `#org +name`. */
	hashtag?: string;
}

export interface TableFile {
	body: Uint8Array;
	contentType: string;
	extension: string;
}

/** A list as a file: CSV, XLSX, or HXL (the CSV with a row of hashtags under the headers). */
export function writeTable(
	format: TableFormat,
	columns: readonly TableColumn[],
	rows: readonly (readonly Cell[])[],
	sheetName = 'Concerto'
): TableFile {
	const headers = columns.map((column) => column.header);
	switch (format) {
		case 'csv':
			return { body: writeCsv([headers, ...rows]), contentType: CSV, extension: 'csv' };
		case 'hxl': {
			const hashtags = columns.map((column) => column.hashtag ?? '');
			return { body: writeCsv([headers, hashtags, ...rows]), contentType: CSV, extension: 'hxl.csv' };
		}
		case 'xlsx':
			return { body: writeXlsx([headers, ...rows], sheetName), contentType: XLSX_TYPE, extension: 'xlsx' };
	}
}

const CSV = 'text/csv; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
