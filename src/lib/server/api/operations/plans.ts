import { z } from 'zod';
import type { Ctx } from '../../context';
import { authorize } from '../../access/policy';
import { hint, parseInput } from '../../validation';
import { listQuery } from '../../directory/schema';
import {
	PLAN_FIELDS,
	addClusterToPlan,
	createPlan,
	getPlan,
	listPlans,
	setPlanStatus,
	updatePlan
} from '../../plans/plans';
import { createChapter, deleteChapter, getChapter, listChapters, updateChapter } from '../../plans/chapters';
import { compareVersions, listVersions } from '../../plans/versions';
import { chapterPlace } from '../../plans/chapter-lookup';
import {
	chapterInput,
	newPlanInput,
	planInput,
	planListQuery,
	planStatusInput,
	revisionField,
	sexAgeGroupsInput
} from '../../plans/schema';
import { setSexAgeGroups } from '../../plans/sex-age-groups';
import {
	chapterListOut,
	chapterOut,
	comparisonOut,
	planListOut,
	planOut,
	presentChapter,
	presentComparison,
	presentPlan,
	presentPlanSummary,
	presentVersion,
	versionListOut
} from '../../plans/present';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

/** `?cluster=ER`: the cluster whose part of the plan is meant, by its code. */
export const clusterQuery = z.object({
	cluster: z.string(hint('plans_api_error_cluster')).trim().min(1, hint('plans_api_error_cluster')).max(40)
});

const page = listQuery.pick({ limit: true, offset: true });
const version = z.coerce
	.number(hint('plans_api_error_version'))
	.int(hint('plans_api_error_version'))
	.min(0, hint('plans_api_error_version'));
const compareQuery = z.object({ from: version, to: version });
const planClusterInput = z.object({ clusterId: z.uuid(hint('plans_error_cluster')) });
const planPatch = z.object(planInput.shape).partial().extend({ revision: revisionField.optional() });

/**
 * A PATCH names only the fields that change: the others are taken from the record as stored, and
 * the domain validates the whole as the page's form would send it.
 */
export function patched(current: Record<string, unknown>, body: unknown): unknown {
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...current, ...body } : body;
}

async function readPlan(ctx: Ctx, id: string) {
	return presentPlan(await getPlan(ctx, id));
}

async function readChapter(ctx: Ctx, id: string) {
	const { planId, clusterCode } = await chapterPlace(ctx.db, id);
	const { chapter, canEdit, ...part } = await getChapter(ctx, planId, clusterCode, id);
	return presentChapter(part, chapter, canEdit);
}

