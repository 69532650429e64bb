/**
 * The columns of a needs file, written by exports and read by imports: the place by P-code (and
 * name), the population group, and the in-need and targeted counts by sex and age group, each with
 * its header in French and English and its HXL hashtag (`#inneed +f +children`), so that a file
 * exported in either language, or tagged by another tool, reads back.
 */
import type { SexAgeGroup } from '../../db/schema';
import type { Locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import type { Part } from './check-rows';

export type ColumnMeaning =
	| { kind: 'adm1-code' | 'adm1-name' | 'adm2-code' | 'adm2-name' | 'group-code' | 'group-name' }
	| { kind: 'source' | 'source-date' }
	| { kind: 'count'; part: Part; code: string }
	| { kind: 'total'; part: Part };

export interface NeedsColumn {
	meaning: ColumnMeaning;
	hashtag: string;
	header: (locale: Locale) => string;
}

const TAGS: Record<Part, string> = { inNeed: '#inneed', targeted: '#targeted' };

function partName(part: Part, locale: Locale) {
	return (part === 'inNeed' ? m.needs_in_need : m.needs_targeted)({}, { locale });
}

export function needsColumns(sexAgeGroups: SexAgeGroup[]): NeedsColumn[] {
	const fixed = (
		kind: Extract<ColumnMeaning, { kind: string }>['kind'],
		hashtag: string,
		header: NeedsColumn['header']
	) => ({
		meaning: { kind } as ColumnMeaning,
		hashtag,
		header
	});
	const counts = (part: Part): NeedsColumn[] => [
		...sexAgeGroups.map((g) => ({
			meaning: { kind: 'count' as const, part, code: g.code },
			hashtag: [TAGS[part], ...g.hxl].join(' +'),
			header: (locale: Locale) => `${partName(part, locale)} — ${locale === 'en' ? g.nameEn : g.nameFr}`
		})),
		{
			meaning: { kind: 'total', part },
			hashtag: `${TAGS[part]} +total`,
			header: (locale: Locale) => `${partName(part, locale)} — ${m.needs_total({}, { locale })}`
		}
	];
	return [
		fixed('adm1-code', '#adm1 +code', (locale) => m.needs_column_adm1_code({}, { locale })),
		fixed('adm1-name', '#adm1 +name', (locale) => m.needs_column_adm1_name({}, { locale })),
		fixed('adm2-code', '#adm2 +code', (locale) => m.needs_column_adm2_code({}, { locale })),
		fixed('adm2-name', '#adm2 +name', (locale) => m.needs_column_adm2_name({}, { locale })),
		fixed('group-code', '#population +type +code', (locale) => m.needs_column_group_code({}, { locale })),
		fixed('group-name', '#population +type +name', (locale) => m.needs_column_group_name({}, { locale })),
		...counts('inNeed'),
		...counts('targeted'),
		fixed('source', '#meta +source', (locale) => m.needs_column_source({}, { locale })),
		fixed('source-date', '#date +reported', (locale) => m.needs_column_source_date({}, { locale }))
	];
}

export { TAGS as COUNT_TAGS };
