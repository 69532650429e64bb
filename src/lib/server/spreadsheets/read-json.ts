/**
 * Rows of an HXL JSON file: an array of rows (arrays), or an array of objects keyed by header or
 * hashtag — then the keys make the first row. An object wrapping such an array (an API answer
 * `{"status": "OK", "results": [...]}`) is unwrapped. Null when the JSON holds no table.
 */
export function readJson(text: string): string[][] | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	const table = findTable(value);
	if (!table) return null;
	return table.every(Array.isArray) ? table.map((row) => row.map(cellText)) : fromObjects(table);
}

type Table = unknown[][] | Record<string, unknown>[];

function findTable(value: unknown): Table | null {
	if (isTable(value)) return value;
	if (isObject(value)) return Object.values(value).find(isTable) ?? null;
	return null;
}

function isTable(value: unknown): value is Table {
	return Array.isArray(value) && value.length > 0 && (value.every(Array.isArray) || value.every(isObject));
}

function fromObjects(objects: Record<string, unknown>[]): string[][] {
	const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
	return [keys, ...objects.map((o) => keys.map((key) => cellText(o[key])))];
}

function cellText(value: unknown): string {
	if (value === null || value === undefined || typeof value === 'object') return '';
	return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
