import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { fileError } from './file-error';
import { sniffFormat, sniffText, type NotTable } from './sniff-format';
import { decodeText } from './decode-text';
import { readDelimited } from './read-delimited';
import { readJson } from './read-json';
import { readWorkbook, WorkbookError } from './read-workbook';
import { readZip, MAX_UNPACKED_BYTES } from './read-zip';
import { tidyRows } from './tidy-rows';

/** One sheet of a table: every cell the trimmed text the user sees in it. */
export interface Sheet {
	name: string;
	rows: string[][];
}

/**
 * The sheets of an uploaded table — CSV (comma, semicolon, tab), XLSX, XLS, ODS, HXL JSON, or a
 * ZIP holding one of these — with the empty ones left out. Cells are never converted: P-codes,
 * phone numbers and leading zeros stay as written. Throws ValidationError (`file`) that tells the
 * user what to send instead.
 */
export async function readTable(bytes: Uint8Array, filename: string, locale: Locale): Promise<Sheet[]> {
	const sheets = readAny(bytes, filename, locale, true)
		.map((sheet) => ({ name: sheet.name, rows: tidyRows(sheet.rows) }))
		.filter((sheet) => sheet.rows.length > 0);
	if (sheets.length === 0) throw fileError(m.spreadsheets_error_no_header({}, { locale }));
	return sheets;
}

/** `mayUnpack` is false for the file inside a ZIP: an archive in an archive is not a table. */
function readAny(bytes: Uint8Array, filename: string, locale: Locale, mayUnpack: boolean): Sheet[] {
	if (bytes.length === 0) throw fileError(m.spreadsheets_error_empty({}, { locale }));
	const format = sniffFormat(bytes);
	switch (format.kind) {
		case 'zip':
			return readZipped(bytes, locale, mayUnpack);
		case 'ole2':
			return readBook(bytes, locale);
		case 'not-table':
			throw notTable(format.found, locale);
		case 'text':
			return readText(bytes, filename, locale);
	}
}

function readZipped(bytes: Uint8Array, locale: Locale, mayUnpack: boolean): Sheet[] {
	const content = readZipSafely(bytes, locale);
	switch (content.kind) {
		case 'workbook':
			return readBook(bytes, locale);
		case 'document':
			throw notTable('document', locale);
		case 'too-large':
			throw fileError(
				m.spreadsheets_error_unpacked_too_large({ max: MAX_UNPACKED_BYTES / 2 ** 20 }, { locale })
			);
		case 'archive':
			if (!mayUnpack) throw notTable('binary', locale);
			if (!content.file)
				throw fileError(m.spreadsheets_error_zip_count({ count: content.count }, { locale }));
			return readAny(content.file.bytes, content.file.name, locale, false);
	}
}

function readZipSafely(bytes: Uint8Array, locale: Locale) {
	try {
		return readZip(bytes);
	} catch {
		throw fileError(m.spreadsheets_error_unreadable({}, { locale }));
	}
}

function readBook(bytes: Uint8Array, locale: Locale): Sheet[] {
	try {
		return readWorkbook(bytes);
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		const message =
			error.reason === 'protected' ? m.spreadsheets_error_protected : m.spreadsheets_error_unreadable;
		throw fileError(message({}, { locale }));
	}
}

function readText(bytes: Uint8Array, filename: string, locale: Locale): Sheet[] {
	const text = decodeText(bytes);
	if (text.trim() === '') throw fileError(m.spreadsheets_error_empty({}, { locale }));
	const format = sniffText(text);
	if (format.kind === 'not-table') throw notTable(format.found, locale);
	const name = baseName(filename);
	if (looksLikeJson(text, filename)) {
		const rows = readJson(text);
		if (!rows) throw fileError(m.spreadsheets_error_json({}, { locale }));
		return [{ name, rows }];
	}
	return [{ name, rows: readDelimited(text) }];
}

/** A CSV may start with "[" too; only a name ending in .json or text that parses makes it JSON. */
function looksLikeJson(text: string, filename: string) {
	if (/\.json$/i.test(filename)) return true;
	if (!/^\s*[[{]/.test(text)) return false;
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

function notTable(found: NotTable, locale: Locale) {
	const what = {
		html: m.spreadsheets_found_html,
		pdf: m.spreadsheets_found_pdf,
		image: m.spreadsheets_found_image,
		document: m.spreadsheets_found_document,
		binary: m.spreadsheets_found_binary
	}[found]({}, { locale });
	return fileError(m.spreadsheets_error_not_spreadsheet({ found: what }, { locale }));
}

function baseName(filename: string) {
	const name = filename.split(/[\\/]/).pop() ?? '';
	return name.replace(/\.[^.]*$/, '') || name;
}
