import {
	organisationInput,
	organisationListQuery,
	personInput,
	personListQuery
} from '../../directory/schema';
import {
	createOrganisation,
	deleteOrganisation,
	getOrganisationDetail,
	listOrganisations,
	updateOrganisation
} from '../../directory/organisations';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from '../../directory/people';
import {
	exportOrganisations,
	exportPeople,
	organisationExportQuery,
	personExportQuery
} from '../../directory/export';
import { operation } from '../endpoint';
import { listOf, organisationDetailOut, organisationOut, personOut, presentPerson } from '../presenters';
import { m } from '$lib/paraglide/messages';

/** With `format`, a list answers with the file of all it selects instead of one page of JSON. */
const TABLE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

export const organisations = [
	operation({
		method: 'GET',
		path: '/organisations',
		operationId: 'listOrganisations',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_list({}, { locale }),
		query: organisationListQuery.extend({ format: organisationExportQuery.shape.format.optional() }),
		status: 200,
		response: listOf(organisationOut),
		downloads: TABLE_TYPES,
		problems: ['validation'],
		run: ({ ctx, query }) => (query.format ? exportOrganisations(ctx, query) : listOrganisations(ctx, query))
	}),
	operation({
		method: 'POST',
		path: '/organisations',
		operationId: 'createOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_create({}, { locale }),
		body: organisationInput,
		status: 201,
		response: organisationDetailOut,
		problems: ['validation', 'forbidden'],
		run: async ({ ctx, body }) => getOrganisationDetail(ctx, (await createOrganisation(ctx, body)).id)
	}),
	operation({
		method: 'GET',
		path: '/organisations/{id}',
		operationId: 'getOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_get({}, { locale }),
		status: 200,
		response: organisationDetailOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => getOrganisationDetail(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/organisations/{id}',
		operationId: 'updateOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_update({}, { locale }),
		body: organisationInput.partial(),
		status: 200,
		response: organisationDetailOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			await updateOrganisation(ctx, id, body);
			return getOrganisationDetail(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/organisations/{id}',
		operationId: 'deleteOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => deleteOrganisation(ctx, id)
	})
];

export const people = [
	operation({
		method: 'GET',
		path: '/people',
		operationId: 'listPeople',
		tag: 'people',
		summary: (locale) => m.api_doc_people_list({}, { locale }),
		query: personListQuery.extend({ format: personExportQuery.shape.format.optional() }),
		status: 200,
		response: listOf(personOut),
		downloads: [...TABLE_TYPES, 'text/vcard'],
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			if (query.format) return exportPeople(ctx, query);
			const { items, total } = await listPeople(ctx, query);
			return { items: items.map(presentPerson), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/people',
		operationId: 'createPerson',
		tag: 'people',
		summary: (locale) => m.api_doc_people_create({}, { locale }),
		body: personInput,
		status: 201,
		response: personOut,
		problems: ['validation', 'forbidden'],
		run: async ({ ctx, body }) => presentPerson(await getPerson(ctx, (await createPerson(ctx, body)).id))
	}),
	operation({
		method: 'GET',
		path: '/people/{id}',
		operationId: 'getPerson',
		tag: 'people',
		summary: (locale) => m.api_doc_people_get({}, { locale }),
		status: 200,
		response: personOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentPerson(await getPerson(ctx, id))
	}),
	operation({
		method: 'PATCH',
		path: '/people/{id}',
		operationId: 'updatePerson',
		tag: 'people',
		summary: (locale) => m.api_doc_people_update({}, { locale }),
		body: personInput.partial(),
		status: 200,
		response: personOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			await updatePerson(ctx, id, body);
			return presentPerson(await getPerson(ctx, id));
		}
	}),
	operation({
		method: 'DELETE',
		path: '/people/{id}',
		operationId: 'deletePerson',
		tag: 'people',
		summary: (locale) => m.api_doc_people_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => deletePerson(ctx, id)
	})
];
