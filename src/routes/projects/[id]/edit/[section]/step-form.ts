/**
 * A step of the sheet editor as a plain HTML form, and back: `formFromSheet` gives the form's
 * fields for a section of the stored sheet, `inputFromForm` turns what a step posts into that
 * section's input for `updateSheet`, with where each of its paths is shown in the form (an error
 * on `places.2.peopleTargeted` belongs next to the field `people.<place id>`).
 *
 * Field names: general fields by their own names; `share.<cluster>`; `objectiveIds`,
 * `activityIds`, `indicatorIds` (check boxes) and `target.<indicator>.<place>`; `people.<place>`;
 * `b.<population group>.<sex-age code>`; `budgetUsd` and `line.<n>.category|description|amountUsd`;
 * `answers.<question>`; `partnerIds`, `contactIds` (check boxes).
 */
import type { FieldError } from '$lib/server/errors';
import type { Locale } from '$lib/server/i18n';
import type { Sheet } from '$lib/server/projects/sheet';
import type { SheetSection } from '$lib/server/projects/sheet-schema';
import type { Step } from '$lib/server/projects/edit-step';
import { readNumber } from '$lib/server/plans/schema';
import { m } from '$lib/paraglide/messages';
import { list, plainNumber, text, type FormValues } from '$lib/form-values';

export type { FormValues };
export type EditedSection = Exclude<SheetSection, 'attachments'>;

export interface StepInput {
	/** The section's part of the sheet, as `updateSheet` takes it. */
	input: Record<string, unknown>;
	/** Input path (or its start) → the form field an error on it is shown by. */
	fields: Record<string, string>;
	/** What is wrong before the sheet's rules are asked; nothing is saved while there is any. */
	errors: FieldError[];
}

/** How the framework step's items hang together: indicator → activity, activity → objective. */
export type FrameworkParents = Record<string, string>;

/** The framework's items with the item above each, from what the framework step offers. */
export function frameworkParents(choices: Step['choices']): FrameworkParents {
	const parents: FrameworkParents = {};
	if (choices.section !== 'framework') return parents;
	for (const o of choices.objectives)
		for (const a of o.activities) {
			parents[a.id] = o.id;
			for (const i of a.indicators) parents[i.id] = a.id;
		}
	return parents;
}

/** Empty rows the budget step offers below the lines, and how many more a click adds. */
export const SPARE_BUDGET_ROWS = 3;
export const MORE_BUDGET_ROWS = 5;

const blank = (v: unknown) => text(v).trim() === '';

/** The posted keys `prefix.a.b…` as their parts after the prefix, in the order posted. */
function keyed(values: FormValues, prefix: string): { parts: string[]; value: string }[] {
	return Object.keys(values)
		.filter((key) => key.startsWith(`${prefix}.`))
		.map((key) => ({ parts: key.slice(prefix.length + 1).split('.'), value: text(values[key]).trim() }));
}

/** The form's fields for a section of the stored sheet. */
export function formFromSheet(section: EditedSection, sheet: Sheet, locale: Locale): FormValues {
	const num = (v: string | number) => plainNumber(v, locale);
	switch (section) {
		case 'general':
			return {
				titleFr: sheet.titleFr,
				titleEn: sheet.titleEn ?? '',
				objectives: sheet.objectives,
				description: sheet.description,
				startsOn: sheet.startsOn ?? '',
				endsOn: sheet.endsOn ?? '',
				genderAgeMarker: sheet.genderAgeMarker ?? '',
				partnerIds: sheet.partnerIds
			};
		case 'clusters':
			return Object.fromEntries(sheet.clusters.map((c) => [`share.${c.clusterId}`, num(c.sharePercent)]));
		case 'framework':
			return {
				objectiveIds: sheet.objectiveIds,
				activityIds: sheet.activityIds,
				indicatorIds: [...new Set(sheet.targets.map((t) => t.indicatorId))],
				...Object.fromEntries(
					sheet.targets.map((t) => [`target.${t.indicatorId}.${t.locationId}`, num(t.value)])
				)
			};
		case 'places':
			return Object.fromEntries(
				sheet.places.map((p) => [`people.${p.locationId}`, String(p.peopleTargeted)])
			);
		case 'beneficiaries':
			return Object.fromEntries(
				sheet.beneficiaries.flatMap((b) =>
					Object.entries(b.values).map(([code, n]) => [`b.${b.populationGroupId}.${code}`, String(n)])
				)
			);
		case 'budget':
			return {
				budgetUsd: sheet.budgetUsd === null ? '' : num(sheet.budgetUsd),
				rows: String(sheet.budgetLines.length + SPARE_BUDGET_ROWS),
				...Object.fromEntries(
					sheet.budgetLines.flatMap((line, n) => [
						[`line.${n}.category`, line.category],
						[`line.${n}.description`, line.description],
						[`line.${n}.amountUsd`, num(line.amountUsd)]
					])
				)
			};
		case 'questions':
			return Object.fromEntries(
				Object.entries(sheet.answers).map(([id, answer]) => [
					`answers.${id}`,
					answer === null ? '' : typeof answer === 'number' ? num(answer) : answer
				])
			);
		case 'contacts':
			return { contactIds: sheet.contactIds };
	}
}

