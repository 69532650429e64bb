import { z } from 'zod';
import { operation } from '../endpoint';
import { createProject, updateSheet } from '../../projects/edit';
import { findProject } from '../../projects/find';
import { moveProject, PROJECT_MOVES, moveInput } from '../../projects/workflow';
import { compareVersions, listVersions } from '../../projects/versions';
import { historyOut, presentProject, projectHistory, projectOut } from '../../projects/present';
import { newProjectInput, SHEET_SECTIONS, sheetPatch } from '../../projects/sheet-schema';
import { hint, parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';

const patchBody = sheetPatch.extend({
	revision: z.number().int().optional().meta({ description: 'The revision the change was made on' })
});
/** A PATCH body: an object of the sheet's fields and the revision; another field is named as unknown. */
const patchEnvelope = z.looseObject({ revision: z.number().int().optional() }).superRefine((body, issues) => {
	for (const key of Object.keys(body))
		if (!(key in patchBody.shape))
			issues.addIssue({ code: 'custom', path: [key], message: 'error_unknown_field' });
});
const moveBody = moveInput.extend({ move: z.enum(PROJECT_MOVES, hint('projects_error_move_unknown')) });
const versionRef = z.union(
	[z.literal('current'), z.coerce.number().int().min(1)],
	hint('projects_error_version')
);
const compareQuery = z.object({ from: versionRef, to: versionRef.default('current') });

const versionsOut = z.object({
	items: z.array(z.object({ number: z.number().int(), submittedBy: z.string(), createdAt: z.string() }))
});
const compareOut = z.object({
	fields: z.array(
		z.object({
			section: z.enum(SHEET_SECTIONS),
			field: z.string(),
			label: z.string(),
			before: z.array(z.string()),
			after: z.array(z.string()),
			changed: z.boolean()
		})
	)
});

/** One project: its sheet, its moves through the workflow, its versions and history. */
export const projectOperations = [
	operation({
		method: 'POST',
		path: '/projects',
		operationId: 'createProject',
		tag: 'projects',
		summary: (locale) => m.projects_api_create({}, { locale }),
		body: newProjectInput,
		status: 201,
		response: projectOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, body }) => presentProject(ctx, await createProject(ctx, body))
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}',
		operationId: 'getProject',
		tag: 'projects',
		summary: (locale) => m.projects_api_get({}, { locale }),
		public: true,
		status: 200,
		response: projectOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentProject(ctx, await findProject(ctx, id))
	}),
	operation({
		method: 'PATCH',
		path: '/projects/{id}',
		operationId: 'updateProject',
		tag: 'projects',
		summary: (locale) => m.projects_api_patch({}, { locale }),
		body: patchBody,
		status: 200,
		response: projectOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const { revision, ...patch } = parseInput(patchEnvelope, body, ctx.locale);
			return presentProject(ctx, await updateSheet(ctx, id, patch, revision));
		}
	}),
	operation({
		method: 'POST',
		path: '/projects/{id}/moves',
		operationId: 'moveProject',
		tag: 'projects',
		summary: (locale) => m.projects_api_move({}, { locale }),
		body: moveBody,
		status: 200,
		response: projectOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body, publicUrl }) => {
			const { move, ...rest } = parseInput(moveBody, body ?? {}, ctx.locale);
			const sections = Object.fromEntries(rest.sections);
			return presentProject(
				ctx,
				await moveProject(ctx, id, move, { comment: rest.comment, sections }, publicUrl)
			);
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/versions',
		operationId: 'listProjectVersions',
		tag: 'projects',
		summary: (locale) => m.projects_api_versions({}, { locale }),
		public: true,
		status: 200,
		response: versionsOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => {
			const { versions } = await listVersions(ctx, id);
			return { items: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) };
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/compare',
		operationId: 'compareProjectVersions',
		tag: 'projects',
		summary: (locale) => m.projects_api_compare({}, { locale }),
		public: true,
		query: compareQuery,
		status: 200,
		response: compareOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { from, to } = parseInput(compareQuery, query, ctx.locale);
			const { fields } = await compareVersions(ctx, id, from, to);
			return { fields };
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/history',
		operationId: 'getProjectHistory',
		tag: 'projects',
		summary: (locale) => m.projects_api_history({}, { locale }),
		public: true,
		status: 200,
		response: historyOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => ({ items: await projectHistory(ctx, id) })
	})
];
