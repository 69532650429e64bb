/**
 * Rows as a user reads them: every cell trimmed, every row as wide as the table, and the empty rows
 * and columns that spreadsheets leave after the data (formatting, deleted content) dropped.
 */
export function tidyRows(rows: readonly (readonly (string | undefined)[] | undefined)[]): string[][] {
	const trimmed = rows.map((row) => Array.from(row ?? [], (cell) => (cell ?? '').trim()));
	while (trimmed.length > 0 && isEmpty(trimmed[trimmed.length - 1]!)) trimmed.pop();
	const width = trimmed.reduce((widest, row) => Math.max(widest, lastFilled(row)), 0);
	return trimmed.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

function isEmpty(row: string[]) {
	return row.every((cell) => cell === '');
}

/** One past the last non-empty cell. */
function lastFilled(row: string[]) {
	for (let i = row.length - 1; i >= 0; i--) if (row[i] !== '') return i + 1;
	return 0;
}