/** What a step posted, as its section's input. */
export function inputFromForm(
	section: EditedSection,
	values: FormValues,
	{ parents = {}, locale }: { parents?: FrameworkParents; locale: Locale }
): StepInput {
	switch (section) {
		case 'general':
			return {
				input: {
					titleFr: text(values.titleFr),
					titleEn: text(values.titleEn),
					objectives: text(values.objectives),
					description: text(values.description),
					startsOn: text(values.startsOn),
					endsOn: text(values.endsOn),
					genderAgeMarker: text(values.genderAgeMarker),
					partnerIds: unique(list(values.partnerIds))
				},
				fields: { partnerIds: 'partnerIds' },
				errors: []
			};
		case 'clusters':
			return rows(
				'clusters',
				keyed(values, 'share')
					.filter((k) => k.parts.length === 1 && k.value !== '')
					.map((k) => ({
						row: { clusterId: k.parts[0]!, sharePercent: k.value },
						field: `share.${k.parts[0]}`
					})),
				{ clusters: 'clusters' }
			);
		case 'framework':
			return framework(values, parents, locale);
		case 'places':
			return rows(
				'places',
				keyed(values, 'people')
					.filter((k) => k.parts.length === 1 && k.value !== '')
					.map((k) => ({
						row: { locationId: k.parts[0]!, peopleTargeted: k.value },
						field: `people.${k.parts[0]}`
					})),
				{ places: 'places' }
			);
		case 'beneficiaries':
			return beneficiaries(values);
		case 'budget':
			return budget(values);
		case 'questions': {
			const answers = Object.fromEntries(
				keyed(values, 'answers')
					.filter((k) => k.parts.length === 1)
					.map((k) => [k.parts[0]!, k.value])
			);
			return { input: { answers }, fields: {}, errors: [] };
		}
		case 'contacts':
			return {
				input: { contactIds: unique(list(values.contactIds)) },
				fields: { contactIds: 'contactIds' },
				errors: []
			};
	}
}

function unique(ids: string[]) {
	return [...new Set(ids)];
}

/** A list field made of rows, each shown by one form field. */
function rows(
	name: string,
	items: { row: Record<string, unknown>; field: string }[],
	fields: Record<string, string>
): StepInput {
	items.forEach((item, i) => (fields[`${name}.${i}`] = item.field));
	return { input: { [name]: items.map((item) => item.row) }, fields, errors: [] };
}

/**
 * Chosen objectives, activities and indicators, and a target per place for each chosen indicator.
 * Choosing an item counts the items above it (an indicator its activity, an activity its objective);
 * a chosen indicator needs a target in at least one place.
 */
function framework(values: FormValues, parents: FrameworkParents, locale: Locale): StepInput {
	const indicatorIds = unique(list(values.indicatorIds));
	const activityIds = unique([
		...list(values.activityIds),
		...indicatorIds.flatMap((id) => (parents[id] ? [parents[id]] : []))
	]);
	const objectiveIds = unique([
		...list(values.objectiveIds),
		...activityIds.flatMap((id) => (parents[id] ? [parents[id]] : []))
	]);
	const chosen = new Set(indicatorIds);
	const fields: Record<string, string> = { objectiveIds: 'objectiveIds', activityIds: 'activityIds' };
	const targets: Record<string, string>[] = [];
	const withTarget = new Set<string>();
	for (const k of keyed(values, 'target')) {
		const [indicatorId, locationId] = k.parts;
		if (k.parts.length !== 2 || !chosen.has(indicatorId!) || k.value === '') continue;
		fields[`targets.${targets.length}`] = `target.${indicatorId}.${locationId}`;
		targets.push({ indicatorId: indicatorId!, locationId: locationId!, value: k.value });
		withTarget.add(indicatorId!);
	}
	const errors = indicatorIds
		.filter((id) => !withTarget.has(id))
		.map((id) => ({ path: `indicator.${id}`, message: m.projectpage_error_target_needed({}, { locale }) }));
	return { input: { objectiveIds, activityIds, targets }, fields, errors };
}

