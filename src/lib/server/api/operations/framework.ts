import { z } from 'zod';
import type { Ctx } from '../../context';
import type { Locale } from '../../i18n';
import { authorize } from '../../access/policy';
import { NotFoundError, ValidationError } from '../../errors';
import { hint, parseInput } from '../../validation';
import { findPlan } from '../../plans/access';
import {
	activityInput,
	clusterObjectiveInput,
	indicatorInput,
	moveInput,
	reorderInput,
	revisionField,
	strategicObjectiveInput,
	targetsInput
} from '../../plans/schema';
import { LEVELS, type Level } from '../../plans/framework/codes';
import {
	createActivity,
	createClusterObjective,
	createIndicator,
	createStrategicObjective,
	updateActivity,
	updateClusterObjective,
	updateIndicator,
	updateStrategicObjective
} from '../../plans/framework/items';
import { locate } from '../../plans/framework/levels';
import { moveItem, reorderItems } from '../../plans/framework/order';
import { deleteItem } from '../../plans/framework/remove';
import { getIndicatorTargets, setIndicatorTargets } from '../../plans/framework/targets';
import { getFramework } from '../../plans/framework/tree';
import {
	getActivity,
	getClusterObjective,
	getIndicator,
	getStrategicObjective
} from '../../plans/framework/read-item';
import {
	activityOut,
	clusterObjectiveOut,
	frameworkOut,
	indicatorOut,
	presentFramework,
	presentIndicator,
	presentTargets,
	reorderOut,
	strategicObjectiveOut,
	targetsOut
} from '../../plans/present';
import { operation, type Operation } from '../endpoint';
import { clusterQuery, patched } from './plans';
import { m } from '$lib/paraglide/messages';

type Summary = (locale: Locale) => string;

/** What the API does alike at each level of the framework, and how each level differs. */
interface LevelApi<R extends z.ZodType> {
	level: Level;
	/** The collection, in the path: `/activities/{id}`. */
	collection: string;
	/** `Activity` in `getActivity`, `moveActivity`… */
	name: string;
	out: R;
	read: (ctx: Ctx, id: string) => Promise<z.output<R>>;
	/** The item as its input schema takes it, for a PATCH to start from. */
	editable: (item: z.output<R>) => Record<string, unknown>;
	update: (ctx: Ctx, id: string, input: unknown) => Promise<unknown>;
	patchBody: z.ZodType;
	summaries: { get: Summary; update: Summary; delete: Summary; move: Summary };
}

const deleteQuery = z.object({
	revision: revisionField
		.optional()
		.meta({ description: 'The plan revision read: refused if the item changed since' })
});

function itemOperations<R extends z.ZodType>(api: LevelApi<R>): Operation[] {
	const path = `/${api.collection}/{id}`;
	return [
		operation({
			method: 'GET',
			path,
			operationId: `get${api.name}`,
			tag: 'framework',
			summary: api.summaries.get,
			public: true,
			status: 200,
			response: api.out,
			problems: ['not-found'],
			run: ({ ctx, id }) => api.read(ctx, id)
		}),
		operation({
			method: 'PATCH',
			path,
			operationId: `update${api.name}`,
			tag: 'framework',
			summary: api.summaries.update,
			body: api.patchBody,
			status: 200,
			response: api.out,
			problems: ['validation', 'forbidden', 'not-found', 'conflict'],
			run: async ({ ctx, id, body }) => {
				await api.update(ctx, id, patched(api.editable(await api.read(ctx, id)), body));
				return api.read(ctx, id);
			}
		}),
		operation({
			method: 'DELETE',
			path,
			operationId: `delete${api.name}`,
			tag: 'framework',
			summary: api.summaries.delete,
			query: deleteQuery,
			status: 204,
			problems: ['validation', 'forbidden', 'not-found', 'conflict'],
			run: async ({ ctx, id, query }) => {
				authorize(ctx.actor, true);
				const { revision } = parseInput(deleteQuery, query, ctx.locale);
				await deleteItem(ctx, api.level, id, revision);
			}
		}),
		operation({
			method: 'POST',
			path: `${path}/move`,
			operationId: `move${api.name}`,
			tag: 'framework',
			summary: api.summaries.move,
			body: moveInput,
			status: 200,
			response: api.out,
			problems: ['validation', 'forbidden', 'not-found', 'conflict'],
			run: async ({ ctx, id, body }) => {
				await moveItem(ctx, api.level, id, body);
				return api.read(ctx, id);
			}
		})
	];
}

