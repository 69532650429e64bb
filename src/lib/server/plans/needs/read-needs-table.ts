/**
 * Reads a sheet of needs figures: finds what each column holds, by its HXL hashtag or else by its
 * header (as our exports write them, in French or English), and turns each data row into a
 * candidate for the one check of figures. A column tagged as a count that matches no sex and age
 * group of the plan is a mistake, not a column to skip: its figures would be lost.
 */
import type { SexAgeGroup } from '../../db/schema';
import type { Locale } from '../../i18n';
import { toHxlTable, parseHashtag, type Hashtag } from '../../spreadsheets/hxl';
import type { Sheet } from '../../spreadsheets/read-table';
import { foldName } from '../../locations/pcode';
import { columnLetter } from '../../directory/import/map-columns';
import { m } from '$lib/paraglide/messages';
import { locales } from '../../i18n';
import type { Candidate, Part } from './check-rows';
import { COUNT_TAGS, needsColumns, type ColumnMeaning } from './table-columns';

/** Attributes that say nothing about who is counted (`#inneed +ind` = individuals). */
const NEUTRAL = new Set(['ind', 'num', 'i']);

export interface SheetColumn {
	letter: string;
	header: string;
	hashtag: string | null;
	meaning: ColumnMeaning | null;
}

export interface ColumnIssue {
	column: string;
	header: string;
	message: string;
}

export interface ImportCandidate extends Candidate {
	/** The admin1 P-code written beside an admin2 one, to be checked against it. */
	region: string | null;
	/** Whether the place was read from the admin2 column. */
	fromAdm2: boolean;
}

export interface NeedsSheet {
	columns: SheetColumn[];
	/** Mistakes about a whole column, which refuse the file. */
	columnIssues: ColumnIssue[];
	/** What is missing for the file to be read at all (no place column…), or null. */
	missing: string | null;
	candidates: ImportCandidate[];
	/** Index of each meaning's column, for messages about a cell. */
	columnOf: (meaning: ColumnMeaning) => number | null;
}

export function readNeedsSheet(sheet: Sheet, sexAgeGroups: SexAgeGroup[], locale: Locale): NeedsSheet {
	const table = toHxlTable(sheet, locale);
	const byHeader = headerIndex(sexAgeGroups);
	const columnIssues: ColumnIssue[] = [];
	const columns: SheetColumn[] = table.headers.map((header, i) => {
		const hashtag = table.hashtags[i] ?? null;
		const parsed = hashtag ? parseHashtag(hashtag) : null;
		const meaning = parsed
			? meaningOfHashtag(parsed, sexAgeGroups)
			: (byHeader.get(foldName(header)) ?? null);
		const column = {
			letter: columnLetter(i),
			header,
			hashtag,
			meaning: meaning === 'wrong' ? null : meaning
		};
		if (meaning === 'wrong')
			columnIssues.push({
				column: column.letter,
				header: hashtag ?? header,
				message: m.needs_error_column_hashtag(
					{ hashtag: hashtag ?? header, expected: expectedHashtags(sexAgeGroups, parsed!.tag) },
					{ locale }
				)
			});
		return column;
	});
	const index = new Map<string, number>();
	columns.forEach((c, i) => {
		if (!c.meaning) return;
		const key = meaningKey(c.meaning);
		const first = index.get(key);
		if (first === undefined) index.set(key, i);
		else
			columnIssues.push({
				column: c.letter,
				header: c.hashtag ?? c.header,
				message: m.needs_error_column_twice({ other: columns[first]!.letter }, { locale })
			});
	});
	const at = (meaning: ColumnMeaning) => index.get(meaningKey(meaning)) ?? null;
	const [adm1, adm2] = [at({ kind: 'adm1-code' }), at({ kind: 'adm2-code' })];
	const group = at({ kind: 'group-code' }) ?? at({ kind: 'group-name' });
	const counts = columns.flatMap((c, i) => (c.meaning?.kind === 'count' ? [{ i, ...c.meaning }] : []));
	const missing =
		adm1 === null && adm2 === null
			? m.needs_error_file_no_place({}, { locale })
			: group === null
				? m.needs_error_file_no_group({}, { locale })
				: counts.length === 0
					? m.needs_error_file_no_counts({ example: expectedHashtags(sexAgeGroups, '#inneed') }, { locale })
					: null;
	const candidates: ImportCandidate[] = [];
	if (!missing)
		table.rows.forEach((row, r) => {
			const cell = (i: number | null) => (i === null ? '' : (row[i] ?? '').trim());
			const [region, district] = [cell(adm1), cell(adm2)];
			const parts: Record<Part, Record<string, string>> = { inNeed: {}, targeted: {} };
			for (const c of counts) parts[c.part][c.code] = cell(c.i);
			candidates.push({
				line: table.firstDataRow + r + 1,
				pcode: district || region,
				group: cell(group),
				region: district && region ? region : null,
				fromAdm2: district !== '',
				...parts
			});
		});
	return { columns, columnIssues, missing, candidates, columnOf: at };
}

function meaningKey(meaning: ColumnMeaning): string {
	return 'part' in meaning
		? `${meaning.kind}:${meaning.part}:${'code' in meaning ? meaning.code : ''}`
		: meaning.kind;
}

/** What a tagged column holds; 'wrong' for a count that no sex and age group of the plan matches. */
function meaningOfHashtag(tag: Hashtag, sexAgeGroups: SexAgeGroup[]): ColumnMeaning | 'wrong' | null {
	const has = (a: string) => tag.attributes.includes(a);
	switch (tag.tag) {
		case '#adm1':
		case '#adm2': {
			const level = tag.tag === '#adm1' ? 'adm1' : 'adm2';
			return { kind: has('code') ? `${level}-code` : `${level}-name` };
		}
		case '#population':
			if (!has('type')) return null;
			return { kind: has('name') ? 'group-name' : 'group-code' };
		case '#meta':
			return has('source') ? { kind: 'source' } : null;
		case '#date':
			return { kind: 'source-date' };
	}
	const part = (Object.keys(COUNT_TAGS) as Part[]).find((p) => COUNT_TAGS[p] === tag.tag);
	if (!part) return null;
	const attributes = tag.attributes.filter((a) => !NEUTRAL.has(a));
	if (attributes.length === 0 || (attributes.length === 1 && attributes[0] === 'total'))
		return { kind: 'total', part };
	const group = sexAgeGroups.find(
		(g) => g.hxl.length === attributes.length && g.hxl.every((a) => attributes.includes(a.toLowerCase()))
	);
	return group ? { kind: 'count', part, code: group.code } : 'wrong';
}

/** Headers as our exports write them, in every language. */
function headerIndex(sexAgeGroups: SexAgeGroup[]): Map<string, ColumnMeaning> {
	const index = new Map<string, ColumnMeaning>();
	for (const column of needsColumns(sexAgeGroups))
		for (const locale of locales) index.set(foldName(column.header(locale)), column.meaning);
	return index;
}

function expectedHashtags(sexAgeGroups: SexAgeGroup[], tag: string): string {
	const base = tag === '#targeted' ? '#targeted' : '#inneed';
	return sexAgeGroups.map((g) => [base, ...g.hxl].join('+')).join(', ');
}
