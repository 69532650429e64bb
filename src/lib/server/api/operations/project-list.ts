/**
 * The projects of a plan as a list with sums or as a file, and the 3W view. These come before
 * operations/projects.ts in the route table, so `/projects/who-what-where` is matched here before
 * `/projects/{id}` could take it.
 */
import type { Operation } from '../endpoint';
import { operation } from '../endpoint';
import { listProjects } from '../../projects/list';
import { whoWhatWhere } from '../../projects/who-what-where';
import { exportProjects } from '../../projects/export/export-projects';
import { PROJECT_EXPORT_FORMATS, projectListQuery, whoWhatWhereQuery } from '../../projects/list-schema';
import {
	presentProjectList,
	presentWhoWhatWhere,
	projectListOut,
	whoWhatWhereOut
} from '../../projects/list-present';
import { hint } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { z } from 'zod';

/** With `format`, the list answers with the file of every project it selects instead of one page. */
const FILE_TYPES = [
	'text/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/xml'
];

export const projectListOperations: Operation[] = [
	operation({
		method: 'GET',
		path: '/projects',
		operationId: 'listProjects',
		tag: 'projects',
		summary: (locale) => m.projectlist_api_list({}, { locale }),
		public: true,
		query: projectListQuery.extend({
			format: z.enum(PROJECT_EXPORT_FORMATS, hint('projectlist_error_format')).optional()
		}),
		status: 200,
		response: projectListOut,
		downloads: FILE_TYPES,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, query }) => {
			if (query.format) return exportProjects(ctx, { ...query, format: query.format });
			return presentProjectList(await listProjects(ctx, query));
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/who-what-where',
		operationId: 'getProjectsWhoWhatWhere',
		tag: 'projects',
		summary: (locale) => m.projectlist_api_3w({}, { locale }),
		public: true,
		query: whoWhatWhereQuery,
		status: 200,
		response: whoWhatWhereOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, query }) => presentWhoWhatWhere(await whoWhatWhere(ctx, query))
	})
];
