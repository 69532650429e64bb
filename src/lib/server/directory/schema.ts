import { z } from 'zod';
import { ORGANISATION_TYPES } from '../db/schema';
import { hint, optionalText, requiredText } from '../validation';

/** An optional reference to a row: a form sends '' for "none", the API null. */
export const optionalId = (message: Parameters<typeof hint>[0] = 'error_unknown_organisation') =>
	z
		.union([z.literal(''), z.uuid(hint(message))])
		.nullish()
		.transform((v) => (v ? v : null));

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
	/** A list, or one text with the domains separated by commas, semicolons or spaces. No default:
	 * an update that leaves the field out keeps the stored domains. */
	emailDomains: z
		.union([z.array(domain), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
		.pipe(z.array(domain).max(20, hint('directory_error_domains')))
		.optional()
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
	phone: optionalText(40).pipe(
		z
			.string()
			.regex(/^[+0-9 ().-]{4,40}$/, hint('directory_error_phone'))
			.nullable()
	),
	organisationId: optionalId()
});
export type PersonInput = z.input<typeof personInput>;

export const clusterCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{2,12}$/, hint('directory_error_cluster_code'));

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
