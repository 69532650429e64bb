/**
 * The submission window of a plan's cluster and the plan's own questions its project sheets answer.
 * A plan's cluster is named by its code in the query (`/plans/{id}/submission-window?cluster=ER`),
 * as for chapters; a question has its own address (`/plan-questions/{id}`).
 */
import { z } from 'zod';
import type { Ctx } from '../../context';
import { authorize, managesCluster } from '../../access/policy';
import { hint, optionalDaySchema, parseInput } from '../../validation';
import { QUESTION_KINDS } from '../../db/schema';
import { closeWindow, openWindow, readWindow } from '../../projects/window';
import {
	answeredCounts,
	createQuestion,
	deleteQuestion,
	editsQuestions,
	getQuestion,
	moveQuestion,
	moveQuestionInput,
	questionInput,
	readQuestions,
	updateQuestion,
	type PlanQuestion
} from '../../projects/questions';
import { findPlanPart } from '../../plans/access';
import { listOf } from '../presenters';
import { operation, type Operation } from '../endpoint';
import { clusterQuery } from './plans';
import { m } from '$lib/paraglide/messages';

const id = z.string().meta({ format: 'uuid' });
const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const clusterRef = z.object({ id, code: z.string() });

const windowOut = z.object({
	planId: id,
	cluster: clusterRef,
	status: z.enum(['open', 'closed', 'never-opened']).meta({
		description: 'Closed also when the window was left open but its deadline has passed (expired)'
	}),
	deadline: z.string().nullable().meta({ format: 'date', description: 'The last day to submit, included' }),
	openedAt: timestamp.nullable(),
	closedAt: timestamp.nullable(),
	expired: z.boolean().meta({ description: 'Left open, but the deadline has passed: closed to partners' }),
	daysLeft: z.int().nullable().meta({ description: 'Days left after today while open with a deadline' }),
	today: z.string().meta({ format: 'date', description: 'Today in the clusters’ time zone (Africa/Bamako)' }),
	canEdit: z.boolean()
});

const windowInput = z.object({
	status: z.enum(['open', 'closed'], hint('projectwindow_error_status')),
	deadline: optionalDaySchema('projectwindow_error_deadline')
		.optional()
		.meta({ description: 'When opening: the last day partners may submit (none: no deadline)' })
});

const choiceOut = z.object({ code: z.string(), labelFr: z.string(), labelEn: z.string() });
const questionOut = z.object({
	id,
	planId: id,
	cluster: clusterRef,
	position: z.int(),
	labelFr: z.string(),
	labelEn: z.string().nullable(),
	kind: z.enum(QUESTION_KINDS),
	required: z.boolean(),
	choices: z.array(choiceOut),
	answeredBySubmitted: z
		.int()
		.meta({ description: 'Submitted projects that answered it: then it cannot be deleted' }),
	canEdit: z.boolean()
});

async function readWindowOut(ctx: Ctx, planId: string, cluster: string) {
	const { part, window, canEdit, today } = await readWindow(ctx, planId, cluster);
	return {
		planId: part.plan.id,
		cluster: { id: part.cluster.id, code: part.cluster.code },
		...window,
		today,
		canEdit
	};
}

function presentQuestion(
	q: PlanQuestion,
	scope: { planId: string; cluster: { id: string; code: string }; canEdit: boolean },
	answered: number
): z.output<typeof questionOut> {
	return {
		id: q.id,
		planId: scope.planId,
		cluster: scope.cluster,
		position: q.position,
		labelFr: q.labelFr,
		labelEn: q.labelEn,
		kind: q.kind,
		required: q.required,
		choices: q.choices,
		answeredBySubmitted: answered,
		canEdit: scope.canEdit
	};
}

async function readQuestionOut(ctx: Ctx, questionId: string) {
	const found = await getQuestion(ctx, questionId);
	const scope = { planId: found.plan.id, clusterId: found.cluster.id };
	const counts = await answeredCounts(ctx.db, scope, [found.question]);
	return presentQuestion(
		found.question,
		{
			planId: found.plan.id,
			cluster: found.cluster,
			canEdit: editsQuestions(ctx.actor, found.cluster.id, found.plan)
		},
		counts[found.question.id] ?? 0
	);
}