/** Plans, their clusters, chapters and versions. */
export const plans = [
	operation({
		method: 'GET',
		path: '/plans',
		operationId: 'listPlans',
		tag: 'plans',
		summary: (locale) => m.plans_api_list({}, { locale }),
		public: true,
		query: planListQuery,
		status: 200,
		response: planListOut,
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await listPlans(ctx, query);
			return { items: items.map(presentPlanSummary), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/plans',
		operationId: 'createPlan',
		tag: 'plans',
		summary: (locale) => m.plans_api_create({}, { locale }),
		body: newPlanInput,
		status: 201,
		response: planOut,
		problems: ['validation', 'forbidden'],
		run: async ({ ctx, body }) => readPlan(ctx, (await createPlan(ctx, body)).id)
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}',
		operationId: 'getPlan',
		tag: 'plans',
		summary: (locale) => m.plans_api_get({}, { locale }),
		public: true,
		status: 200,
		response: planOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readPlan(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/plans/{id}',
		operationId: 'updatePlan',
		tag: 'plans',
		summary: (locale) => m.plans_api_update({}, { locale }),
		body: planPatch,
		status: 200,
		response: planOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const current = await getPlan(ctx, id);
			const fields = Object.fromEntries(PLAN_FIELDS.map((k) => [k, current[k]]));
			await updatePlan(ctx, id, patched(fields, body));
			return readPlan(ctx, id);
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/status',
		operationId: 'setPlanStatus',
		tag: 'plans',
		summary: (locale) => m.plans_api_status({}, { locale }),
		body: planStatusInput,
		status: 200,
		response: planOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await setPlanStatus(ctx, id, body);
			return readPlan(ctx, id);
		}
	}),
	operation({
		method: 'PUT',
		path: '/plans/{id}/sex-age-groups',
		operationId: 'setSexAgeGroups',
		tag: 'plans',
		summary: (locale) => m.plans_api_sex_age_groups({}, { locale }),
		body: sexAgeGroupsInput,
		status: 200,
		response: planOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await setSexAgeGroups(ctx, id, body);
			return readPlan(ctx, id);
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/clusters',
		operationId: 'addPlanCluster',
		tag: 'plans',
		summary: (locale) => m.plans_api_add_cluster({}, { locale }),
		body: planClusterInput,
		status: 200,
		response: planOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const { clusterId } = parseInput(planClusterInput, body, ctx.locale);
			await addClusterToPlan(ctx, id, clusterId);
			return readPlan(ctx, id);
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/versions',
		operationId: 'listPlanVersions',
		tag: 'plans',
		summary: (locale) => m.plans_api_versions({}, { locale }),
		public: true,
		query: page,
		status: 200,
		response: versionListOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { items, total } = await listVersions(ctx, id, parseInput(page, query, ctx.locale));
			// Who changed a plan is for its users to know, not for visitors of the public page.
			return { items: items.map((v) => presentVersion(v, ctx.actor !== null)), total };
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/versions/compare',
		operationId: 'comparePlanVersions',
		tag: 'plans',
		summary: (locale) => m.plans_api_compare({}, { locale }),
		public: true,
		query: compareQuery,
		status: 200,
		response: comparisonOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { from, to } = parseInput(compareQuery, query, ctx.locale);
			const compared = await compareVersions(ctx, id, from, to);
			return presentComparison(compared.from, compared.to, compared.differences);
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/chapters',
		operationId: 'listPlanChapters',
		tag: 'plans',
		summary: (locale) => m.plans_api_chapters_list({}, { locale }),
		public: true,
		query: clusterQuery.extend(page.shape),
		status: 200,
		response: chapterListOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { cluster, limit, offset } = parseInput(clusterQuery.extend(page.shape), query, ctx.locale);
			const { chapters, canEdit, ...part } = await listChapters(ctx, id, cluster);
			const items = chapters.slice(offset, offset + limit).map((c) => presentChapter(part, c, canEdit));
			return { items, total: chapters.length };
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/chapters',
		operationId: 'createPlanChapter',
		tag: 'plans',
		summary: (locale) => m.plans_api_chapters_create({}, { locale }),
		query: clusterQuery,
		body: chapterInput,
		status: 201,
		location: (id) => `/plan-chapters/${id}`,
		response: chapterOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return readChapter(ctx, (await createChapter(ctx, id, cluster, body)).id);
		}
	}),
	operation({
		method: 'GET',
		path: '/plan-chapters/{id}',
		operationId: 'getPlanChapter',
		tag: 'plans',
		summary: (locale) => m.plans_api_chapter_get({}, { locale }),
		public: true,
		status: 200,
		response: chapterOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readChapter(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/plan-chapters/{id}',
		operationId: 'updatePlanChapter',
		tag: 'plans',
		summary: (locale) => m.plans_api_chapter_update({}, { locale }),
		body: chapterInput.partial(),
		status: 200,
		response: chapterOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const { planId, clusterCode } = await chapterPlace(ctx.db, id);
			const { chapter } = await getChapter(ctx, planId, clusterCode, id);
			const { kind, titleFr, titleEn, bodyFr, bodyEn } = chapter;
			await updateChapter(
				ctx,
				planId,
				clusterCode,
				id,
				patched({ kind, titleFr, titleEn, bodyFr, bodyEn }, body)
			);
			return readChapter(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/plan-chapters/{id}',
		operationId: 'deletePlanChapter',
		tag: 'plans',
		summary: (locale) => m.plans_api_chapter_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id }) => {
			authorize(ctx.actor, true);
			const { planId, clusterCode } = await chapterPlace(ctx.db, id);
			await deleteChapter(ctx, planId, clusterCode, id);
		}
	})
];
