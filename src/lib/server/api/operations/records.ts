/**
 * The directory's records as records: possible duplicates, merges, erasure on request and the
 * export of a person's data. The domain (directory/duplicates, merge, erase-person, personal-data)
 * checks who may call; these only present.
 */
import { z } from 'zod';
import { DUPLICATE_KINDS, duplicatesQuery, listDuplicates } from '../../directory/duplicates';
import { mergeInput, mergeOrganisations, mergePeople } from '../../directory/merge';
import { erasePerson } from '../../directory/erase-person';
import { personalDataDownload } from '../../directory/personal-data';
import { getOrganisationDetail } from '../../directory/organisations';
import { getPerson } from '../../directory/people';
import { ORGANISATION_TYPES } from '../../db/schema';
import { operation } from '../endpoint';
import { organisationDetailOut, personOut, presentPerson } from '../presenters';
import { m } from '$lib/paraglide/messages';

const id = z.string().meta({ format: 'uuid' });

const reasonOut = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('same-email'), email: z.string() }),
	z.object({
		kind: z.literal('similar-name'),
		score: z.number().meta({ description: 'pg_trgm similarity, 0–1' })
	}),
	z.object({ kind: z.literal('same-acronym'), acronym: z.string() }),
	z.object({ kind: z.literal('same-domain'), domain: z.string() }),
	z.object({
		kind: z.literal('near-domain'),
		domain: z.string(),
		otherDomain: z.string(),
		edits: z.int().meta({ description: 'letters that differ in the part of the domain its owner chose' })
	})
]);

const organisationSideOut = z.object({
	id,
	name: z.string(),
	acronym: z.string().nullable(),
	type: z.enum(ORGANISATION_TYPES),
	emailDomains: z.array(z.string()),
	website: z.string().nullable(),
	people: z.int().min(0)
});

const personSideOut = z.object({
	id,
	name: z.string(),
	email: z.string().nullable(),
	jobTitle: z.string().nullable(),
	organisationId: id.nullable(),
	organisationName: z.string().nullable(),
	organisationAcronym: z.string().nullable(),
	hasAccount: z.boolean()
});

export const duplicatesOut = z.object({
	kind: z.enum(DUPLICATE_KINDS),
	items: z.array(
		z.union([
			z.object({
				kind: z.literal('organisations'),
				a: organisationSideOut,
				b: organisationSideOut,
				reasons: z.array(reasonOut)
			}),
			z.object({ kind: z.literal('people'), a: personSideOut, b: personSideOut, reasons: z.array(reasonOut) })
		])
	),
	total: z.int().min(0),
	limit: z.int().min(1),
	offset: z.int().min(0)
});

export const records = [
	operation({
		method: 'GET',
		path: '/duplicates',
		operationId: 'listDuplicates',
		tag: 'organisations',
		summary: (locale) => m.records_api_duplicates_list({}, { locale }),
		query: duplicatesQuery,
		status: 200,
		response: duplicatesOut,
		problems: ['validation', 'forbidden'],
		run: ({ ctx, query }) => listDuplicates(ctx, query)
	}),
	operation({
		method: 'POST',
		path: '/organisations/{id}/merge',
		operationId: 'mergeOrganisation',
		tag: 'organisations',
		summary: (locale) => m.records_api_organisations_merge({}, { locale }),
		body: mergeInput,
		status: 200,
		response: organisationDetailOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => getOrganisationDetail(ctx, (await mergeOrganisations(ctx, id, body)).id)
	}),
	operation({
		method: 'POST',
		path: '/people/{id}/merge',
		operationId: 'mergePerson',
		tag: 'people',
		summary: (locale) => m.records_api_people_merge({}, { locale }),
		body: mergeInput,
		status: 200,
		response: personOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) =>
			presentPerson(await getPerson(ctx, (await mergePeople(ctx, id, body)).id))
	}),
	operation({
		method: 'POST',
		path: '/people/{id}/erase',
		operationId: 'erasePerson',
		tag: 'people',
		summary: (locale) => m.records_api_people_erase({}, { locale }),
		status: 200,
		response: personOut,
		problems: ['forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id }) => presentPerson(await getPerson(ctx, (await erasePerson(ctx, id)).id))
	}),
	operation({
		method: 'GET',
		path: '/people/{id}/personal-data',
		operationId: 'getPersonalData',
		tag: 'people',
		summary: (locale) => m.records_api_people_personal_data({}, { locale }),
		status: 200,
		downloads: ['application/json'],
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => personalDataDownload(ctx, id)
	})
];
