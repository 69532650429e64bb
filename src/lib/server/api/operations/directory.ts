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
import { operation } from '../endpoint';
import { listOf, organisationDetailOut, organisationOut, personOut, presentPerson } from '../presenters';
import { m } from '$lib/paraglide/messages';

export const organisations = [
	operation({
		method: 'GET',
		path: '/organisations',
		operationId: 'listOrganisations',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_list({}, { locale }),
		query: organisationListQuery,
		status: 200,
		response: listOf(organisationOut),
		problems: ['validation'],
		run: ({ ctx, query }) => listOrganisations(ctx, query)
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
		query: personListQuery,
		status: 200,
		response: listOf(personOut),
		problems: ['validation'],
		run: async ({ ctx, query }) => {
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
