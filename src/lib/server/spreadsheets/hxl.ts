import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { fileError } from './file-error';
import type { Sheet } from './read-table';

/** An HXL hashtag with its attributes, lowercase: `#org +name` is `{ tag: '#org', attributes: ['name'] }`. */
export interface Hashtag {
	tag: string;
	attributes: string[];
}

/** libhxl looks for the hashtag row this far down, below titles and header rows. */
export const HASHTAG_ROW_SEARCH = 25;
/** As in libhxl: a row is the hashtag row when at least half of its filled cells are hashtags. */
const HASHTAG_SHARE = 0.5;

const NAME = '[a-z][a-z0-9_]*';
const HASHTAG = new RegExp(`^#\\s*(${NAME})((?:\\s*\\+\\s*${NAME})*)$`, 'i');
const WITHOUT_HASH = new RegExp(`^${NAME}(?:\\s*\\+\\s*${NAME})+$`);
/** HXL core tags that a header row of tags typed without "#" is made of. */
const CORE_TAGS = new Set(
	'access activity adm1 adm2 adm3 adm4 adm5 affected beneficiary capacity cause channel contact country crisis currency date description event frequency geo group impact indicator inneed item loc meta modality need operations org output population position reached region respondee sector service severity status subsector targeted value'.split(
		' '
	)
);

/** The hashtag of a cell, tolerant of case and spaces (`#Org +Name`, `# org+name`); null if not one. */
export function parseHashtag(cell: string): Hashtag | null {
	const match = HASHTAG.exec(cell.trim());
	if (!match) return null;
	const attributes = match[2]!
		.split('+')
		.map((a) => a.trim().toLowerCase())
		.filter(Boolean);
	return { tag: `#${match[1]!.toLowerCase()}`, attributes: [...new Set(attributes)] };
}

/** The usual written form, `#org+name`. */
export function formatHashtag({ tag, attributes }: Hashtag): string {
	return [tag, ...attributes].join('+');
}

/**
 * Whether a column's hashtag matches a pattern such as `#org+name` or `#org-acronym`: the same tag,
 * every `+` attribute of the pattern present, no `-` attribute present.
 */
export function matchesTag(pattern: string, hashtag: Hashtag | string | null): boolean {
	const column = typeof hashtag === 'string' ? parseHashtag(hashtag) : hashtag;
	const parts = /^\s*(#\s*[a-z][a-z0-9_]*)((?:\s*[+-]\s*[a-z][a-z0-9_]*)*)\s*$/i.exec(pattern);
	if (!column || !parts) return false;
	if (parts[1]!.replace(/\s/g, '').toLowerCase() !== column.tag) return false;
	const wanted = [...parts[2]!.matchAll(/([+-])\s*([a-z0-9_]+)/gi)];
	return wanted.every(([, sign, name]) => column.attributes.includes(name!.toLowerCase()) === (sign === '+'));
}

export interface HashtagRow {
	/** Index of the hashtag row in the sheet's rows. */
	index: number;
	/** Per column, its hashtag, or null for a column left untagged. */
	hashtags: (Hashtag | null)[];
	/** The text rows above the hashtag row (titles, headers): none, one or several. */
	headerRows: string[][];
}

/** The first row, among the first 25, where at least half of the filled cells are hashtags. */
export function findHashtagRow(rows: readonly string[][]): HashtagRow | null {
	const index = rows
		.slice(0, HASHTAG_ROW_SEARCH)
		.findIndex((row) => share(row, parseHashtag) >= HASHTAG_SHARE);
	if (index < 0) return null;
	return { index, hashtags: rows[index]!.map(parseHashtag), headerRows: rows.slice(0, index) };
}

/** Share of a row's filled cells that pass `test`; 0 for an empty row. */
function share(row: readonly string[], test: (cell: string) => unknown): number {
	const filled = row.filter((cell) => cell !== '');
	return filled.length === 0 ? 0 : filled.filter((cell) => test(cell)).length / filled.length;
}

/** A row such as `sector+es, org+es, country`: hashtags whose "#" was left out. */
function findTagsWithoutHash(rows: readonly string[][]): { row: number; example: string } | null {
	const looksLikeTag = (cell: string) => WITHOUT_HASH.test(cell) || CORE_TAGS.has(cell);
	const index = rows
		.slice(0, HASHTAG_ROW_SEARCH)
		.findIndex((row) => share(row, looksLikeTag) >= HASHTAG_SHARE);
	if (index < 0) return null;
	const example = rows[index]!.find((cell) => WITHOUT_HASH.test(cell)) ?? rows[index]!.find(looksLikeTag)!;
	return { row: index + 1, example };
}

/** A sheet split into what each column is and the data rows below. */
export interface HxlTable {
	/** Per column, the text header just above the hashtags ('' when there is none). */
	headers: string[];
	/** Per column, its hashtag as `#org+name`, or null (an untagged sheet has only nulls). */
	hashtags: (string | null)[];
	rows: string[][];
	/** Index in the sheet of the first data row, to number rows in messages as the user sees them. */
	firstDataRow: number;
}

/**
 * The headers, hashtags and data of a sheet. With a hashtag row, the row just above it gives the
 * headers; without one the first row does, unless `requireHashtags`, which then refuses the sheet
 * with a message saying how to tag it.
 */
export function toHxlTable(
	sheet: Sheet,
	locale: Locale,
	options: { requireHashtags?: boolean } = {}
): HxlTable {
	const found = findHashtagRow(sheet.rows);
	const width = sheet.rows[0]?.length ?? 0;
	if (found) {
		return {
			headers: found.headerRows.at(-1) ?? Array<string>(width).fill(''),
			hashtags: found.hashtags.map((h) => (h ? formatHashtag(h) : null)),
			rows: sheet.rows.slice(found.index + 1),
			firstDataRow: found.index + 1
		};
	}
	if (options.requireHashtags) throw missingHashtags(sheet.rows, locale);
	return {
		headers: sheet.rows[0] ?? [],
		hashtags: Array<null>(width).fill(null),
		rows: sheet.rows.slice(1),
		firstDataRow: 1
	};
}

function missingHashtags(rows: readonly string[][], locale: Locale) {
	const withoutHash = findTagsWithoutHash(rows);
	return fileError(
		withoutHash
			? m.spreadsheets_error_hashtags_without_hash(withoutHash, { locale })
			: m.spreadsheets_error_no_hashtags({ rows: HASHTAG_ROW_SEARCH }, { locale })
	);
}
