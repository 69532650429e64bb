/**
 * Reads a logframe file against the framework as it is: what each row creates or changes, or every
 * mistake with its row and column. Nothing is written here, and a file with a single mistake is
 * refused whole, so the plan never holds half an import.
 */
import type { Locale } from '../../i18n';
import { sameValue } from '../changes';
import {
	LEVELS,
	activityCode,
	indicatorCode,
	objectiveCode,
	parseCode,
	strategicCode,
	type Level
} from '../framework/codes';
import { fold, splitCodes } from './columns';
import { codeOf, keyOf, levelOf, withArticle, type Change, type Entry, type Ref } from './entry';
import {
	cellOf,
	type FileColumn,
	type FileRow,
	type LogframeFile,
	type PlaceColumn,
	type Problem
} from './read';
import { RowReader } from './read-row';
import type { FrameworkState, StoredItem } from './state';
import { levelLabel } from '$lib/plan-labels';
import { m } from '$lib/paraglide/messages';

export type { Change, Entry, IndicatorValues, Ref } from './entry';
export { codeOf, levelOf } from './entry';

export interface LogframePlan {
	entries: Entry[];
	creates: Entry[];
	updates: Entry[];
	unchanged: number;
	/** Items of the framework the file does not name: kept as they are. */
	kept: number;
	places: PlaceColumn[];
	ignored: FileColumn[];
	problems: Problem[];
	/** The plan revision the file was exported at, when it says. */
	fileRevision: number | null;
}

export interface PlanContext {
	planId: string;
	clusterCode: string;
	countryId: string;
	/** May change the plan's strategic objectives. */
	editsPlan: boolean;
	locale: Locale;
}

export function planLogframe(state: FrameworkState, file: LogframeFile, context: PlanContext): LogframePlan {
	const check = new Checker(state, file, context);
	return check.run();
}

class Checker {
	readonly problems: Problem[];
	readonly places: PlaceColumn[];
	readonly entries: Entry[] = [];
	readonly labels = new Map<string, Entry>();
	private readonly reader: RowReader;
	private readonly l: { locale: Locale };

	constructor(
		readonly state: FrameworkState,
		readonly file: LogframeFile,
		readonly context: PlanContext
	) {
		this.problems = [...file.problems];
		this.l = { locale: context.locale };
		this.places = file.places.filter((place) => {
			if (state.places.has(place.pcode)) return true;
			this.problems.push({
				row: null,
				column: place,
				message: m.logframe_error_pcode({ pcode: place.pcode }, this.l)
			});
			return false;
		});
		this.reader = new RowReader(state, file, this.places, this.problems, context.locale);
	}

	run(): LogframePlan {
		const fileRevision = this.checkMeta();
		if (fileRevision !== 'other') {
			const seen = new Map<string, number>();
			for (const row of this.file.rows) {
				const entry = this.reader.readRow(row);
				if (entry) this.register(entry, seen);
			}
			for (const entry of this.entries) this.resolve(entry);
			this.checkDuplicates();
			if (this.problems.length === 0) {
				this.number();
				for (const entry of this.entries) if (entry.stored) entry.changes = this.changesOf(entry);
				this.checkStrategic();
			}
		}
		const stored = this.entries.filter((e) => e.stored);
		return {
			entries: this.entries,
			creates: this.entries.filter((e) => !e.stored),
			updates: stored.filter((e) => e.changes.length > 0),
			unchanged: stored.filter((e) => e.changes.length === 0).length,
			kept: this.state.items.length - stored.length,
			places: this.places,
			ignored: this.file.ignored,
			problems: this.problems,
			fileRevision: typeof fileRevision === 'number' ? fileRevision : null
		};
	}

	/** A file of another plan or cluster would update the wrong items: refused before anything else. */
	private checkMeta(): number | null | 'other' {
		const { meta } = this.file;
		if (meta.planId && meta.planId.toLowerCase() !== this.context.planId) {
			this.problems.push({ row: null, column: null, message: m.logframe_error_other_plan({}, this.l) });
			return 'other';
		}
		if (meta.cluster && meta.cluster.toUpperCase() !== this.context.clusterCode.toUpperCase()) {
			this.problems.push({
				row: null,
				column: null,
				message: m.logframe_error_other_cluster({ cluster: meta.cluster }, this.l)
			});
			return 'other';
		}
		const revision = Number(meta.revision);
		return meta.revision && Number.isInteger(revision) && revision >= 0 ? revision : null;
	}

