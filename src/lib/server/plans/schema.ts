import { z } from 'zod';
import {
	CHAPTER_KINDS,
	DISAGGREGATIONS,
	INDICATOR_UNITS,
	PERIOD_RULES,
	PLACE_RULES,
	PLAN_KINDS,
	PLAN_STATUSES
} from '../db/schema';
import { atMost, hint, optionalText, requiredText, blankAsAbsent, daySchema } from '../validation';
import { listQuery } from '../directory/schema';
import { richTextInput } from '../rich-text/sanitize';

/**
 * A number as people type it: "1 234 567", "1,234,567", "1 234,5", "1,234.5", "12.5". With both
 * separators the last one is the decimal mark; a lone comma before exactly three digits groups
 * thousands ("3,700"), otherwise it is the decimal mark ("12,5"). A lone dot before exactly three
 * digits ("12.000") is twelve thousand in French but twelve in English: it is refused, not guessed.
 */
export function readNumber(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	let text = value.replace(/[\s\u00a0\u202f']/g, '');
	if (text === '') return undefined;
	const comma = text.lastIndexOf(',');
	const dot = text.lastIndexOf('.');
	const grouped = (mark: string) => new RegExp(`^-?[1-9]\\d{0,2}(\\${mark}\\d{3})+$`).test(text);
	if (comma >= 0 && dot >= 0)
		text = comma > dot ? text.replaceAll('.', '').replace(',', '.') : text.replaceAll(',', '');
	else if (comma >= 0) text = grouped(',') ? text.replaceAll(',', '') : text.replace(',', '.');
	else if (dot >= 0 && grouped('.')) return value;
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
}

/** More people than live in any one place (and what a 32-bit column holds). */
const MOST_PEOPLE = 1_000_000_000;
/** More money than any humanitarian plan has asked for (a numeric(16,2) column holds 1e14). */
export const MOST_USD = 10_000_000_000_000;

/** A count of people: a whole number, zero or more. */
export const peopleCount = z.preprocess(
	readNumber,
	z
		.number(hint('plans_error_number'))
		.int(hint('plans_error_whole'))
		.min(0, hint('plans_error_negative'))
		.max(MOST_PEOPLE, atMost(MOST_PEOPLE))
);
export const optionalPeopleCount = blankAsAbsent(peopleCount).transform((v) => v ?? null);

/** A non-negative amount with at most two decimals, kept as text for a numeric column. */
export const amount = z
	.preprocess(
		readNumber,
		z
			.number(hint('plans_error_number'))
			.min(0, hint('plans_error_negative'))
			.max(MOST_USD, atMost(MOST_USD))
			// Cents at most: 12,345.678 would be rounded without a word.
			.refine((n) => n > MOST_USD || Number(n.toFixed(2)) === n, hint('plans_error_cents'))
	)
	.transform((n) => n.toFixed(2));
export const optionalAmount = blankAsAbsent(amount).transform((v) => v ?? null);

const day = daySchema('plans_error_date');
const ids = z.preprocess(
	(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.uuid())
);

export const planInput = z
	.object({
		countryId: z.uuid(hint('plans_error_country')),
		year: z.coerce
			.number(hint('plans_error_year'))
			.int()
			.min(2000, hint('plans_error_year'))
			.max(2100, hint('plans_error_year')),
		kind: z.enum(PLAN_KINDS, hint('plans_error_kind')),
		titleFr: requiredText(300),
		titleEn: optionalText(300),
		startsOn: day,
		endsOn: day,
		peopleInNeed: optionalPeopleCount,
		peopleTargeted: optionalPeopleCount,
		requirementsUsd: optionalAmount,
		figuresSource: optionalText(500)
	})
	.refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'plans_error_period' });

export const newPlanInput = z.intersection(
	planInput,
	z.object({ clusterIds: ids.pipe(z.array(z.uuid()).min(1, hint('plans_error_clusters'))) })
);

export const planStatusInput = z.object({ status: z.enum(PLAN_STATUSES, hint('plans_error_status')) });

export const planListQuery = listQuery.extend({
	year: blankAsAbsent(z.coerce.number().int().min(2000).max(2100)),
	status: blankAsAbsent(z.enum(PLAN_STATUSES, hint('plans_error_status')))
});

/** What a form read: a save based on an older revision is checked against what changed since. */
export const revisionField = z.coerce.number().int().min(0);

export const chapterInput = z.object({
	kind: z.enum(CHAPTER_KINDS, hint('plans_error_chapter_kind')).default('section'),
	titleFr: requiredText(200),
	titleEn: optionalText(200),
	bodyFr: richTextInput(200_000),
	bodyEn: richTextInput(200_000)
		.nullish()
		.transform((v) => v || null),
	revision: revisionField.optional()
});

const titles = { titleFr: requiredText(500), titleEn: optionalText(500), revision: revisionField.optional() };

export const strategicObjectiveInput = z.object(titles);

export const clusterObjectiveInput = z.object({
	...titles,
	/** The strategic objective it is coded under (CO1.2 is the 2nd under SO1). */
	strategicObjectiveId: z.uuid(hint('framework_error_parent')),
	/** Further strategic objectives it serves. */
	alsoServes: ids
});

export const activityInput = z.object({
	...titles,
	clusterObjectiveId: z.uuid(hint('framework_error_parent')),
	/** Further cluster objectives the activity serves. */
	alsoServes: ids
});

/** The largest value an indicator holds (its numeric column keeps 14 digits before the decimals). */
export const MAX_INDICATOR_VALUE = 1e13;

const indicatorValue = blankAsAbsent(
	z.preprocess(
		readNumber,
		z
			.number(hint('plans_error_number'))
			.min(0, hint('plans_error_negative'))
			.max(MAX_INDICATOR_VALUE, hint('plans_error_too_large'))
	)
).transform((v) => v ?? null);

export const indicatorInput = z.object({
	...titles,
	activityId: z.uuid(hint('framework_error_parent')),
	unit: z.enum(INDICATOR_UNITS, hint('framework_error_unit')),
	periodRule: z.enum(PERIOD_RULES, hint('framework_error_rule')),
	placeRule: z.enum(PLACE_RULES, hint('framework_error_rule')),
	disaggregation: z.enum(DISAGGREGATIONS, hint('framework_error_disaggregation')),
	baseline: indicatorValue,
	target: indicatorValue
});

/** Targets per place: P-code → value; a blank value removes the place's target. */
export const targetsInput = z.object({
	targets: z.record(z.string(), z.unknown()),
	revision: revisionField.optional()
});

export const reorderInput = z.object({
	ids: z.array(z.uuid()).min(1),
	revision: revisionField.optional()
});

export const moveInput = z.object({
	direction: z.enum(['up', 'down']),
	revision: revisionField.optional()
});

const hxlAttribute = /^[a-z][a-z0-9_]*$/;

/** The sex and age groups of a plan, in the order of the needs grid's columns. */
export const sexAgeGroupsInput = z.object({
	groups: z
		.array(
			z.object({
				code: z
					.string()
					.trim()
					.toLowerCase()
					.regex(/^[a-z][a-z0-9-]{0,29}$/, hint('plans_error_group_code')),
				nameFr: requiredText(100),
				nameEn: requiredText(100),
				hxl: z.preprocess(
					(v) => (typeof v === 'string' ? v.split(/[\s,+]+/).filter(Boolean) : v),
					z
						.array(z.string().toLowerCase().regex(hxlAttribute, hint('plans_error_group_hxl')))
						.min(1, hint('plans_error_group_hxl'))
				)
			})
		)
		.min(1, hint('plans_error_groups'))
		.max(12),
	revision: revisionField.optional()
});
