import { z } from 'zod';
import { parseInput } from '../../validation';
import { readUpload } from '../../uploads/read-upload';
import { LEVELS } from '../../plans/framework/codes';
import { exportLogframe, logframeExportQuery } from '../../plans/logframe/export';
import {
	confirmLogframe,
	discardLogframe,
	getLogframePreview,
	previewLogframe
} from '../../plans/logframe/import';
import { operation } from '../endpoint';
import { clusterQuery } from './plans';
import { m } from '$lib/paraglide/messages';

/** What a logframe import reads: every format `readTable` knows, sent as the raw body. */
const TABLE_TYPES = [
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'text/csv',
	'application/vnd.ms-excel',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/zip'
];
const FILE_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const level = z.enum(LEVELS);
const value = z
	.union([z.string(), z.number(), z.array(z.string()), z.null()])
	.meta({ description: 'As stored: text, a number, a list of codes, or null for none' });
const row = z.int().meta({ description: 'Row number as the spreadsheet shows it, the header row being 1' });

export const logframePreviewOut = z.object({
	uploadId: z.string().meta({
		format: 'uuid',
		description: 'The staged file: confirm it with POST /logframe-imports/{id}/confirm within a day'
	}),
	filename: z.string(),
	createdAt: timestamp,
	revision: z.int().meta({
		description: 'Plan revision the confirmation is checked against: changes made since refuse it'
	}),
	fileRevision: z
		.int()
		.nullable()
		.meta({ description: 'The revision the file says it was exported at; null for a file made by hand' }),
	counts: z.object({
		rows: z.int(),
		created: z.int(),
		updated: z.int(),
		unchanged: z.int(),
		kept: z.int().meta({ description: 'Items of the framework the file does not name: kept, never deleted' })
	}),
	creates: z.array(
		z.object({
			row,
			level,
			code: z.string().meta({ description: 'The code the item will get' }),
			parent: z.string().nullable(),
			titleFr: z.string(),
			titleEn: z.string().nullable(),
			targets: z.int().meta({ description: 'Places with a target' })
		})
	),
	updates: z.array(
		z.object({
			row,
			level,
			code: z.string(),
			titleFr: z.string(),
			changes: z.array(
				z.object({
					field: z.string().meta({ examples: ['titleFr', 'alsoServes', 'target', 'target ML06'] }),
					label: z.string(),
					before: value,
					after: value
				})
			)
		})
	),
	ignoredColumns: z.array(z.object({ letter: z.string(), header: z.string() }))
});

export const logframeResultOut = z.object({
	planId: z.string().meta({ format: 'uuid' }),
	cluster: z.string(),
	filename: z.string(),
	created: z.int(),
	updated: z.int(),
	unchanged: z.int(),
	kept: z.int()
});

/**
 * A cluster's framework as a logframe spreadsheet: download it, send it back filled in, read what
 * it would do, confirm. The router carries one `{id}`, so the cluster is `?cluster=ER` and a staged
 * file is named by its own id.
 */
export const logframe = [
	operation({
		method: 'GET',
		path: '/plans/{id}/logframe',
		operationId: 'exportLogframe',
		tag: 'framework',
		summary: (locale) => m.logframe_api_export({}, { locale }),
		public: true,
		query: clusterQuery.extend(logframeExportQuery.shape),
		downloads: FILE_TYPES,
		status: 200,
		problems: ['validation', 'not-found'],
		run: ({ ctx, id, query, locale }) => {
			const { cluster, format } = parseInput(clusterQuery.extend(logframeExportQuery.shape), query, locale);
			return exportLogframe(ctx, id, cluster, { format });
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/logframe',
		operationId: 'previewLogframe',
		tag: 'framework',
		summary: (locale) => m.logframe_api_preview({}, { locale }),
		query: clusterQuery,
		upload: TABLE_TYPES,
		status: 200,
		response: logframePreviewOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: ({ ctx, id, query, request, locale }) => {
			const { cluster } = parseInput(clusterQuery, query, locale);
			return previewLogframe(ctx, id, cluster, () => readUpload(request, locale));
		}
	}),
	operation({
		method: 'GET',
		path: '/logframe-imports/{id}',
		operationId: 'getLogframeImport',
		tag: 'framework',
		summary: (locale) => m.logframe_api_get({}, { locale }),
		status: 200,
		response: logframePreviewOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: ({ ctx, id }) => getLogframePreview(ctx, id)
	}),
	operation({
		method: 'POST',
		path: '/logframe-imports/{id}/confirm',
		operationId: 'confirmLogframeImport',
		tag: 'framework',
		summary: (locale) => m.logframe_api_confirm({}, { locale }),
		status: 200,
		response: logframeResultOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: ({ ctx, id }) => confirmLogframe(ctx, id)
	}),
	operation({
		method: 'DELETE',
		path: '/logframe-imports/{id}',
		operationId: 'discardLogframeImport',
		tag: 'framework',
		summary: (locale) => m.logframe_api_discard({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => discardLogframe(ctx, id)
	})
];
