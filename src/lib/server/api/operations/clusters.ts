import { listQuery } from '../../directory/schema';
import { clusterInput } from '../../clusters/schema';
import {
	createCluster,
	deleteCluster,
	getCluster,
	listClusters,
	updateCluster
} from '../../clusters/clusters';
import { operation } from '../endpoint';
import { clusterOut, listOf, presentCluster } from '../presenters';
import { m } from '$lib/paraglide/messages';

export const clusters = [
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
		problems: ['forbidden', 'not-found', 'conflict'],
		run: ({ ctx, id }) => deleteCluster(ctx, id)
	})
];
