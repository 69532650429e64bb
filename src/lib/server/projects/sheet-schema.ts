/**
 * What a project sheet is made of, section by section. A page's step posts one section, the API
 * any of them; the same schemas validate both and feed the OpenAPI document. Cross-field rules that
 * need the plan (dates, places, framework, clusters) are in sheet-rules.ts.
 */
import { z } from 'zod';
import { BUDGET_CATEGORIES, GENDER_AGE_MARKERS } from '../db/schema';
import { amount, MOST_USD, peopleCount, readNumber } from '../plans/schema';
import { atMost, blankAsAbsent, hint, optionalDaySchema, optionalText, requiredText } from '../validation';
import { usdToCents } from './money';

const day = optionalDaySchema('projects_error_day');
const id = (key: Parameters<typeof hint>[0]) => z.uuid(hint(key));
/** A list from JSON, or a single value / nothing from a form; at most `max` items. */
const list = <T extends z.ZodType>(item: T, max: number) =>
	z.preprocess(
		(v) => (v === undefined || v === '' || v === null ? [] : Array.isArray(v) ? v : [v]),
		z.array(item).max(max)
	);

export const SHEET_SECTIONS = [
	'general',
	'clusters',
	'framework',
	'places',
	'beneficiaries',
	'budget',
	'questions',
	'contacts',
	'attachments'
] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];

export const generalSection = z.object({
	titleFr: requiredText(300),
	titleEn: optionalText(300),
	objectives: optionalText(4_000).transform((v) => v ?? ''),
	description: optionalText(8_000).transform((v) => v ?? ''),
	startsOn: day,
	endsOn: day,
	genderAgeMarker: blankAsAbsent(z.enum(GENDER_AGE_MARKERS, hint('projects_error_marker'))).transform(
		(v) => v ?? null
	),
	partnerIds: list(id('projects_error_organisation'), 50)
});

const share = z.preprocess(
	readNumber,
	z
		.number(hint('projects_error_share'))
		.gt(0, hint('projects_error_share'))
		.max(100, hint('projects_error_share'))
		.transform((n) => n.toFixed(2))
);

export const clustersSection = z.object({
	clusters: list(z.object({ clusterId: id('projects_error_cluster'), sharePercent: share }), 20)
});

const target = z.preprocess(
	readNumber,
	z.number(hint('plans_error_number')).min(0, hint('plans_error_negative')).max(MOST_USD, atMost(MOST_USD))
);

export const frameworkSection = z.object({
	objectiveIds: list(id('projects_error_objective'), 100),
	activityIds: list(id('projects_error_activity'), 300),
	targets: list(
		z.object({
			indicatorId: id('projects_error_indicator'),
			locationId: id('projects_error_place'),
			value: target.transform((n) => n.toFixed(2))
		}),
		5_000
	)
});

export const placesSection = z.object({
	places: list(z.object({ locationId: id('projects_error_place'), peopleTargeted: peopleCount }), 500)
});

export const beneficiariesSection = z.object({
	beneficiaries: list(
		z.object({
			populationGroupId: id('projects_error_population_group'),
			values: z.record(z.string().max(40), peopleCount)
		}),
		50
	)
});

export const budgetSection = z.object({
	/** The total as the partner states it: the lines must add up to it. */
	budgetUsd: blankAsAbsent(amount).transform((v) => v ?? null),
	budgetLines: list(
		z.object({
			category: z.enum(BUDGET_CATEGORIES, hint('projects_error_budget_category')),
			description: optionalText(300).transform((v) => v ?? ''),
			amountUsd: amount
		}),
		200
	).refine(
		(lines) => lines.reduce((sum, l) => sum + usdToCents(l.amountUsd), 0n) <= BigInt(MOST_USD) * 100n,
		atMost(MOST_USD, 'projects_error_lines_too_big')
	)
});

export const questionsSection = z.object({
	answers: z.record(z.uuid(), z.union([z.string().max(4_000), z.number(), z.null()])).default({})
});

export const contactsSection = z.object({
	contactIds: list(id('projects_error_person'), 20)
});

/** A whole sheet; a PATCH sends any part of it. */
export const sheetInput = z.object({
	...generalSection.shape,
	...clustersSection.shape,
	...frameworkSection.shape,
	...placesSection.shape,
	...beneficiariesSection.shape,
	...budgetSection.shape,
	...questionsSection.shape,
	...contactsSection.shape
});
export type SheetInput = z.output<typeof sheetInput>;
export const sheetPatch = sheetInput.partial();
export type SheetPatch = z.output<typeof sheetPatch>;

/** The fields of each section, for merging a step's form into the stored sheet. */
export const SECTION_FIELDS: Record<Exclude<SheetSection, 'attachments'>, (keyof SheetInput)[]> = {
	general: Object.keys(generalSection.shape) as (keyof SheetInput)[],
	clusters: ['clusters'],
	framework: ['objectiveIds', 'activityIds', 'targets'],
	places: ['places'],
	beneficiaries: ['beneficiaries'],
	budget: ['budgetUsd', 'budgetLines'],
	questions: ['answers'],
	contacts: ['contactIds']
};

/** Where a new project belongs: the plan, the cluster that vets it, the appealing organisation. */
export const newProjectInput = z.object({
	planId: id('projects_error_plan'),
	clusterId: id('projects_error_cluster'),
	organisationId: id('projects_error_organisation'),
	titleFr: requiredText(300),
	titleEn: optionalText(300),
	/** A project of an earlier plan to start from (carry over). */
	carriedFromId: blankAsAbsent(id('projects_error_carry_over'))
});
export type NewProjectInput = z.output<typeof newProjectInput>;
