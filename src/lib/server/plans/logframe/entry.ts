/** A row of a logframe file as read, and what it names: the vocabulary of validate.ts and write.ts. */
import type { Disaggregation, IndicatorUnit, PeriodRule, PlaceRule } from '../../db/schema';
import type { Locale } from '../../i18n';
import type { Level } from '../framework/codes';
import type { FileRow } from './read';
import type { StoredItem } from './state';
import { m } from '$lib/paraglide/messages';

export interface IndicatorValues {
	unit: IndicatorUnit;
	periodRule: PeriodRule;
	placeRule: PlaceRule;
	disaggregation: Disaggregation;
	baseline: number | null;
	target: number | null;
}

/** What a row names: an item of the framework, or another row of the file that creates one. */
export type Ref = { stored: StoredItem } | { entry: Entry };

/** A row of the file, read: an item it updates (`stored`) or creates. */
export interface Entry {
	row: number;
	source: FileRow;
	level: Level;
	stored: StoredItem | null;
	/** The temporary code other new rows name it by. */
	label: string | null;
	parent: Ref | null;
	also: Ref[];
	titleFr: string;
	titleEn: string | null;
	indicator: IndicatorValues | null;
	/** For each place column of the file: the target, or null for none. */
	targets: Map<string, number | null>;
	/** The code a new item will have, and where it goes among its siblings. */
	code: string;
	number: number;
	position: number;
	/** Fields an update changes, as the plan's versions record them. */
	changes: Change[];
}

export interface Change {
	field: string;
	before: unknown;
	after: unknown;
}

export function levelOf(ref: Ref): Level {
	return 'stored' in ref ? ref.stored.level : ref.entry.level;
}

export function codeOf(ref: Ref): string {
	return 'stored' in ref ? ref.stored.code : ref.entry.code;
}

export function keyOf(ref: Ref): string {
	return 'stored' in ref ? ref.stored.id : `row:${ref.entry.row}`;
}

/** "an activity", "un objectif du cluster": a level inside a sentence. */
export function withArticle(level: Level, locale: Locale): string {
	const words = {
		'strategic-objective': m.logframe_a_strategic,
		'cluster-objective': m.logframe_a_cluster,
		activity: m.logframe_a_activity,
		indicator: m.logframe_a_indicator
	};
	return words[level]({}, { locale });
}