export const submissionOperations: Operation[] = [
	operation({
		method: 'GET',
		path: '/plans/{id}/submission-window',
		operationId: 'getSubmissionWindow',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_window_get({}, { locale }),
		query: clusterQuery,
		status: 200,
		response: windowOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			authorize(ctx.actor, ctx.actor !== null);
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			return readWindowOut(ctx, id, cluster);
		}
	}),
	operation({
		method: 'PUT',
		path: '/plans/{id}/submission-window',
		operationId: 'setSubmissionWindow',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_window_put({}, { locale }),
		query: clusterQuery,
		body: windowInput,
		status: 200,
		response: windowOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			authorize(ctx.actor, ctx.actor !== null);
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			const status = (body as { status?: unknown } | null)?.status;
			if (status === 'closed') await closeWindow(ctx, id, cluster);
			else if (status === 'open') await openWindow(ctx, id, cluster, body);
			// Neither: the schema names what to send (after the permission check, as for the others).
			else {
				await readWindowForWrite(ctx, id, cluster);
				parseInput(windowInput, body, ctx.locale);
			}
			return readWindowOut(ctx, id, cluster);
		}
	}),
	operation({
		method: 'GET',
		path: '/plans/{id}/questions',
		operationId: 'listPlanQuestions',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_questions_list({}, { locale }),
		query: clusterQuery,
		status: 200,
		response: listOf(questionOut),
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			authorize(ctx.actor, ctx.actor !== null);
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			const { part, questions, answered, canEdit } = await readQuestions(ctx, id, cluster);
			const scope = {
				planId: part.plan.id,
				cluster: { id: part.cluster.id, code: part.cluster.code },
				canEdit
			};
			const items = questions.map((q) => presentQuestion(q, scope, answered[q.id] ?? 0));
			return { items, total: items.length };
		}
	}),
	operation({
		method: 'POST',
		path: '/plans/{id}/questions',
		operationId: 'createPlanQuestion',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_question_create({}, { locale }),
		query: clusterQuery,
		body: questionInput,
		status: 201,
		location: (questionId) => `/plan-questions/${questionId}`,
		response: questionOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query, body }) => {
			authorize(ctx.actor, ctx.actor !== null);
			const { cluster } = parseInput(clusterQuery, query, ctx.locale);
			const created = await createQuestion(ctx, id, cluster, body);
			return readQuestionOut(ctx, created.id);
		}
	}),
	operation({
		method: 'GET',
		path: '/plan-questions/{id}',
		operationId: 'getPlanQuestion',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_question_get({}, { locale }),
		status: 200,
		response: questionOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readQuestionOut(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/plan-questions/{id}',
		operationId: 'updatePlanQuestion',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_question_update({}, { locale }),
		body: questionInput.partial(),
		status: 200,
		response: questionOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await updateQuestion(ctx, id, body);
			return readQuestionOut(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/plan-questions/{id}',
		operationId: 'deletePlanQuestion',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_question_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id }) => {
			await deleteQuestion(ctx, id);
		}
	}),
	operation({
		method: 'POST',
		path: '/plan-questions/{id}/move',
		operationId: 'movePlanQuestion',
		tag: 'plans',
		summary: (locale) => m.projectwindow_api_question_move({}, { locale }),
		body: moveQuestionInput,
		status: 200,
		response: questionOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await moveQuestion(ctx, id, body);
			return readQuestionOut(ctx, id);
		}
	})
];

/** Refuses a user who may not change the window before telling them what is wrong with the input. */
async function readWindowForWrite(ctx: Ctx, planId: string, cluster: string) {
	const part = await findPlanPart(ctx, planId, cluster);
	authorize(ctx.actor, managesCluster(ctx.actor, part.cluster.id));
}
