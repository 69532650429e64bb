import { z } from 'zod';
import { ORGANISATION_TYPES } from '../db/schema';
import { optionalEmail, optionalText, requiredText } from '../validation';

const domain = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);

export const organisationInput = z.object({
	name: requiredText(200),
	acronym: optionalText(40),
	type: z.enum(ORGANISATION_TYPES),
	website: optionalText(300).pipe(z.url({ protocol: /^https?$/ }).nullable()),
	country: optionalText(3)
		.transform((v) => v?.toUpperCase() ?? null)
		.pipe(z.string().regex(/^[A-Z]{3}$/).nullable()),
	emailDomains: z
		.union([z.array(domain), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
		.pipe(z.array(domain).max(20))
		.default([])
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const personInput = z.object({
	name: requiredText(200),
	jobTitle: optionalText(300),
	email: optionalEmail,
	phone: optionalText(40).pipe(
		z
			.string()
			.regex(/^[+0-9 ().-]{4,40}$/)
			.nullable()
	),
	organisationId: z.uuid().nullish().transform((v) => v ?? null)
});
export type PersonInput = z.input<typeof personInput>;

export const listQuery = z.object({
	q: z.string().trim().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const organisationListQuery = listQuery.extend({
	type: z.enum(ORGANISATION_TYPES).optional()
});

export const personListQuery = listQuery.extend({
	organisation: z.uuid().optional()
});
