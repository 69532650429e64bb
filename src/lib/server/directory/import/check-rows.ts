import type { z } from 'zod';
import type { Locale } from '../../i18n';
import type { Actor } from '../../access/actor';
import { editableOrganisations, editsOrganisation } from '../../access/policy';
import { ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import type { Sheet } from '../../spreadsheets/read-table';
import { ORGANISATION_TYPES } from '../../db/schema';
import { organisationInput, personInput } from '../schema';
import { foldText, type ImportField } from './fields';
import { emailDomainsFromText, languageCodes, organisationTypeFromText, websiteFromText } from './read-cells';
import type { Column, Layout, Mapping } from './map-columns';
import { organisationTypeLabel } from '$lib/organisation-labels';
import { m } from '$lib/paraglide/messages';

/** A problem with one cell (or one row), located as the user finds it in their spreadsheet. */
export interface RowError {
	/** Row number as the spreadsheet shows it, from 1, header rows counted. */
	row: number;
	/** Column letter, or null when the problem is with the row as a whole. */
	column: string | null;
	/** The column's header (or hashtag) as written in the file. */
	header: string | null;
	field: string | null;
	message: string;
}

export type OrganisationValues = z.output<typeof organisationInput>;
export type PersonValues = z.output<typeof personInput>;

/** A row that passed every check, ready to be written. */
export interface CheckedRow<T> {
	row: number;
	values: T;
}

export interface CheckedRows<T> {
	/** Data rows read (blank rows are not counted). */
	total: number;
	valid: CheckedRow<T>[];
	errors: RowError[];
	/** Rows with at least one error. */
	invalidRows: number;
}

/** What one row says, field by field, with where each value came from. */
interface RowReader {
	row: number;
	get(key: string): string;
	fail(key: string | null, message: string): void;
}

/** Walks the data rows, skipping blank ones, and collects each row's errors. */
function eachRow<T>(
	sheet: Sheet,
	layout: Layout,
	mapping: Mapping,
	check: (row: RowReader) => T | null
): CheckedRows<T> {
	const result: CheckedRows<T> = { total: 0, valid: [], errors: [], invalidRows: 0 };
	const columnOf = (key: string | null): Column | null => {
		const index = key === null ? null : mapping[key];
		return index === null || index === undefined ? null : layout.columns[index]!;
	};
	for (let index = layout.firstDataRow; index < sheet.rows.length; index++) {
		const cells = sheet.rows[index]!;
		if (cells.every((cell) => cell === '')) continue;
		result.total++;
		let failed = false;
		const reader: RowReader = {
			row: index + 1,
			get: (key) => {
				const column = columnOf(key);
				return column ? (cells[column.index] ?? '') : '';
			},
			fail: (key, message) => {
				failed = true;
				const column = columnOf(key);
				result.errors.push({
					row: index + 1,
					column: column?.letter ?? null,
					header: column ? column.header || column.hashtag : null,
					field: key,
					message
				});
			}
		};
		const values = check(reader);
		if (failed || values === null) result.invalidRows++;
		else result.valid.push({ row: index + 1, values });
	}
	return result;
}

/** Validates with the form's own schema, reporting each problem on the field (column) it is about. */
function parseRow<S extends z.ZodType>(
	schema: S,
	input: Record<string, unknown>,
	row: RowReader,
	fieldOf: (path: string) => string,
	locale: Locale
): z.output<S> | null {
	try {
		return parseInput(schema, input, locale);
	} catch (error) {
		if (!(error instanceof ValidationError)) throw error;
		const seen = new Set<string>();
		for (const { path, message } of error.errors) {
			const key = fieldOf(path.split('.')[0]!);
			if (seen.has(`${key}\n${message}`)) continue;
			seen.add(`${key}\n${message}`);
			row.fail(key, message);
		}
		return null;
	}
}

/** Text of an optional field: absent from the file or blank is "no value", as in a form. */
const optional = (text: string) => (text === '' ? null : text);

export interface OrganisationChecks {
	/** The P-codes of the file that name a stored place. */
	knownPcodes: Set<string>;
}

/** The P-codes a row lists, as the schema will read them. */
export function pcodesOf(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.filter(Boolean)
		.map((code) => code.toUpperCase());
}

export function checkOrganisationRows(
	sheet: Sheet,
	layout: Layout,
	mapping: Mapping,
	checks: OrganisationChecks,
	locale: Locale
): CheckedRows<OrganisationValues> {
	const firstRowByName = new Map<string, number>();
	const typeList = ORGANISATION_TYPES.map((type) => organisationTypeLabel(type, locale)).join(', ');
	const has = (key: string) => mapping[key] !== null && mapping[key] !== undefined;
	return eachRow(sheet, layout, mapping, (row) => {
		const typeText = row.get('type');
		const type = typeText === '' ? null : organisationTypeFromText(typeText);
		if (typeText !== '' && type === null)
			row.fail('type', m.imports_error_type({ value: typeText, types: typeList }, { locale }));
		const input = {
			name: row.get('name'),
			acronym: optional(row.get('acronym')),
			// An unknown type is reported above, in words that list the types; a missing one by the schema.
			type: type ?? (typeText === '' ? null : 'other'),
			website: optional(websiteFromText(row.get('website'))),
			country: optional(row.get('country')),
			emailDomains: has('emailDomains') ? emailDomainsFromText(row.get('emailDomains')) : undefined,
			address: optional(row.get('address')),
			phone: optional(row.get('phone')),
			places: has('places') ? pcodesOf(row.get('places')) : undefined
		};
		const values = parseRow(organisationInput, input, row, (path) => path, locale);
		if (!values) return null;
		const unknown = [...new Set(values.places ?? [])].filter((code) => !checks.knownPcodes.has(code));
		if (unknown.length)
			row.fail('places', m.directory_error_unknown_pcode({ codes: unknown.join(', ') }, { locale }));
		const key = foldText(values.name);
		const first = firstRowByName.get(key);
		if (first !== undefined) row.fail('name', m.imports_error_duplicate_name({ row: first }, { locale }));
		else firstRowByName.set(key, row.row);
		return values;
	});
}

/** The organisations whose name or acronym (folded) is a value of the file, by the value as written. */
export interface OrganisationNames {
	byName: Map<string, string[]>;
	byAcronym: Map<string, string[]>;
	/** Names for messages, by id. */
	labels: Map<string, string>;
}

export interface PersonChecks {
	organisations: OrganisationNames;
	actor: Actor;
}

/** The organisation a row names by its name and/or acronym: one id, or why there is none. */
function resolveOrganisation(
	names: OrganisationNames,
	name: string,
	acronym: string
): { id: string } | { unknown: string } | { ambiguous: string } | null {
	const lookup = (value: string, first: Map<string, string[]>, second: Map<string, string[]>) =>
		first.get(value) ?? second.get(value) ?? [];
	const given = [
		...(name ? [{ value: name, ids: lookup(name, names.byName, names.byAcronym) }] : []),
		...(acronym ? [{ value: acronym, ids: lookup(acronym, names.byAcronym, names.byName) }] : [])
	];
	if (given.length === 0) return null;
	const found = given.filter((g) => g.ids.length > 0);
	if (found.length === 0) return { unknown: given[0]!.value };
	// Name and acronym together pick the one organisation that has both.
	const both = found.length === 2 ? found[0]!.ids.filter((id) => found[1]!.ids.includes(id)) : [];
	const ids = both.length ? both : found[0]!.ids;
	return ids.length === 1 ? { id: ids[0]! } : { ambiguous: found[0]!.value };
}

export function checkPersonRows(
	sheet: Sheet,
	layout: Layout,
	mapping: Mapping,
	checks: PersonChecks,
	locale: Locale
): CheckedRows<PersonValues> {
	const firstRowByEmail = new Map<string, number>();
	const firstRowByName = new Map<string, number>();
	const has = (key: string) => mapping[key] !== null && mapping[key] !== undefined;
	const organisationField = has('organisation') ? 'organisation' : 'organisationAcronym';
	// A focal point's list of colleagues needs no organisation column: it is their organisation.
	const editable = editableOrganisations(checks.actor);
	const ownOrganisation = editable !== 'all' && editable.length === 1 ? editable[0]! : null;
	return eachRow(sheet, layout, mapping, (row) => {
		const firstName = row.get('firstName');
		const lastName = row.get('name');
		const name = [firstName, lastName].filter(Boolean).join(' ');
		const organisation = resolveOrganisation(
			checks.organisations,
			row.get('organisation'),
			row.get('organisationAcronym')
		);
		let organisationId: string | null = null;
		if (organisation === null) organisationId = ownOrganisation;
		else if ('id' in organisation) organisationId = organisation.id;
		else if ('unknown' in organisation)
			row.fail(
				organisationField,
				m.imports_error_unknown_organisation({ value: organisation.unknown }, { locale })
			);
		else
			row.fail(
				organisationField,
				m.imports_error_ambiguous_organisation({ value: organisation.ambiguous }, { locale })
			);
		if ((organisation === null || 'id' in organisation) && !editsOrganisation(checks.actor, organisationId))
			row.fail(
				organisationId ? organisationField : null,
				organisationId
					? m.imports_error_other_organisation(
							{ organisation: checks.organisations.labels.get(organisationId) ?? '' },
							{ locale }
						)
					: m.imports_error_no_organisation({}, { locale })
			);
		const input = {
			// "Prénom" without "Nom" is not a name: the schema says the name is missing.
			name: lastName === '' ? '' : name,
			jobTitle: optional(row.get('jobTitle')),
			email: optional(row.get('email')),
			phone: optional(row.get('phone')),
			organisationId,
			languages: has('languages') ? languageCodes(row.get('languages')) : undefined
		};
		const values = parseRow(personInput, input, row, (path) => path, locale);
		if (!values) return null;
		const nameKey = `${foldText(values.name)}\n${values.organisationId ?? ''}`;
		const sameEmail = values.email ? firstRowByEmail.get(values.email) : undefined;
		const sameName = firstRowByName.get(nameKey);
		if (sameEmail !== undefined)
			row.fail('email', m.imports_error_duplicate_email({ row: sameEmail }, { locale }));
		else if (sameName !== undefined && !values.email)
			row.fail('name', m.imports_error_duplicate_name({ row: sameName }, { locale }));
		if (values.email && sameEmail === undefined) firstRowByEmail.set(values.email, row.row);
		if (sameName === undefined) firstRowByName.set(nameKey, row.row);
		return values;
	});
}

/** The required fields that no column gives. */
export function missingFields(fields: ImportField[], mapping: Mapping): ImportField[] {
	return fields.filter((f) => f.required && mapping[f.key] === null);
}