	private register(entry: Entry, seen: Map<string, number>) {
		const key = entry.stored?.code ?? entry.label;
		if (key) {
			const first = seen.get(key);
			if (first !== undefined) {
				this.problems.push({
					row: entry.row,
					column: this.file.columns.code ?? null,
					message: m.logframe_error_code_duplicate({ code: key, row: first }, this.l)
				});
				return;
			}
			seen.set(key, entry.row);
			if (entry.label && !entry.stored) this.labels.set(entry.label, entry);
		}
		this.entries.push(entry);
	}

	private find(code: string): Ref | null {
		const entry = this.labels.get(code);
		if (entry) return { entry };
		const stored = this.state.byCode.get(code);
		return stored ? { stored } : null;
	}

	private resolve(entry: Entry) {
		const row = entry.source;
		const index = LEVELS.indexOf(entry.level);
		const expected = index > 0 ? LEVELS[index - 1]! : null;
		const parentText = cellOf(this.file, row, 'parent').toUpperCase();
		if (!expected) {
			if (parentText) this.reader.problem(row, 'parent', m.logframe_error_no_parent({}, this.l));
		} else if (!parentText)
			this.reader.problem(
				row,
				'parent',
				m.logframe_error_parent_missing({ expected: withArticle(expected, this.context.locale) }, this.l)
			);
		else {
			const parent = this.find(parentText);
			if (!parent)
				this.reader.problem(row, 'parent', m.logframe_error_parent_unknown({ code: parentText }, this.l));
			else if (levelOf(parent) !== expected)
				this.reader.problem(
					row,
					'parent',
					m.logframe_error_parent_level(
						{
							code: parentText,
							found: withArticle(levelOf(parent), this.context.locale),
							expected: withArticle(expected, this.context.locale)
						},
						this.l
					)
				);
			else if (entry.stored && !('stored' in parent && parent.stored.id === entry.stored.parentId)) {
				const current = this.state.byId.get(entry.stored.parentId!)!.code;
				this.reader.problem(
					row,
					'parent',
					m.logframe_error_moved({ code: entry.stored.code, current }, this.l)
				);
			} else entry.parent = parent;
		}
		this.resolveAlso(entry, row, expected);
	}

	private resolveAlso(entry: Entry, row: FileRow, expected: Level | null) {
		const codes = splitCodes(cellOf(this.file, row, 'also'));
		if (codes.length === 0) return;
		if (!expected || entry.level === 'indicator') {
			this.reader.problem(row, 'also', m.logframe_error_also_none({}, this.l));
			return;
		}
		const plural = levelLabel(expected, this.context.locale).toLowerCase();
		const ids = new Set<string>();
		for (const code of codes) {
			const ref = this.find(code);
			if (!ref) this.reader.problem(row, 'also', m.logframe_error_code_missing({ code }, this.l));
			else if (levelOf(ref) !== expected)
				this.reader.problem(
					row,
					'also',
					m.logframe_error_also_level(
						{ code, found: withArticle(levelOf(ref), this.context.locale), expected: plural },
						this.l
					)
				);
			else if (!ids.has(keyOf(ref)) && (!entry.parent || keyOf(ref) !== keyOf(entry.parent))) {
				ids.add(keyOf(ref));
				entry.also.push(ref);
			}
		}
	}

