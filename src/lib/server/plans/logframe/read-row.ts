/**
 * Reads one row of a logframe file: its level, its code (an item of the framework, or a temporary
 * code of a new one), its titles and, for an indicator, its unit, rules and targets — with a
 * problem for each cell the framework cannot take.
 */
import type { IndicatorUnit } from '../../db/schema';
import type { Locale } from '../../i18n';
import { readNumber } from '../schema';
import { parseCode } from '../framework/codes';
import { valueProblem } from '../framework/targets';
import {
	DISAGGREGATION_WORDS,
	INDICATOR_COLUMNS,
	PERIOD_RULE_WORDS,
	PLACE_RULE_WORDS,
	UNITS,
	readLevel,
	type ColumnKey
} from './columns';
import { withArticle, type Entry } from './entry';
import {
	cellOf,
	type FileColumn,
	type FileRow,
	type LogframeFile,
	type PlaceColumn,
	type Problem
} from './read';
import type { FrameworkState } from './state';
import { m } from '$lib/paraglide/messages';

const MAX_TITLE = 500;
/** numeric(16, 2) holds less than 10^14. */
const MAX_VALUE = 1e13;

export class RowReader {
	private readonly l: { locale: Locale };
	private readonly placesById: Map<string, { pcode: string }>;

	constructor(
		readonly state: FrameworkState,
		readonly file: LogframeFile,
		/** The file's place columns whose P-code is a place of the plan's country. */
		readonly places: PlaceColumn[],
		readonly problems: Problem[],
		readonly locale: Locale
	) {
		this.l = { locale };
		this.placesById = new Map([...state.places.values()].map((p) => [p.id, p]));
	}

	problem(row: FileRow, key: ColumnKey | FileColumn, message: string) {
		const column = typeof key === 'string' ? (this.file.columns[key] ?? null) : key;
		this.problems.push({ row: row.row, column, message });
	}

	readRow(row: FileRow): Entry | null {
		const cell = (key: ColumnKey) => cellOf(this.file, row, key);
		const levelText = cell('level');
		const level = readLevel(levelText);
		if (!level) {
			this.problem(
				row,
				'level',
				levelText
					? m.logframe_error_level({ value: levelText }, this.l)
					: m.logframe_error_level_missing({}, this.l)
			);
			return null;
		}
		const entry: Entry = {
			row: row.row,
			source: row,
			level,
			stored: null,
			label: null,
			parent: null,
			also: [],
			titleFr: cell('titleFr'),
			titleEn: cell('titleEn') || null,
			indicator: null,
			targets: new Map(),
			code: '',
			number: 0,
			position: 0,
			changes: []
		};
		this.readCode(row, entry, cell('code').toUpperCase());
		this.readTitles(row, entry);
		if (level === 'indicator') this.readIndicator(row, entry);
		else this.refuseIndicatorCells(row);
		return entry;
	}

	private readCode(row: FileRow, entry: Entry, code: string) {
		if (code === '') return;
		if (!parseCode(code)) {
			entry.label = code;
			return;
		}
		const stored = this.state.byCode.get(code);
		if (!stored) this.problem(row, 'code', m.logframe_error_code_unknown({ code }, this.l));
		else if (stored.level !== entry.level)
			this.problem(
				row,
				'code',
				m.logframe_error_code_level(
					{
						code,
						found: withArticle(stored.level, this.locale),
						level: withArticle(entry.level, this.locale)
					},
					this.l
				)
			);
		else entry.stored = stored;
	}

	private readTitles(row: FileRow, entry: Entry) {
		if (entry.titleFr === '') this.problem(row, 'titleFr', m.logframe_error_title_missing({}, this.l));
		for (const key of ['titleFr', 'titleEn'] as const)
			if ((entry[key] ?? '').length > MAX_TITLE)
				this.problem(row, key, m.logframe_error_too_long({ max: MAX_TITLE }, this.l));
	}

	private refuseIndicatorCells(row: FileRow) {
		const message = m.logframe_error_not_indicator({}, this.l);
		for (const key of INDICATOR_COLUMNS) if (cellOf(this.file, row, key)) this.problem(row, key, message);
		for (const place of this.places) if (row.cells[place.index]) this.problem(row, place, message);
	}

	private readIndicator(row: FileRow, entry: Entry) {
		const unitText = cellOf(this.file, row, 'unit');
		const allowedUnits = UNITS.codes.join(', ');
		const unit = unitText ? UNITS.read(unitText) : null;
		if (!unitText)
			this.problem(row, 'unit', m.logframe_error_unit_missing({ allowed: allowedUnits }, this.l));
		else if (!unit)
			this.problem(row, 'unit', m.logframe_error_value({ value: unitText, allowed: allowedUnits }, this.l));
		const word = <T extends string>(
			key: ColumnKey,
			words: { codes: readonly T[]; read: (t: string) => T | null },
			blank: T
		): T => {
			const text = cellOf(this.file, row, key);
			if (!text) return blank;
			const value = words.read(text);
			if (!value)
				this.problem(
					row,
					key,
					m.logframe_error_value({ value: text, allowed: words.codes.join(', ') }, this.l)
				);
			return value ?? blank;
		};
		const values = {
			periodRule: word('periodRule', PERIOD_RULE_WORDS, 'sum'),
			placeRule: word('placeRule', PLACE_RULE_WORDS, 'sum'),
			disaggregation: word('disaggregation', DISAGGREGATION_WORDS, 'none'),
			baseline: this.readValue(row, 'baseline', unit, cellOf(this.file, row, 'baseline')),
			target: this.readValue(row, 'target', unit, cellOf(this.file, row, 'target'))
		};
		entry.indicator = { unit: unit ?? 'number', ...values };
		for (const place of this.places)
			entry.targets.set(place.pcode, this.readValue(row, place, unit, row.cells[place.index] ?? ''));
		this.checkNesting(row, entry);
	}

	/** A number the unit allows, or null for a blank cell (and for a refused one, with its problem). */
	private readValue(row: FileRow, key: ColumnKey | FileColumn, unit: IndicatorUnit | null, text: string) {
		const value = readNumber(text);
		if (value === undefined) return null;
		if (typeof value !== 'number') {
			this.problem(row, key, m.plans_error_number({}, this.l));
			return null;
		}
		const problem =
			value > MAX_VALUE
				? m.logframe_error_too_large({}, this.l)
				: unit
					? valueProblem(unit, value, this.locale)
					: value < 0
						? m.plans_error_negative({}, this.l)
						: null;
		if (problem) {
			this.problem(row, key, problem);
			return null;
		}
		return Math.round(value * 100) / 100;
	}

	/** A region and one of its cercles with a target each would count the cercle twice. */
	private checkNesting(row: FileRow, entry: Entry) {
		for (const place of this.places) {
			if (entry.targets.get(place.pcode) == null) continue;
			const parent = this.placesById.get(this.state.places.get(place.pcode)!.parentId ?? '');
			if (parent && entry.targets.get(parent.pcode) != null)
				this.problem(
					row,
					place,
					m.framework_error_nested_target({ pcode: place.pcode, parent: parent.pcode }, this.l)
				);
		}
	}
}
