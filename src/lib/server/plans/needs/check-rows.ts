/**
 * The one check of needs figures, whatever brought them (the grid, the API, a file): each count a
 * whole non-negative number, each place an admin1 or admin2 of the plan's country still in use,
 * each population group one of the cluster's, each place and group once. Errors refuse the whole
 * save; people targeted above people in need is only a warning, which the user may confirm.
 */
import type { Executor } from '../../db/client';
import type { SexAgeGroup } from '../../db/schema';
import type { Locale } from '../../i18n';
import { foldName, normalisePcode } from '../../locations/pcode';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { readCount, type CountProblem, type Counts } from './counts';
import { explainPlaces, type PlaceIndex } from './places';
import type { PopulationGroup } from './population-groups';

export const PARTS = ['inNeed', 'targeted'] as const;
export type Part = (typeof PARTS)[number];

export interface Candidate {
	/** The row number the user knows it by (a file's row, a body's index + 1). */
	line: number;
	pcode: string;
	/** A group's code, or its French or English name. */
	group: string;
	inNeed: Record<string, unknown>;
	targeted: Record<string, unknown>;
}

export type IssueField =
	| { kind: 'pcode' }
	| { kind: 'group' }
	| { kind: 'row' }
	/** The admin1 written beside an admin2 that is not in it (files only). */
	| { kind: 'region' }
	| { kind: 'cell'; part: Part; code: string };

export interface NeedIssue {
	/** Index of the candidate. */
	row: number;
	field: IssueField;
	message: string;
}

export interface CheckedRow {
	row: number;
	pcode: string;
	group: string;
	inNeed: Counts;
	targeted: Counts;
}

export interface CheckContext {
	countryId: string;
	places: PlaceIndex;
	groups: PopulationGroup[];
	sexAgeGroups: SexAgeGroup[];
	locale: Locale;
}

export interface CheckResult {
	rows: CheckedRow[];
	errors: NeedIssue[];
	warnings: NeedIssue[];
	/** Rows without a single count, left out. */
	skipped: number;
}

export async function checkRows(
	db: Executor,
	context: CheckContext,
	candidates: Candidate[]
): Promise<CheckResult> {
	const { places, locale } = context;
	const codes = new Set(context.sexAgeGroups.map((g) => g.code));
	const groupOf = groupFinder(context.groups);
	const errors: NeedIssue[] = [];
	const warnings: NeedIssue[] = [];
	const rows: CheckedRow[] = [];
	const unresolved = new Map<string, number[]>();
	const seen = new Map<string, number>();
	let skipped = 0;

	candidates.forEach((candidate, row) => {
		const errorCount = errors.length;
		const fail = (field: IssueField, message: string) => errors.push({ row, field, message });
		const counts = { inNeed: {} as Counts, targeted: {} as Counts };
		for (const part of PARTS)
			for (const [code, raw] of Object.entries(candidate[part] ?? {})) {
				if (!codes.has(code)) {
					fail({ kind: 'cell', part, code }, unknownColumn(code, context));
					continue;
				}
				const read = readCount(raw);
				if ('problem' in read) fail({ kind: 'cell', part, code }, countMessage(read.problem, raw, locale));
				else if (read.value !== null) counts[part][code] = read.value;
			}
		const given = Object.keys(counts.inNeed).length + Object.keys(counts.targeted).length;
		if (given === 0 && errors.length === errorCount) {
			skipped++;
			return;
		}
		const pcode = normalisePcode(candidate.pcode ?? '');
		const place = places.get(pcode);
		if (!pcode) fail({ kind: 'pcode' }, m.needs_error_pcode_missing({}, { locale }));
		else if (!place) unresolved.set(pcode, [...(unresolved.get(pcode) ?? []), row]);
		else if (place.retired)
			fail({ kind: 'pcode' }, m.needs_error_pcode_retired({ pcode, name: place.name }, { locale }));
		const group = groupOf(candidate.group ?? '');
		if (!candidate.group?.trim()) fail({ kind: 'group' }, m.needs_error_group_missing({}, { locale }));
		else if (!group)
			fail(
				{ kind: 'group' },
				m.needs_error_group_unknown(
					{ group: candidate.group, expected: context.groups.map((g) => g.code).join(', ') },
					{ locale }
				)
			);
		if (place && group) {
			const key = `${pcode}/${group.code}`;
			const first = seen.get(key);
			if (first === undefined) seen.set(key, row);
			else fail({ kind: 'row' }, m.needs_error_duplicate({ line: candidates[first]!.line }, { locale }));
		}
		// A row refused for its counts would only add noise by comparing them.
		if (errors.length === errorCount)
			for (const [code, targeted] of Object.entries(counts.targeted)) {
				const inNeed = counts.inNeed[code] ?? 0;
				if (targeted > inNeed)
					warnings.push({
						row,
						field: { kind: 'cell', part: 'targeted', code },
						message: aboveMessage(targeted, inNeed, locale)
					});
			}
		if (errors.length === errorCount && place && group)
			rows.push({ row, pcode, group: group.code, ...counts });
	});

	if (unresolved.size) {
		const reasons = await explainPlaces(db, context.countryId, [...unresolved.keys()]);
		for (const [pcode, at] of unresolved) {
			const message = {
				unknown: m.needs_error_pcode_unknown,
				'other-country': m.needs_error_pcode_other_country,
				level: m.needs_error_pcode_level
			}[reasons.get(pcode) ?? 'unknown']({ pcode }, { locale });
			for (const row of at) errors.push({ row, field: { kind: 'pcode' }, message });
		}
		errors.sort((a, b) => a.row - b.row);
	}
	return { rows, errors, warnings, skipped };
}

/** Finds a group by its code or its French or English name, case and accents aside. */
export function groupFinder(groups: PopulationGroup[]) {
	const index = new Map<string, PopulationGroup>();
	for (const g of groups) for (const key of [g.nameEn, g.nameFr, g.code]) index.set(foldName(key), g);
	return (text: string) => index.get(foldName(text));
}

export function aboveMessage(targeted: number, inNeed: number, locale: Locale): string {
	return m.needs_warning_targeted_above(
		{ targeted: formatNumber(targeted, locale), inNeed: formatNumber(inNeed, locale) },
		{ locale }
	);
}

function countMessage(problem: CountProblem, raw: unknown, locale: Locale): string {
	const value = String(raw);
	return {
		negative: m.needs_error_count_negative,
		decimal: m.needs_error_count_decimal,
		'not-number': m.needs_error_count_not_number,
		'too-large': m.needs_error_count_too_large
	}[problem]({ value }, { locale });
}

function unknownColumn(code: string, context: CheckContext): string {
	return m.needs_error_column_unknown(
		{ code, expected: context.sexAgeGroups.map((g) => g.code).join(', ') },
		{ locale: context.locale }
	);
}