/** The grid population group × sex and age: a row for each group with at least one figure. */
function beneficiaries(values: FormValues): StepInput {
	const groups = new Map<string, Record<string, string>>();
	for (const k of keyed(values, 'b')) {
		const [groupId, code] = k.parts;
		if (k.parts.length !== 2 || k.value === '') continue;
		groups.set(groupId!, { ...groups.get(groupId!), [code!]: k.value });
	}
	const fields: Record<string, string> = { beneficiaries: 'beneficiaries' };
	const input = [...groups].map(([populationGroupId, cells], i) => {
		fields[`beneficiaries.${i}`] = `b.${populationGroupId}`;
		for (const code of Object.keys(cells))
			fields[`beneficiaries.${i}.values.${code}`] = `b.${populationGroupId}.${code}`;
		return { populationGroupId, values: cells };
	});
	return { input: { beneficiaries: input }, fields, errors: [] };
}

const LINE_FIELDS = ['category', 'description', 'amountUsd'] as const;

/** The budget's lines, in the order of their rows, blank rows left out; and the total as stated. */
function budget(values: FormValues): StepInput {
	const fields: Record<string, string> = { budgetUsd: 'budgetUsd', budgetLines: 'budgetLines' };
	const lines = budgetRowNumbers(values)
		.filter((n) => LINE_FIELDS.some((f) => !blank(values[`line.${n}.${f}`])))
		.map((n, i) => {
			for (const f of LINE_FIELDS) fields[`budgetLines.${i}.${f}`] = `line.${n}.${f}`;
			fields[`budgetLines.${i}`] = `line.${n}.amountUsd`;
			return {
				category: text(values[`line.${n}.category`]),
				description: text(values[`line.${n}.description`]),
				amountUsd: text(values[`line.${n}.amountUsd`])
			};
		});
	return { input: { budgetUsd: text(values.budgetUsd), budgetLines: lines }, fields, errors: [] };
}

/** The numbers of the budget rows posted, in order. */
function budgetRowNumbers(values: FormValues): number[] {
	const numbers = new Set<number>();
	for (const k of keyed(values, 'line')) {
		const n = Number(k.parts[0]);
		if (k.parts.length === 2 && Number.isInteger(n) && n >= 0 && n < 1_000) numbers.add(n);
	}
	return [...numbers].sort((a, b) => a - b);
}

/** How many budget rows the step shows: those posted or stored, and at least the spare ones. */
export function budgetRowCount(values: FormValues): number {
	const posted = budgetRowNumbers(values);
	const asked = Number(text(values.rows)) || 0;
	return Math.min(Math.max(asked, (posted.at(-1) ?? -1) + 1, SPARE_BUDGET_ROWS), 250);
}

/** A typed number as the sheet reads it ("1 234,5" → 1234.5); null when it is not one. */
export function typedNumber(value: unknown): number | null {
	const n = readNumber(text(value).trim());
	return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The sum of the budget rows' amounts as typed, in cents; null when one is not a number. */
export function budgetSumCents(values: FormValues): number | null {
	let cents = 0;
	for (const n of budgetRowNumbers(values)) {
		const raw = values[`line.${n}.amountUsd`];
		if (blank(raw)) continue;
		const amount = typedNumber(raw);
		if (amount === null) return null;
		cents += Math.round(amount * 100);
	}
	return cents;
}

/** The sums of the beneficiaries grid as typed: per group, per sex-age code, and in all. */
export function beneficiaryTotals(values: FormValues) {
	const rows: Record<string, number> = {};
	const columns: Record<string, number> = {};
	let total = 0;
	for (const k of keyed(values, 'b')) {
		const [groupId, code] = k.parts;
		const n = k.parts.length === 2 ? typedNumber(k.value) : null;
		if (n === null) continue;
		rows[groupId!] = (rows[groupId!] ?? 0) + n;
		columns[code!] = (columns[code!] ?? 0) + n;
		total += n;
	}
	return { rows, columns, total };
}

/**
 * The form field an error on an input path is shown by: the path's own entry, else that of the
 * nearest path above it (`budgetLines.1` for `budgetLines.1.amountUsd`), else the path itself.
 */
export function fieldOf(path: string, fields: Record<string, string>): string {
	for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) {
		const found = fields[parts.join('.')];
		if (found) return found;
	}
	return path;
}

/** The errors of a save, each moved to the form field it is shown by. */
export function errorsOnFields(errors: FieldError[], fields: Record<string, string>): FieldError[] {
	return errors.map((e) => ({ path: fieldOf(e.path, fields), message: e.message }));
}
