import type { Actor } from '../../access/actor';
import type { Executor } from '../../db/client';
import { ValidationError } from '../../errors';
import type { Locale } from '../../i18n';
import { fileError } from '../../spreadsheets/file-error';
import type { Sheet } from '../../spreadsheets/read-table';
import {
	checkOrganisationRows,
	checkPersonRows,
	missingFields,
	pcodesOf,
	type CheckedRows,
	type OrganisationValues,
	type PersonValues
} from './check-rows';
import { displayHashtag, fieldsOf, type DirectoryImportKind, type ImportField } from './fields';
import {
	findKnownPcodes,
	findOrganisationsNamed,
	matchOrganisations,
	matchPeople,
	type Match
} from './find-matches';
import {
	applyChoices,
	guessMapping,
	readLayout,
	type Column,
	type Layout,
	type Mapping
} from './map-columns';
import type { importOptions } from './schema';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** The whole directory of a large response (50,000 people) fits in one file. */
export const MAX_IMPORT_ROWS = 50_000;

/** A staged file read against the directory as it is now: its columns, its checked rows, their matches. */
export type Plan = PlanBase &
	(
		| { kind: 'organisations'; checked: CheckedRows<OrganisationValues> }
		| { kind: 'people'; checked: CheckedRows<PersonValues> }
	);

export interface PlanBase {
	actor: Actor;
	sheetIndex: number;
	layout: Layout;
	fields: ImportField[];
	mapping: Mapping;
	missing: ImportField[];
	matches: Map<number, Match[]>;
}

/**
 * Reads the chosen sheet of a file: finds its columns, checks every row and looks up, in a few
 * bulk queries, the places, organisations and stored records the rows name or may duplicate.
 */
export async function planImport(
	db: Executor,
	actor: Actor,
	kind: DirectoryImportKind,
	sheets: Sheet[],
	choices: z.output<typeof importOptions>,
	locale: Locale
): Promise<Plan> {
	const fields = fieldsOf(kind);
	const sheetIndex = chooseSheet(sheets, fields, choices.sheet, locale);
	const sheet = sheets[sheetIndex]!;
	const layout = readLayout(sheet, fields);
	const mapping = applyChoices(
		guessMapping(layout.columns, fields),
		choices.mapping ?? undefined,
		layout.columns,
		locale
	);
	if (Object.values(mapping).every((column) => column === null))
		throw noColumns(layout.columns, fields, locale);
	const dataRows = sheet.rows.length - layout.firstDataRow;
	if (sheet.rows.slice(layout.firstDataRow).every((row) => row.every((cell) => cell === '')))
		throw fileError(m.imports_error_no_rows({ row: layout.firstDataRow }, { locale }));
	if (dataRows > MAX_IMPORT_ROWS)
		throw fileError(m.imports_error_too_many_rows({ count: dataRows, max: MAX_IMPORT_ROWS }, { locale }));
	const missing = missingFields(fields, mapping);
	const base = { actor, sheetIndex, layout, fields, mapping, missing };
	if (missing.length) {
		const filled = sheet.rows.slice(layout.firstDataRow).filter((row) => row.some((cell) => cell !== ''));
		const nothing = { total: filled.length, valid: [], errors: [], invalidRows: 0 };
		return { ...base, kind, checked: nothing, matches: new Map() } as Plan;
	}
	const column = (key: string) => (row: string[]) =>
		mapping[key] === null ? '' : (row[mapping[key]!] ?? '');
	const data = sheet.rows.slice(layout.firstDataRow);
	if (kind === 'organisations') {
		const knownPcodes = await findKnownPcodes(
			db,
			data.flatMap((row) => pcodesOf(column('places')(row)))
		);
		const checked = checkOrganisationRows(sheet, layout, mapping, { knownPcodes }, locale);
		return { ...base, kind, checked, matches: await matchOrganisations(db, checked.valid) };
	}
	const organisations = await findOrganisationsNamed(db, [
		...data.map(column('organisation')),
		...data.map(column('organisationAcronym'))
	]);
	const checked = checkPersonRows(sheet, layout, mapping, { organisations, actor }, locale);
	return { ...base, kind, checked, matches: await matchPeople(db, checked.valid) };
}

/** The sheet the user chose, or the one whose columns are best recognised (the first on a tie). */
function chooseSheet(
	sheets: Sheet[],
	fields: ImportField[],
	chosen: number | undefined,
	locale: Locale
): number {
	if (chosen !== undefined) {
		if (chosen > sheets.length)
			throw new ValidationError([
				{
					path: 'sheet',
					message: m.imports_error_unknown_sheet({ sheet: chosen, count: sheets.length }, { locale })
				}
			]);
		return chosen - 1;
	}
	let best = 0;
	let bestCount = -1;
	sheets.forEach((sheet, index) => {
		const mapping = guessMapping(readLayout(sheet, fields).columns, fields);
		const count = Object.values(mapping).filter((c) => c !== null).length;
		if (count > bestCount) [best, bestCount] = [index, count];
	});
	return best;
}

function noColumns(columns: Column[], fields: ImportField[], locale: Locale) {
	const expected = fields
		.map((f) => `${f.label({}, { locale })}${f.hashtags[0] ? ` (${displayHashtag(f)})` : ''}`)
		.join(', ');
	const found = columns
		.map((c) => c.header || c.hashtag)
		.filter(Boolean)
		.slice(0, 12)
		.join(', ');
	return fileError(m.imports_error_no_columns({ expected, found: found || '—' }, { locale }));
}

export function missingMessage(field: ImportField, locale: Locale) {
	return m.imports_error_missing_column({ field: field.label({}, { locale }) }, { locale });
}
