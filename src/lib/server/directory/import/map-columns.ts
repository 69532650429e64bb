import type { Locale } from '../../i18n';
import { ValidationError } from '../../errors';
import type { Sheet } from '../../spreadsheets/read-table';
import { findHashtagRow, formatHashtag, HASHTAG_ROW_SEARCH, matchesTag } from '../../spreadsheets/hxl';
import { foldHeader, headerAliases, type ImportField } from './fields';
import { m } from '$lib/paraglide/messages';

/** A column of the file as the user sees it: its letter, its header, its hashtag if tagged. */
export interface Column {
	index: number;
	letter: string;
	header: string;
	hashtag: string | null;
}

/** Where a sheet's headers and data are. Row indexes count from 0; users read them from 1. */
export interface Layout {
	/** The row of text headers, or null when the hashtag row is the first row. */
	headerRow: number | null;
	hashtagRow: number | null;
	firstDataRow: number;
	columns: Column[];
}

/** Per field key, the index of the column it is read from, or null when the file has none. */
export type Mapping = Record<string, number | null>;

/** A, B, … Z, AA, AB: how spreadsheets name columns. */
export function columnLetter(index: number): string {
	let letter = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
	return letter;
}

/** The index of a column letter ("b" or "AA"); null if it is not one. */
export function columnIndex(letter: string): number | null {
	const text = letter.trim().toUpperCase();
	if (!/^[A-Z]{1,3}$/.test(text)) return null;
	return [...text].reduce((n, char) => n * 26 + char.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Finds the headers: below an HXL hashtag row when there is one (the row above it gives the text
 * headers), otherwise the row among the first ones that names the most known fields, which lets a
 * title or a blank line stand above the table.
 */
export function readLayout(sheet: Sheet, fields: ImportField[]): Layout {
	const width = sheet.rows[0]?.length ?? 0;
	const tagged = findHashtagRow(sheet.rows);
	if (tagged) {
		const headerRow = tagged.index > 0 ? tagged.index - 1 : null;
		const headers = headerRow === null ? [] : sheet.rows[headerRow]!;
		return {
			headerRow,
			hashtagRow: tagged.index,
			firstDataRow: tagged.index + 1,
			columns: Array.from({ length: width }, (_, index) => {
				const hashtag = tagged.hashtags[index];
				return {
					index,
					letter: columnLetter(index),
					header: headers[index] ?? '',
					hashtag: hashtag ? formatHashtag(hashtag) : null
				};
			})
		};
	}
	const aliases = new Set(fields.flatMap((f) => [...headerAliases(f)]));
	const candidates = sheet.rows.slice(0, HASHTAG_ROW_SEARCH);
	let headerRow = candidates.findIndex((row) => row.some((cell) => cell !== ''));
	let best = 0;
	candidates.forEach((row, index) => {
		const known = row.filter((cell) => aliases.has(foldHeader(cell))).length;
		if (known > best) [best, headerRow] = [known, index];
	});
	headerRow = Math.max(headerRow, 0);
	return {
		headerRow,
		hashtagRow: null,
		firstDataRow: headerRow + 1,
		columns: Array.from({ length: width }, (_, index) => ({
			index,
			letter: columnLetter(index),
			header: sheet.rows[headerRow]?.[index] ?? '',
			hashtag: null
		}))
	};
}

/**
 * The column of each field: hashtags first (every field's strongest pattern before any field's
 * weaker one), then headers for the columns and fields left. A column serves one field.
 */
export function guessMapping(columns: Column[], fields: ImportField[]): Mapping {
	const mapping: Mapping = Object.fromEntries(fields.map((f) => [f.key, null]));
	const taken = new Set<number>();
	const assign = (field: ImportField, test: (column: Column) => boolean) => {
		if (mapping[field.key] !== null) return;
		const column = columns.find((c) => !taken.has(c.index) && test(c));
		if (!column) return;
		mapping[field.key] = column.index;
		taken.add(column.index);
	};
	const rounds = Math.max(...fields.map((f) => f.hashtags.length));
	for (let round = 0; round < rounds; round++) {
		for (const field of fields) {
			const pattern = field.hashtags[round];
			if (pattern) assign(field, (c) => c.hashtag !== null && matchesTag(pattern, c.hashtag));
		}
	}
	for (const field of fields) {
		const aliases = headerAliases(field);
		assign(field, (c) => c.header !== '' && aliases.has(foldHeader(c.header)));
	}
	return mapping;
}

/**
 * The user's corrections over the guess: per field a column letter, or '' / null for "not in the
 * file". Fields not named keep the guess; an unknown letter or field is refused with a message.
 */
export function applyChoices(
	guess: Mapping,
	choices: Record<string, string | null> | undefined,
	columns: Column[],
	locale: Locale
): Mapping {
	if (!choices) return guess;
	const mapping = { ...guess };
	const errors = [];
	for (const [key, letter] of Object.entries(choices)) {
		if (!(key in guess)) {
			errors.push({
				path: `mapping.${key}`,
				message: m.imports_error_unknown_field({ field: key }, { locale })
			});
			continue;
		}
		if (letter === null || letter.trim() === '') {
			mapping[key] = null;
			continue;
		}
		const index = columnIndex(letter);
		if (index === null || index >= columns.length) {
			errors.push({
				path: `mapping.${key}`,
				message: m.imports_error_unknown_column(
					{ column: letter, last: columnLetter(Math.max(columns.length - 1, 0)) },
					{ locale }
				)
			});
			continue;
		}
		mapping[key] = index;
	}
	if (errors.length) throw new ValidationError(errors);
	return mapping;
}

/** "B (Sigle)" or "B (#org+acronym)": a column as messages name it. */
export function describeColumn(column: Column): string {
	const name = column.header || column.hashtag;
	return name ? `${column.letter} (${name})` : column.letter;
}
