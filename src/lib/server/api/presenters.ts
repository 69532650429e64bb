/**
 * What the API sends out, as zod schemas. The same schema encodes each response (rows become
 * camelCase JSON with ISO dates, and fields not listed here — user ids, hashes — are dropped) and
 * describes it in the OpenAPI document, so the two cannot disagree.
 */
import { z } from 'zod';
import { ORGANISATION_TYPES, ROLES } from '../db/schema';
import { locales } from '../i18n';
import type { Actor } from '../access/actor';
import type { PersonWithOrganisation } from '../directory/people';
import type { listClusters } from '../clusters/clusters';

/** A timestamp: a Date in the server, an ISO 8601 string on the wire. */
const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});

/** Ids come from the database: documented as UUIDs, not checked again on the way out. */
const id = z.string().meta({ format: 'uuid' });

export const organisationOut = z.object({
	id,
	name: z.string(),
	acronym: z.string().nullable(),
	type: z.enum(ORGANISATION_TYPES),
	website: z.string().nullable(),
	country: z.string().nullable().meta({ description: 'ISO 3166-1 alpha-3' }),
	emailDomains: z.array(z.string()),
	address: z.string().nullable(),
	phone: z.string().nullable(),
	createdAt: timestamp,
	updatedAt: timestamp
});

/** One organisation, with where it works. */
export const organisationDetailOut = organisationOut.extend({
	places: z.array(z.object({ pcode: z.string(), name: z.string(), level: z.int() })),
	hasLogo: z.boolean()
});

/** An organisation named from another record. */
export const organisationSummaryOut = z.object({
	id,
	name: z.string(),
	acronym: z.string().nullable()
});

export const personOut = z.object({
	id,
	name: z.string(),
	jobTitle: z.string().nullable(),
	email: z.string().nullable(),
	phone: z.string().nullable(),
	organisationId: id.nullable(),
	organisation: organisationSummaryOut.nullable(),
	languages: z.array(z.string()).meta({ description: 'ISO 639 codes' }),
	erasedAt: timestamp.nullable().meta({ description: 'Set when the person asked to be forgotten' }),
	createdAt: timestamp,
	updatedAt: timestamp
});

export const clusterOut = z.object({
	id,
	code: z.string(),
	nameFr: z.string(),
	nameEn: z.string(),
	leadOrganisationId: id.nullable(),
	leadOrganisation: organisationSummaryOut.nullable(),
	coLeadOrganisationId: id.nullable(),
	coLeadOrganisation: organisationSummaryOut.nullable(),
	createdAt: timestamp,
	updatedAt: timestamp
});

export const meOut = z.object({
	id,
	email: z.string(),
	name: z.string(),
	locale: z.enum(locales),
	personId: id.nullable(),
	organisationId: id.nullable(),
	roles: z.array(
		z.object({
			role: z.enum(ROLES),
			clusterId: id.nullable(),
			organisationId: id.nullable()
		})
	)
});

/** `{"items":[…],"total":N}`, the answer of every list. */
export function listOf<T extends z.ZodType>(item: T) {
	return z.object({ items: z.array(item), total: z.int().min(0) });
}

function summary(id: string | null, name: string | null, acronym: string | null) {
	return id && name !== null ? { id, name, acronym } : null;
}

export function presentPerson(row: PersonWithOrganisation): z.output<typeof personOut> {
	return {
		...row,
		organisation: summary(row.organisationId, row.organisationName, row.organisationAcronym)
	};
}

type ClusterWithLeads = Awaited<ReturnType<typeof listClusters>>['items'][number];

export function presentCluster(row: ClusterWithLeads): z.output<typeof clusterOut> {
	return {
		...row,
		leadOrganisation: summary(row.leadOrganisationId, row.leadName, row.leadAcronym),
		coLeadOrganisation: summary(row.coLeadOrganisationId, row.coLeadName, row.coLeadAcronym)
	};
}

export function presentMe(actor: Actor): z.output<typeof meOut> {
	return { ...actor, id: actor.userId, roles: actor.grants };
}
