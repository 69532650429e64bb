import type { Geometry } from 'geojson';
import type { Locale } from '../i18n';
import { ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import type { PlaceColumns } from './columns';
import { isPcode, MAX_LEVEL, normalisePcode } from './pcode';

export type PlaceListFormat = 'table' | 'geojson';

/** One place as a file lists it, checked for form but not yet against the other places. */
export interface ListedPlace {
	/** Where the user finds it: the row of the sheet, or the number of the GeoJSON feature. */
	row: number;
	pcode: string;
	name: string;
	/** As written; resolved against the file and the stored places later. */
	parentPcode: string | null;
	/** Null when the file does not say: one below the parent. */
	level: number | null;
	validFrom: string | null;
	/** The boundary as imported (GeoJSON only). */
	geometry?: Geometry | null;
	/** The same, simplified for display. */
	displayGeometry?: Geometry | null;
}

/** A P-code list read from a file, waiting in `import_upload` between preview and confirmation. */
export interface PlaceList {
	format: PlaceListFormat;
	filename: string;
	columns: PlaceColumns;
	places: ListedPlace[];
}

/** A user may fix many rows at once: say up to this many problems, not just the first. */
const MAX_PROBLEMS = 20;

/**
 * Problems found in a file, each naming its row (or feature) and column (or property), collected
 * so that the user sees them together; `throwIfAny` ends the import with all of them.
 */
export class ProblemList {
	private readonly messages: string[] = [];
	private more = 0;

	constructor(
		private readonly format: PlaceListFormat,
		private readonly locale: Locale
	) {}

	add(row: number, column: string | null, problem: string) {
		if (this.messages.length >= MAX_PROBLEMS) {
			this.more++;
			return;
		}
		const { locale } = this;
		const message =
			this.format === 'geojson'
				? column === null
					? m.places_error_at_feature({ row, problem }, { locale })
					: m.places_error_at_feature_property({ row, column, problem }, { locale })
				: column === null
					? m.places_error_at_row({ row, problem }, { locale })
					: m.places_error_at_row_column({ row, column, problem }, { locale });
		this.messages.push(message);
	}

	get size() {
		return this.messages.length + this.more;
	}

	throwIfAny() {
		if (this.size === 0) return;
		const messages = [...this.messages];
		if (this.more) messages.push(m.places_error_more({ count: this.more }, { locale: this.locale }));
		throw new ValidationError(messages.map((message) => ({ path: 'file', message })));
	}
}

/** The cells of one row or the properties of one feature, as text. */
export type CellReader = (column: string | null) => string;

/**
 * Reads one place from its cells, checking what needs no other row: a P-code of the right form,
 * a name, a level that is a whole number. Returns null (and records why) when the place is unusable.
 */
export function readListedPlace(
	row: number,
	cell: CellReader,
	columns: PlaceColumns,
	problems: ProblemList,
	locale: Locale
): ListedPlace | null {
	const before = problems.size;
	const pcode = readPcode(cell(columns.pcode), columns.pcode, row, problems, locale, true);
	const parentPcode = columns.parent
		? readPcode(cell(columns.parent), columns.parent, row, problems, locale, false)
		: null;
	const name = cell(columns.name).replace(/\s+/g, ' ');
	if (!name) problems.add(row, columns.name, m.places_problem_name_missing({}, { locale }));
	else if (name.length > 200)
		problems.add(row, columns.name, m.places_problem_name_long({ max: 200 }, { locale }));
	const level = columns.level ? readLevel(cell(columns.level), columns.level, row, problems, locale) : null;
	if (pcode && parentPcode === pcode) {
		problems.add(row, columns.parent, m.places_problem_parent_self({ pcode }, { locale }));
	}
	if (problems.size > before || !pcode) return null;
	const validFrom = columns.validFrom ? cell(columns.validFrom).slice(0, 40) || null : null;
	return { row, pcode, name, parentPcode, level: level ?? columns.impliedLevel, validFrom };
}

function readPcode(
	text: string,
	column: string,
	row: number,
	problems: ProblemList,
	locale: Locale,
	required: boolean
): string | null {
	const value = normalisePcode(text);
	if (!value) {
		if (required) problems.add(row, column, m.places_problem_pcode_missing({}, { locale }));
		return null;
	}
	if (!isPcode(value)) {
		problems.add(row, column, m.places_problem_pcode_malformed({ value: text.trim() }, { locale }));
		return null;
	}
	return value;
}

function readLevel(text: string, column: string, row: number, problems: ProblemList, locale: Locale) {
	const value = text.trim();
	if (!value) return null;
	// Spreadsheets sometimes write a whole number as "2.0".
	const level = /^\d+(\.0+)?$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
	if (!Number.isInteger(level) || level > MAX_LEVEL) {
		problems.add(row, column, m.places_problem_level({ value, max: MAX_LEVEL }, { locale }));
		return null;
	}
	return level;
}

/** The same P-code twice in one file: the second row is the mistake, named with the first. */
export function checkDuplicates(
	places: ListedPlace[],
	columns: PlaceColumns,
	problems: ProblemList,
	locale: Locale
) {
	const seen = new Map<string, number>();
	for (const place of places) {
		const first = seen.get(place.pcode);
		if (first === undefined) seen.set(place.pcode, place.row);
		else
			problems.add(
				place.row,
				columns.pcode,
				m.places_problem_duplicate({ pcode: place.pcode, first }, { locale })
			);
	}
}
