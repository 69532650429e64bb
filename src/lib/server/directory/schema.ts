import { z } from 'zod';
import { ORGANISATION_TYPES } from '../db/schema';
import type { Locale } from '../i18n';
import { ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

/**
 * Messages that say what to change, in the user's language. Schemas name them by key (a schema is
 * built once, the language is known only when parsing); `parseDirectoryInput` translates them.
 */
const hints = {
	directory_error_type: (locale: Locale) => m.directory_error_type({}, { locale }),
	directory_error_website: (locale: Locale) => m.directory_error_website({}, { locale }),
	directory_error_country: (locale: Locale) => m.directory_error_country({}, { locale }),
	directory_error_domains: (locale: Locale) => m.directory_error_domains({}, { locale }),
	directory_error_email: (locale: Locale) => m.directory_error_email({}, { locale }),
	directory_error_phone: (locale: Locale) => m.directory_error_phone({}, { locale }),
	directory_error_cluster_code: (locale: Locale) => m.directory_error_cluster_code({}, { locale }),
	error_unknown_organisation: (locale: Locale) => m.error_unknown_organisation({}, { locale })
} as const;
type Hint = keyof typeof hints;
const says = (hint: Hint) => ({ error: hint });

const errorMaps = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Like `parseInput`, with the directory's own messages for empty, over-long and malformed fields. */
export function parseDirectoryInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	locale: Locale
): z.output<S> {
	const result = schema.safeParse(input, { error: (issue) => explain(issue, locale) });
	if (result.success) return result.data;
	throw new ValidationError(
		result.error.issues.map((issue) => ({
			path: issue.path.join('.'),
			message: issue.message in hints ? hints[issue.message as Hint](locale) : issue.message
		}))
	);
}

function explain(issue: z.core.$ZodRawIssue, locale: Locale) {
	if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null))
		return m.directory_error_required({}, { locale });
	if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
		return m.directory_error_required({}, { locale });
	if (issue.code === 'too_big' && issue.origin === 'string')
		return m.directory_error_too_long({ max: Number(issue.maximum) }, { locale });
	return errorMaps[locale](issue);
}

const requiredName = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.nullish()
		.transform((v) => (v ? v : null));

/** An optional reference to a row: a form sends '' for "none", the API null. */
export const optionalId = (hint: Hint = 'error_unknown_organisation') =>
	z
		.union([z.literal(''), z.uuid(says(hint))])
		.nullish()
		.transform((v) => (v ? v : null));

const domain = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, says('directory_error_domains'));

export const organisationInput = z.object({
	name: requiredName(200),
	acronym: optionalText(40),
	type: z.enum(ORGANISATION_TYPES, says('directory_error_type')),
	website: optionalText(300).pipe(
		z.url({ protocol: /^https?$/, hostname: /\./, ...says('directory_error_website') }).nullable()
	),
	country: optionalText(3)
		.transform((v) => v?.toUpperCase() ?? null)
		.pipe(
			z
				.string()
				.regex(/^[A-Z]{3}$/, says('directory_error_country'))
				.nullable()
		),
	/** A list, or one text with the domains separated by commas, semicolons or spaces. No default:
	 * an update that leaves the field out keeps the stored domains. */
	emailDomains: z
		.union([z.array(domain), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
		.pipe(z.array(domain).max(20, says('directory_error_domains')))
		.optional()
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const personInput = z.object({
	name: requiredName(200),
	jobTitle: optionalText(300),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.nullish()
		.transform((v) => (v ? v : null))
		.pipe(z.email(says('directory_error_email')).max(254).nullable()),
	phone: optionalText(40).pipe(
		z
			.string()
			.regex(/^[+0-9 ().-]{4,40}$/, says('directory_error_phone'))
			.nullable()
	),
	organisationId: optionalId()
});
export type PersonInput = z.input<typeof personInput>;

export const clusterCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{2,12}$/, says('directory_error_cluster_code'));

/** A list filter left blank in a form ('' from `?type=`) means no filter. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
	z
		.union([z.literal(''), schema])
		.optional()
		.transform((v) => (v === '' ? undefined : (v as z.output<T> | undefined)));

export const listQuery = z.object({
	q: z.string().trim().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const organisationListQuery = listQuery.extend({
	type: blankAsAbsent(z.enum(ORGANISATION_TYPES))
});

export const personListQuery = listQuery.extend({
	organisation: blankAsAbsent(z.uuid())
});

const id = z.uuid();
/** Whether a path segment can be a row id at all (anything else is simply not found). */
export function isId(value: string): boolean {
	return id.safeParse(value).success;
}