	/**
	 * Two new rows with the same level, parent and title are one item typed twice; a new row with
	 * the title of an item already under that parent is most likely that item without its code.
	 */
	private checkDuplicates() {
		const finalTitles = new Map<string, StoredItem>();
		const named = new Map(this.entries.filter((e) => e.stored).map((e) => [e.stored!.id, e]));
		for (const item of this.state.items) {
			const title = named.get(item.id)?.titleFr ?? item.titleFr;
			finalTitles.set(`${item.level}/${item.parentId ?? 'plan'}/${fold(title)}`, item);
		}
		const firstRows = new Map<string, number>();
		for (const entry of this.entries) {
			if (entry.stored || (entry.level !== 'strategic-objective' && !entry.parent) || !entry.titleFr)
				continue;
			const key = `${entry.level}/${entry.parent ? keyOf(entry.parent) : 'plan'}/${fold(entry.titleFr)}`;
			const row = entry.source;
			const twin = finalTitles.get(key);
			const first = firstRows.get(key);
			if (twin)
				this.reader.problem(row, 'titleFr', m.logframe_error_title_exists({ code: twin.code }, this.l));
			else if (first !== undefined)
				this.reader.problem(row, 'titleFr', m.logframe_error_row_duplicate({ row: first }, this.l));
			else firstRows.set(key, entry.row);
		}
	}

	/** New items take the next numbers among their siblings, parents before children. */
	private number() {
		const next = new Map<string, { number: number; position: number }>();
		for (const item of this.state.items) {
			const key = item.parentId ?? 'plan';
			const slot = next.get(key) ?? { number: 0, position: 0 };
			next.set(key, {
				number: Math.max(slot.number, item.number),
				position: Math.max(slot.position, item.position)
			});
		}
		for (const level of LEVELS)
			for (const entry of this.entries) {
				if (entry.stored || entry.level !== level) continue;
				const key = entry.parent ? keyOf(entry.parent) : 'plan';
				const slot = next.get(key) ?? { number: 0, position: 0 };
				const given = this.state.given.get(entry.parent ? codeOf(entry.parent) : '') ?? 0;
				entry.number = Math.max(slot.number, given) + 1;
				entry.position = slot.position + 1;
				next.set(key, { number: entry.number, position: entry.position });
				entry.code = codeFor(level, entry.parent ? codeOf(entry.parent) : '', entry.number);
			}
	}

	private changesOf(entry: Entry): Change[] {
		const item = entry.stored!;
		const codeById = (id: string) => this.state.byId.get(id)!.code;
		const before: Record<string, unknown> = {
			titleFr: item.titleFr,
			titleEn: item.titleEn,
			alsoServes: item.also.map(codeById).sort()
		};
		const after: Record<string, unknown> = {
			titleFr: entry.titleFr,
			titleEn: entry.titleEn,
			alsoServes: entry.also.map(codeOf).sort()
		};
		if (item.level === 'strategic-objective' || item.level === 'indicator') {
			delete before.alsoServes;
			delete after.alsoServes;
		}
		const stored = item.indicator;
		if (stored && entry.indicator) {
			Object.assign(before, {
				unit: stored.unit,
				periodRule: stored.periodRule,
				placeRule: stored.placeRule,
				disaggregation: stored.disaggregation,
				baseline: stored.baseline === null ? null : Number(stored.baseline),
				target: stored.target === null ? null : Number(stored.target)
			});
			Object.assign(after, entry.indicator);
			for (const [pcode, value] of entry.targets) {
				before[`target ${pcode}`] = item.targets?.get(pcode) ?? null;
				after[`target ${pcode}`] = value;
			}
		}
		return Object.keys(after)
			.filter((field) => !sameValue(before[field], after[field]))
			.map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
	}

	/** The plan's own objectives are written only by those who may change the plan. */
	private checkStrategic() {
		if (this.context.editsPlan) return;
		for (const entry of this.entries)
			if (entry.level === 'strategic-objective' && (!entry.stored || entry.changes.length))
				this.problems.push({ row: entry.row, column: null, message: m.logframe_error_strategic({}, this.l) });
	}
}

function codeFor(level: Level, parentCode: string, number: number): string {
	const numbers = parentCode ? parseCode(parentCode)!.numbers : [];
	switch (level) {
		case 'strategic-objective':
			return strategicCode(number);
		case 'cluster-objective':
			return objectiveCode(numbers[0]!, number);
		case 'activity':
			return activityCode(numbers[0]!, numbers[1]!, number);
		case 'indicator':
			return indicatorCode(numbers[0]!, numbers[1]!, numbers[2]!, number);
	}
}
