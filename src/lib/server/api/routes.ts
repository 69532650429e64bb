/**
 * Every operation of /api/v1, in one table: the router serves exactly these and the OpenAPI
 * document describes exactly these. Handlers only call the domain (which checks the caller's
 * rights and validates input with the schemas named here) and present what it returns.
 */
import {
	listQuery,
	organisationInput,
	organisationListQuery,
	personInput,
	personListQuery
} from '../directory/schema';
import {
	createOrganisation,
	deleteOrganisation,
	getOrganisation,
	listOrganisations,
	updateOrganisation
} from '../directory/organisations';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from '../directory/people';
import { clusterInput } from '../clusters/schema';
import { createCluster, deleteCluster, getCluster, listClusters, updateCluster } from '../clusters/clusters';
import { listLocations, locationListQuery } from '../locations/locations';
import { authorize } from '../access/policy';
import { operation, type Operation } from './endpoint';
import {
	clusterOut,
	listOf,
	locationOut,
	meOut,
	organisationOut,
	personOut,
	presentCluster,
	presentMe,
	presentPerson
} from './presenters';
import { openApiDocument, openApiOut } from './openapi';
import { m } from '$lib/paraglide/messages';

const organisations = [
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
		response: organisationOut,
		problems: ['validation', 'forbidden'],
		run: ({ ctx, body }) => createOrganisation(ctx, body)
	}),
	operation({
		method: 'GET',
		path: '/organisations/{id}',
		operationId: 'getOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_get({}, { locale }),
		status: 200,
		response: organisationOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => getOrganisation(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/organisations/{id}',
		operationId: 'updateOrganisation',
		tag: 'organisations',
		summary: (locale) => m.api_doc_organisations_update({}, { locale }),
		body: organisationInput.partial(),
		status: 200,
		response: organisationOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: ({ ctx, id, body }) => updateOrganisation(ctx, id, body)
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

const people = [
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

const clusters = [
	operation({
		method: 'GET',
		path: '/clusters',
		operationId: 'listClusters',
		tag: 'clusters',
		summary: (locale) => m.api_doc_clusters_list({}, { locale }),
		public: true,
		query: listQuery,
		status: 200,
		response: listOf(clusterOut),
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await listClusters(ctx, query);
			return { items: items.map(presentCluster), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/clusters',
		operationId: 'createCluster',
		tag: 'clusters',
		summary: (locale) => m.api_doc_clusters_create({}, { locale }),
		body: clusterInput,
		status: 201,
		response: clusterOut,
		problems: ['validation', 'forbidden', 'conflict'],
		run: async ({ ctx, body }) => presentCluster(await getCluster(ctx, (await createCluster(ctx, body)).id))
	}),
	operation({
		method: 'GET',
		path: '/clusters/{id}',
		operationId: 'getCluster',
		tag: 'clusters',
		summary: (locale) => m.api_doc_clusters_get({}, { locale }),
		public: true,
		status: 200,
		response: clusterOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentCluster(await getCluster(ctx, id))
	}),
	operation({
		method: 'PATCH',
		path: '/clusters/{id}',
		operationId: 'updateCluster',
		tag: 'clusters',
		summary: (locale) => m.api_doc_clusters_update({}, { locale }),
		body: clusterInput.partial(),
		status: 200,
		response: clusterOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await updateCluster(ctx, id, body);
			return presentCluster(await getCluster(ctx, id));
		}
	}),
	operation({
		method: 'DELETE',
		path: '/clusters/{id}',
		operationId: 'deleteCluster',
		tag: 'clusters',
		summary: (locale) => m.api_doc_clusters_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => deleteCluster(ctx, id)
	})
];

const others = [
	operation({
		method: 'GET',
		path: '/locations',
		operationId: 'listLocations',
		tag: 'locations',
		summary: (locale) => m.api_doc_locations_list({}, { locale }),
		public: true,
		query: locationListQuery,
		status: 200,
		response: listOf(locationOut),
		problems: ['validation'],
		run: ({ ctx, query }) => listLocations(ctx, query)
	}),
	operation({
		method: 'GET',
		path: '/me',
		operationId: 'getMe',
		tag: 'account',
		summary: (locale) => m.api_doc_me_get({}, { locale }),
		status: 200,
		response: meOut,
		problems: [],
		run: async ({ ctx }) => {
			authorize(ctx.actor, true);
			return presentMe(ctx.actor);
		}
	}),
	operation({
		method: 'GET',
		path: '/openapi.json',
		operationId: 'getOpenApiDocument',
		tag: 'meta',
		summary: (locale) => m.api_doc_openapi_get({}, { locale }),
		public: true,
		status: 200,
		response: openApiOut,
		problems: [],
		run: async ({ locale }) => openApiDocument(operations, locale)
	})
];

export const operations: Operation[] = [...organisations, ...people, ...clusters, ...others];