const titles = (item: { titleFr: string; titleEn: string | null }) => ({
	titleFr: item.titleFr,
	titleEn: item.titleEn
});
const ids = (list: { id: string }[]) => list.map((l) => l.id);

async function readIndicator(ctx: Ctx, id: string) {
	return presentIndicator(await getIndicator(ctx, id));
}

const LEVEL_APIS = [
	itemOperations({
		level: 'strategic-objective',
		collection: 'strategic-objectives',
		name: 'StrategicObjective',
		out: strategicObjectiveOut,
		read: getStrategicObjective,
		editable: titles,
		update: updateStrategicObjective,
		patchBody: strategicObjectiveInput.partial(),
		summaries: {
			get: (locale) => m.plans_api_so_get({}, { locale }),
			update: (locale) => m.plans_api_so_update({}, { locale }),
			delete: (locale) => m.plans_api_so_delete({}, { locale }),
			move: (locale) => m.plans_api_so_move({}, { locale })
		}
	}),
	itemOperations({
		level: 'cluster-objective',
		collection: 'cluster-objectives',
		name: 'ClusterObjective',
		out: clusterObjectiveOut,
		read: getClusterObjective,
		editable: (co) => ({
			...titles(co),
			strategicObjectiveId: co.strategicObjectiveId,
			alsoServes: ids(co.alsoServes)
		}),
		update: updateClusterObjective,
		patchBody: clusterObjectiveInput.partial(),
		summaries: {
			get: (locale) => m.plans_api_co_get({}, { locale }),
			update: (locale) => m.plans_api_co_update({}, { locale }),
			delete: (locale) => m.plans_api_co_delete({}, { locale }),
			move: (locale) => m.plans_api_co_move({}, { locale })
		}
	}),
	itemOperations({
		level: 'activity',
		collection: 'activities',
		name: 'Activity',
		out: activityOut,
		read: getActivity,
		editable: (a) => ({
			...titles(a),
			clusterObjectiveId: a.clusterObjectiveId,
			alsoServes: ids(a.alsoServes)
		}),
		update: updateActivity,
		patchBody: activityInput.partial(),
		summaries: {
			get: (locale) => m.plans_api_activity_get({}, { locale }),
			update: (locale) => m.plans_api_activity_update({}, { locale }),
			delete: (locale) => m.plans_api_activity_delete({}, { locale }),
			move: (locale) => m.plans_api_activity_move({}, { locale })
		}
	}),
	itemOperations({
		level: 'indicator',
		collection: 'indicators',
		name: 'Indicator',
		out: indicatorOut,
		read: readIndicator,
		editable: (i) => ({
			...titles(i),
			activityId: i.activityId,
			unit: i.unit,
			periodRule: i.periodRule,
			placeRule: i.placeRule,
			disaggregation: i.disaggregation,
			baseline: i.baseline,
			target: i.target
		}),
		update: updateIndicator,
		patchBody: indicatorInput.partial(),
		summaries: {
			get: (locale) => m.plans_api_indicator_get({}, { locale }),
			update: (locale) => m.plans_api_indicator_update({}, { locale }),
			delete: (locale) => m.plans_api_indicator_delete({}, { locale }),
			move: (locale) => m.plans_api_indicator_move({}, { locale })
		}
	})
].flat();

const frameworkReorderInput = reorderInput.extend({ level: z.enum(LEVELS, hint('plans_api_error_level')) });

