/**
 * The logframe spreadsheet's columns and words. A file is written in the user's language and read
 * in either: a coordinator in Bamako may fill in a file a colleague in Dakar exported in English.
 */
import {
	DISAGGREGATIONS,
	INDICATOR_UNITS,
	PERIOD_RULES,
	PLACE_RULES,
	type Disaggregation,
	type IndicatorUnit,
	type PeriodRule,
	type PlaceRule
} from '../../db/schema';
import type { Locale } from '../../i18n';
import type { Level } from '../framework/codes';
import { disaggregationLabel, ruleLabel, unitLabel } from '$lib/plan-labels';
import { m } from '$lib/paraglide/messages';

type Message = (inputs: object, options: { locale: Locale }) => string;

export const COLUMN_KEYS = [
	'level',
	'code',
	'parent',
	'also',
	'titleFr',
	'titleEn',
	'unit',
	'periodRule',
	'placeRule',
	'disaggregation',
	'baseline',
	'target'
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Columns a file must have; the others may be left out (a file of objectives has no units). */
export const REQUIRED_COLUMNS: ColumnKey[] = ['level', 'code', 'parent', 'titleFr'];

/** Columns that only an indicator's row fills. */
export const INDICATOR_COLUMNS: ColumnKey[] = [
	'unit',
	'periodRule',
	'placeRule',
	'disaggregation',
	'baseline',
	'target'
];

const HEADERS: Record<ColumnKey, Message> = {
	level: m.logframe_column_level,
	code: m.logframe_column_code,
	parent: m.logframe_column_parent,
	also: m.logframe_column_also,
	titleFr: m.logframe_column_title_fr,
	titleEn: m.logframe_column_title_en,
	unit: m.logframe_column_unit,
	periodRule: m.logframe_column_period_rule,
	placeRule: m.logframe_column_place_rule,
	disaggregation: m.logframe_column_disaggregation,
	baseline: m.logframe_column_baseline,
	target: m.logframe_column_target
};

/** Other names people give these columns, folded. */
const ALIASES: Partial<Record<ColumnKey, string[]>> = {
	code: ['codes'],
	parent: ['codeparent', 'parentcode', 'codeduparent'],
	also: ['sertaussi', 'alsoserves', 'autresobjectifs', 'otherobjectives'],
	titleFr: ['titre', 'title', 'titrefr', 'titlefr', 'intitule', 'libelle'],
	titleEn: ['titreen', 'titleen', 'titreanglais', 'englishtitle'],
	unit: ['unite', 'unit', 'units'],
	periodRule: ['periodrule', 'reglemois', 'cumulmois', 'overtime'],
	placeRule: ['placerule', 'reglelieux', 'cumullieux'],
	baseline: ['baseline', 'reference', 'valeurdereference', 'situationdereference'],
	target: ['cible', 'target', 'cibletotale', 'totaltarget']
};

export function columnHeader(key: ColumnKey, locale: Locale): string {
	return HEADERS[key]({}, { locale });
}

/** "Titre (français)", "titre_francais" and "TITRE FRANCAIS" are one name. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

const HEADER_KEYS = new Map<string, ColumnKey>(
	COLUMN_KEYS.flatMap((key) =>
		[
			HEADERS[key]({}, { locale: 'fr' }),
			HEADERS[key]({}, { locale: 'en' }),
			key,
			...(ALIASES[key] ?? [])
		].map((name) => [fold(name), key] as const)
	)
);

/** The column a header names, in either language; null for a P-code or an unknown header. */
export function columnOf(header: string): ColumnKey | null {
	return HEADER_KEYS.get(fold(header)) ?? null;
}

const LEVEL_WORDS: Record<Level, { message: Message; short: string[] }> = {
	'strategic-objective': { message: m.logframe_level_strategic, short: ['SO', 'OS'] },
	'cluster-objective': { message: m.logframe_level_cluster, short: ['CO', 'OC', 'OSC'] },
	activity: { message: m.logframe_level_activity, short: ['A'] },
	indicator: { message: m.logframe_level_indicator, short: ['I'] }
};

/** The short code of a level in every file: SO, CO, A, I. */
export const LEVEL_CODE: Record<Level, string> = {
	'strategic-objective': 'SO',
	'cluster-objective': 'CO',
	activity: 'A',
	indicator: 'I'
};

export function levelWord(level: Level, locale: Locale): string {
	return LEVEL_WORDS[level].message({}, { locale });
}

const LEVELS_BY_WORD = new Map<string, Level>(
	(Object.keys(LEVEL_WORDS) as Level[]).flatMap((level) =>
		[
			levelWord(level, 'fr'),
			levelWord(level, 'en'),
			`${levelWord(level, 'fr')}s`,
			`${levelWord(level, 'en')}s`,
			level,
			...LEVEL_WORDS[level].short
		].map((word) => [fold(word), level] as const)
	)
);

export function readLevel(text: string): Level | null {
	return LEVELS_BY_WORD.get(fold(text)) ?? null;
}

/** A vocabulary of stable codes, each also read by its French or English label or a usual word. */
function vocabulary<T extends string>(
	codes: readonly T[],
	label: (code: T, locale: Locale) => string,
	words: Partial<Record<T, string[]>> = {}
) {
	const byWord = new Map<string, T>(
		codes.flatMap((code) =>
			[code, label(code, 'fr'), label(code, 'en'), ...(words[code] ?? [])].map(
				(w) => [fold(w), code] as const
			)
		)
	);
	byWord.delete('');
	return {
		codes,
		label,
		read: (text: string): T | null => byWord.get(fold(text)) ?? null
	};
}

export const UNITS = vocabulary<IndicatorUnit>(INDICATOR_UNITS, unitLabel, {
	people: ['personne', 'persons', 'person'],
	number: ['nb', 'nombre de'],
	percent: ['pct', 'pourcent', 'percentage'],
	usd: ['dollars', 'dollars us']
});
export const PERIOD_RULE_WORDS = vocabulary<PeriodRule>(PERIOD_RULES, ruleLabel, {
	average: ['moy'],
	max: ['max'],
	latest: ['derniere', 'last']
});
export const PLACE_RULE_WORDS = vocabulary<PlaceRule>(PLACE_RULES, ruleLabel, { average: ['moy'] });
export const DISAGGREGATION_WORDS = vocabulary<Disaggregation>(DISAGGREGATIONS, disaggregationLabel, {
	none: ['non', 'no', 'sans'],
	sex: ['sexe', 'genre', 'gender'],
	'sex-age': ['sexe et age', 'sexe age', 'sex and age', 'age et sexe']
});

/** The read-me's lines that carry what the import checks, named in either language. */
export const META_KEYS = {
	planId: m.logframe_readme_plan_id,
	cluster: m.logframe_readme_cluster,
	revision: m.logframe_readme_revision
} satisfies Record<string, Message>;
export type MetaKey = keyof typeof META_KEYS;

const META_BY_LABEL = new Map<string, MetaKey>(
	(Object.keys(META_KEYS) as MetaKey[]).flatMap((key) =>
		(['fr', 'en'] as const).map((locale) => [fold(META_KEYS[key]({}, { locale })), key] as const)
	)
);

export function metaKeyOf(label: string): MetaKey | null {
	return META_BY_LABEL.get(fold(label)) ?? null;
}

/** Codes in a list cell: "SO1, SO3" or "CO1.2; CO2.1". */
export function splitCodes(text: string): string[] {
	return text
		.split(/[,;\n]/)
		.map((code) => code.trim().toUpperCase())
		.filter(Boolean);
}
