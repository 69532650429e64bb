export type Cell = string | number | null;

const BOM = '\ufeff';

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, without which Excel reads the accents as
 * Windows-1252 ("RelÃ¨vement").
 */
export function writeCsv(rows: readonly (readonly Cell[])[]): Uint8Array {
	const lines = rows.map((row) => row.map(csvField).join(','));
	return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}

function csvField(cell: Cell): string {
	if (cell === null) return '';
	const text = typeof cell === 'number' ? String(cell) : defuseFormula(cell);
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A spreadsheet opening the CSV would run a cell that starts like a formula (`=HYPERLINK(…)`,
 * `+cmd|…`, `@SUM(…)`), so such text gets a leading apostrophe. A signed number or phone number
 * ("-5", "+223 20 22 45 67") computes nothing and is left as it is.
 */
export function defuseFormula(text: string): string {
	if (/^[=@\t\r]/.test(text)) return `'${text}`;
	if (/^[+-]/.test(text) && !/^[+-][\d\s.,]*$/.test(text)) return `'${text}`;
	return text;
}