/** Items to reorder must be siblings in this plan: anything else is the same mistake. */
async function assertInPlan(ctx: Ctx, planId: string, level: Level, id: string) {
	const found = await locate(ctx.db, level, id).catch((e) => {
		if (e instanceof NotFoundError) return null;
		throw e;
	});
	if (found?.planId !== planId)
		throw new ValidationError([
			{ path: 'ids', message: m.framework_error_reorder({}, { locale: ctx.locale }) }
		]);
}

/** A cluster's framework in a plan: read as a tree, written item by item. */
export const framework = [
	operation({
		method: 'GET',
		path: '/plans/{id}/framework',
		operationId: 'getFramework',
		tag: 'framework',
		summary: (locale) => m.plans_api_framework_get({}, { locale }),
		public: true,
		query: clusterQuery,
		status: 200,
		response: frameworkOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return presentFramework(await getFramework(ctx, id, cluster));
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/strategic-objectives',
		operationId: 'createStrategicObjective',
		tag: 'framework',
		summary: (locale) => m.plans_api_so_create({}, { locale }),
		body: strategicObjectiveInput,
		status: 201,
		location: (id) => `/strategic-objectives/${id}`,
		response: strategicObjectiveOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) =>
			getStrategicObjective(ctx, (await createStrategicObjective(ctx, id, body)).id)
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/cluster-objectives',
		operationId: 'createClusterObjective',
		tag: 'framework',
		summary: (locale) => m.plans_api_co_create({}, { locale }),
		query: clusterQuery,
		body: clusterObjectiveInput,
		status: 201,
		location: (id) => `/cluster-objectives/${id}`,
		response: clusterObjectiveOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return getClusterObjective(ctx, (await createClusterObjective(ctx, id, cluster, body)).id);
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/activities',
		operationId: 'createActivity',
		tag: 'framework',
		summary: (locale) => m.plans_api_activity_create({}, { locale }),
		query: clusterQuery,
		body: activityInput,
		status: 201,
		location: (id) => `/activities/${id}`,
		response: activityOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return getActivity(ctx, (await createActivity(ctx, id, cluster, body)).id);
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/indicators',
		operationId: 'createIndicator',
		tag: 'framework',
		summary: (locale) => m.plans_api_indicator_create({}, { locale }),
		query: clusterQuery,
		body: indicatorInput,
		status: 201,
		location: (id) => `/indicators/${id}`,
		response: indicatorOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return readIndicator(ctx, (await createIndicator(ctx, id, cluster, body)).id);
		}
	}),
	...LEVEL_APIS,
	operation({
		method: 'POST',
		path: '/plans/{id}/reorder',
		operationId: 'reorderFramework',
		tag: 'framework',
		summary: (locale) => m.plans_api_reorder({}, { locale }),
		body: frameworkReorderInput,
		status: 200,
		response: reorderOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const { level, ids: order, revision } = parseInput(frameworkReorderInput, body, ctx.locale);
			await findPlan(ctx, id);
			await assertInPlan(ctx, id, level, order[0]!);
			await reorderItems(ctx, level, { ids: order, revision });
			return { level, ids: order, revision: (await findPlan(ctx, id)).revision };
		}
	}),
	operation({
		method: 'GET',
		path: '/indicators/{id}/targets',
		operationId: 'getIndicatorTargets',
		tag: 'framework',
		summary: (locale) => m.plans_api_targets_get({}, { locale }),
		public: true,
		status: 200,
		response: targetsOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentTargets(await getIndicatorTargets(ctx, id))
	}),
	operation({
		method: 'PUT',
		path: '/indicators/{id}/targets',
		operationId: 'setIndicatorTargets',
		tag: 'framework',
		summary: (locale) => m.plans_api_targets_set({}, { locale }),
		body: targetsInput,
		status: 200,
		response: targetsOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await setIndicatorTargets(ctx, id, body);
			return presentTargets(await getIndicatorTargets(ctx, id));
		}
	})
];
