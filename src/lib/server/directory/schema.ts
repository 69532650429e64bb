import { z } from 'zod';
import { MEMBERSHIP_STAGES, ORGANISATION_TYPES } from '../db/schema';
import { hint, optionalText, requiredText, blankAsAbsent } from '../validation';

/** An optional reference to a row: a form sends '' for "none", the API null. */
export const optionalId = (message: Parameters<typeof hint>[0] = 'error_unknown_organisation') =>
	z
		.union([z.literal(''), z.uuid(hint(message))])
		.nullish()
		.transform((v) => (v ? v : null));

const phone = optionalText(40).pipe(
	z
		.string()
		.regex(/^[+0-9 ().-]{4,40}$/, hint('directory_error_phone'))
		.nullable()
);

/** A list from the API, or one text from a form with items separated by commas, semicolons or spaces. */
const listOf = (item: z.ZodType<string, string>, max: number, message: Parameters<typeof hint>[0]) =>
	z
		.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
		.pipe(z.array(item).max(max, hint(message)));

const pcode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z]{2,3}[0-9]*$/, hint('directory_error_pcode'));

const language = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z]{2,3}$/, hint('directory_error_language'));

const domain = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, hint('directory_error_domains'));

export const organisationInput = z.object({
	name: requiredText(200),
	acronym: optionalText(40),
	type: z.enum(ORGANISATION_TYPES, hint('directory_error_type')),
	website: optionalText(300).pipe(
		z.url({ protocol: /^https?$/, hostname: /\./, ...hint('directory_error_website') }).nullable()
	),
	country: optionalText(3)
		.transform((v) => v?.toUpperCase() ?? null)
		.pipe(
			z
				.string()
				.regex(/^[A-Z]{3}$/, hint('directory_error_country'))
				.nullable()
		),
	/** No default: an update that leaves the field out keeps the stored domains. */
	emailDomains: listOf(domain, 20, 'directory_error_domains').optional(),
	address: optionalText(500),
	phone,
	/** P-codes of the places where the organisation works; left out, the stored places stay. */
	places: listOf(pcode, 500, 'directory_error_places').optional()
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const personInput = z.object({
	name: requiredText(200),
	jobTitle: optionalText(300),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.nullish()
		.transform((v) => (v ? v : null))
		.pipe(z.email(hint('directory_error_email')).max(254).nullable()),
	phone,
	organisationId: optionalId(),
	/** ISO 639 codes (fr, en, bm…); left out, the stored languages stay. */
	languages: listOf(language, 10, 'directory_error_language').optional()
});
export type PersonInput = z.input<typeof personInput>;

export const clusterCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{2,12}$/, hint('directory_error_cluster_code'));

export const listQuery = z.object({
	q: z.string().trim().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

const clusterFilter = blankAsAbsent(clusterCode);

export const ORGANISATION_SORTS = ['name', 'acronym', 'type', 'updated'] as const;
export const organisationFilters = z.object({
	q: z.string().trim().max(200).optional(),
	type: blankAsAbsent(z.enum(ORGANISATION_TYPES, hint('directory_error_type'))),
	/** Organisations with a membership in this cluster (its code), at `stage` if given. */
	cluster: clusterFilter,
	stage: blankAsAbsent(z.enum(MEMBERSHIP_STAGES, hint('directory_error_stage'))),
	/** Organisations present in this place or a place inside it. */
	place: blankAsAbsent(pcode),
	sort: blankAsAbsent(z.enum(ORGANISATION_SORTS, hint('directory_error_sort'))).transform((v) => v ?? 'name')
});
export const organisationListQuery = listQuery.extend(organisationFilters.shape);

export const PERSON_SORTS = ['name', 'organisation', 'updated'] as const;
export const personFilters = z.object({
	q: z.string().trim().max(200).optional(),
	organisation: blankAsAbsent(z.uuid(hint('error_unknown_organisation'))),
	/** People of organisations of this type. */
	type: blankAsAbsent(z.enum(ORGANISATION_TYPES, hint('directory_error_type'))),
	/** People of the organisations with a membership in this cluster (its code). */
	cluster: clusterFilter,
	language: blankAsAbsent(language),
	sort: blankAsAbsent(z.enum(PERSON_SORTS, hint('directory_error_sort'))).transform((v) => v ?? 'name')
});
export const personListQuery = listQuery.extend(personFilters.shape);

export const EXPORT_FORMATS = ['csv', 'xlsx', 'hxl'] as const;
export const exportFormat = z.enum(EXPORT_FORMATS, hint('directory_error_format'));

const id = z.uuid();
/** Whether a path segment can be a row id at all (anything else is simply not found). */
export function isId(value: string): boolean {
	return id.safeParse(value).success;
}
