import { readUpload } from '../../uploads/read-upload';
import { parseInput } from '../../validation';
import { exportNeeds } from '../../plans/needs/export';
import { getNeeds } from '../../plans/needs/get-needs';
import { listRevisions } from '../../plans/needs/revisions';
import { compareRevisions } from '../../plans/needs/compare';
import { saveNeeds } from '../../plans/needs/save';
import {
	confirmNeedsImport,
	discardNeedsImport,
	getNeedsImport,
	previewNeedsImport
} from '../../plans/needs/import';
import { addPopulationGroup, listPopulationGroups } from '../../plans/needs/population-groups';
import {
	clusterQuery,
	compareQuery,
	confirmImportInput,
	importOptions,
	needsQuery,
	populationGroupInput,
	saveNeedsInput
} from '../../plans/needs/schema';
import {
	comparisonOut,
	importReportOut,
	needsOut,
	populationGroupOut,
	populationGroupsOut,
	presentComparison,
	presentNeeds,
	presentReport,
	presentRevision,
	presentRevisions,
	revisionListOut,
	revisionOut
} from '../../plans/needs/present';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

/** What a needs import reads: every format `readTable` knows, sent as the raw body. */
const TABLE_TYPES = [
	'text/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-excel',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/json',
	'application/zip'
];
const FILE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * A cluster's needs (caseload) in a plan, by place and population group: the router carries one
 * `{id}` (the plan's), so the cluster is named by `?cluster=ER`, and a staged import by its own id.
 */
export const needs = [
	operation({
		method: 'GET',
		path: '/plans/{id}/needs',
		operationId: 'getNeeds',
		tag: 'plans',
		summary: (locale) => m.needs_api_get({}, { locale }),
		public: true,
		query: needsQuery,
		downloads: FILE_TYPES,
		status: 200,
		response: needsOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query, locale }) => {
			const { cluster, revision, format } = parseInput(needsQuery, query, locale);
			if (format) return exportNeeds(ctx, id, cluster, { format, revision });
			const found = await getNeeds(ctx, id, cluster, revision);
			return presentNeeds(
				found.part,
				found.revision,
				found.figures,
				found.places,
				found.groups,
				found.totals
			);
		}
	}),
	operation({
		method: 'PUT',
		path: '/plans/{id}/needs',
		operationId: 'saveNeeds',
		tag: 'plans',
		summary: (locale) => m.needs_api_save({}, { locale }),
		query: clusterQuery,
		body: saveNeedsInput,
		status: 200,
		response: revisionOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			return presentRevision(await saveNeeds(ctx, id, cluster, body));
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/needs/revisions',
		operationId: 'listNeedsRevisions',
		tag: 'plans',
		summary: (locale) => m.needs_api_revisions({}, { locale }),
		public: true,
		query: clusterQuery,
		status: 200,
		response: revisionListOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			return presentRevisions((await listRevisions(ctx, id, cluster)).items);
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/needs/compare',
		operationId: 'compareNeedsRevisions',
		tag: 'plans',
		summary: (locale) => m.needs_api_compare({}, { locale }),
		public: true,
		query: clusterQuery.extend(compareQuery.shape),
		status: 200,
		response: comparisonOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			return presentComparison(await compareRevisions(ctx, id, cluster, query));
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/needs/import',
		operationId: 'previewNeedsImport',
		tag: 'plans',
		summary: (locale) => m.needs_api_import({}, { locale }),
		query: clusterQuery.extend(importOptions.shape),
		upload: TABLE_TYPES,
		status: 200,
		response: importReportOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, query, request, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			const report = await previewNeedsImport(ctx, id, cluster, () => readUpload(request, locale), query);
			return presentReport(report);
		}
	}),
	operation({
		method: 'GET',
		path: '/needs-imports/{id}',
		operationId: 'getNeedsImport',
		tag: 'plans',
		summary: (locale) => m.needs_api_import_get({}, { locale }),
		status: 200,
		response: importReportOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentReport(await getNeedsImport(ctx, id))
	}),
	operation({
		method: 'POST',
		path: '/needs-imports/{id}/confirm',
		operationId: 'confirmNeedsImport',
		tag: 'plans',
		summary: (locale) => m.needs_api_import_confirm({}, { locale }),
		body: confirmImportInput,
		status: 200,
		response: revisionOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => presentRevision(await confirmNeedsImport(ctx, id, body))
	}),
	operation({
		method: 'DELETE',
		path: '/needs-imports/{id}',
		operationId: 'discardNeedsImport',
		tag: 'plans',
		summary: (locale) => m.needs_api_import_discard({}, { locale }),
		status: 204,
		problems: ['not-found'],
		run: ({ ctx, id }) => discardNeedsImport(ctx, id)
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/needs/population-groups',
		operationId: 'listPopulationGroups',
		tag: 'plans',
		summary: (locale) => m.needs_api_groups_list({}, { locale }),
		public: true,
		query: clusterQuery,
		status: 200,
		response: populationGroupsOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			const { groups } = await listPopulationGroups(ctx, id, cluster);
			return {
				items: groups.map(({ code, nameFr, nameEn, position }) => ({ code, nameFr, nameEn, position })),
				total: groups.length
			};
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/needs/population-groups',
		operationId: 'addPopulationGroup',
		tag: 'plans',
		summary: (locale) => m.needs_api_groups_create({}, { locale }),
		query: clusterQuery,
		body: populationGroupInput,
		status: 200,
		response: populationGroupOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			const { code, nameFr, nameEn, position } = await addPopulationGroup(ctx, id, cluster, body);
			return { code, nameFr, nameEn, position };
		}
	})
];
