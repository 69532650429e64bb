/**
 * Calendar events and quarterly work plans under /api/v1. Handlers call the calendar domain, which
 * checks who may act and validates input, and present what it returns.
 */
import { z } from 'zod';
import type { Ctx } from '../../context';
import { parseInput } from '../../validation';
import type { FieldError } from '../../errors';
import {
	createEvent,
	deleteEvent,
	eventFieldsOf,
	getEvent,
	listEvents,
	updateEvent
} from '../../calendar/events';
import {
	activityFieldsOf,
	addActivity,
	createWorkPlan,
	deleteActivity,
	getWorkPlan,
	listWorkPlans,
	moveActivity,
	planOfActivity,
	updateActivity
} from '../../calendar/work-plans';
import {
	activityFields,
	activityPosition,
	clusterParam,
	eventFields,
	eventListQuery,
	workPlanInput,
	workPlanListQuery
} from '../../calendar/schema';
import { EVENT_KINDS, WORK_PLAN_STATUSES } from '../../db/schema';
import { patched } from './plans';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

const tag = 'calendar';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const day = z.string().meta({ format: 'date' });
const time = z.string().nullable().meta({ description: 'HH:MM, local time of the cluster' });
const fieldError = z.object({ path: z.string(), message: z.string() });

export const eventOut = z
	.object({
		id,
		cluster: z.string().meta({ description: "The cluster's code" }),
		kind: z.enum(EVENT_KINDS),
		title: z.string(),
		startsOn: day,
		startTime: time.meta({ description: 'HH:MM; null for an all-day event' }),
		endsOn: day.nullable().meta({ description: 'The last day of an event of several days, else null' }),
		endTime: time,
		allDay: z.boolean(),
		place: z.string().nullable(),
		notes: z.string().meta({ description: 'Plain text' }),
		ics: z.string().meta({ description: 'Where the event downloads as iCalendar' }),
		createdAt: timestamp,
		updatedAt: timestamp
	})
	.meta({ id: 'CalendarEvent' });
const eventListOut = z.object({ items: z.array(eventOut), total: z.int() });

type EventRow = Awaited<ReturnType<typeof listEvents>>['items'][number];
function presentEvent(e: EventRow): z.output<typeof eventOut> {
	return {
		id: e.id,
		cluster: e.clusterCode,
		...eventFieldsOf(e),
		allDay: e.startTime === null,
		ics: `/calendar/events/${e.id}/event.ics`,
		createdAt: e.createdAt,
		updatedAt: e.updatedAt
	};
}

const organisationRef = z.object({ id, name: z.string(), acronym: z.string().nullable() });

export const activityOut = z
	.object({
		id,
		workPlanId: id,
		position: z.int(),
		activity: z.string(),
		responsibleText: z.string(),
		responsibleOrganisation: organisationRef.nullable(),
		startsOn: day,
		endsOn: day,
		status: z.enum(WORK_PLAN_STATUSES),
		notes: z.string(),
		outsideQuarter: z.boolean().meta({ description: 'Its days run outside the quarter of its plan' })
	})
	.meta({ id: 'WorkPlanActivity' });
const activityWriteOut = activityOut.extend({
	warnings: z.array(fieldError).meta({ description: 'What was saved but deserves a look' })
});

const workPlanSummaryOut = z.object({
	id,
	cluster: z.string(),
	year: z.int(),
	quarter: z.int().min(1).max(4),
	activities: z.int().meta({ description: 'How many activities it holds' }),
	updatedAt: timestamp
});
const workPlanListOut = z.object({ items: z.array(workPlanSummaryOut), total: z.int() });
export const workPlanOut = z
	.object({
		id,
		cluster: z.string(),
		year: z.int(),
		quarter: z.int().min(1).max(4),
		from: day.meta({ description: 'First day of the quarter' }),
		to: day.meta({ description: 'Last day of the quarter' }),
		activities: z.array(activityOut),
		createdAt: timestamp,
		updatedAt: timestamp
	})
	.meta({ id: 'WorkPlan' });

type Plan = Awaited<ReturnType<typeof getWorkPlan>>;
function presentActivity(a: Plan['activities'][number]): z.output<typeof activityOut> {
	return {
		id: a.id,
		workPlanId: a.workPlanId,
		position: a.position,
		...activityFieldsOf(a),
		responsibleOrganisation: a.responsibleOrganisationId
			? { id: a.responsibleOrganisationId, name: a.organisationName ?? '', acronym: a.organisationAcronym }
			: null,
		outsideQuarter: a.outsideQuarter
	};
}

async function readWorkPlan(ctx: Ctx, planId: string): Promise<z.output<typeof workPlanOut>> {
	const p = await getWorkPlan(ctx, planId);
	return {
		id: p.id,
		cluster: p.clusterCode,
		year: p.year,
		quarter: p.quarter,
		from: p.from,
		to: p.to,
		activities: p.activities.map(presentActivity),
		createdAt: p.createdAt,
		updatedAt: p.updatedAt
	};
}

async function activityRow(ctx: Ctx, activityId: string) {
	const plan = await getWorkPlan(ctx, await planOfActivity(ctx, activityId));
	return plan.activities.find((a) => a.id === activityId)!;
}

async function readActivity(ctx: Ctx, activityId: string) {
	return presentActivity(await activityRow(ctx, activityId));
}

const eventPatch = eventFields.partial();
const activityPatch = activityFields.partial().extend({
	position: z.int().min(1).optional().meta({ description: 'Moves the activity to this place (1 = first)' })
});

export const calendarOperations = [
	operation({
		method: 'GET',
		path: '/events',
		operationId: 'listEvents',
		tag,
		summary: (locale) => m.events_api_list({}, { locale }),
		query: eventListQuery,
		status: 200,
		response: eventListOut,
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await listEvents(ctx, query);
			return { items: items.map(presentEvent), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/events',
		operationId: 'createEvent',
		tag,
		summary: (locale) => m.events_api_create({}, { locale }),
		query: clusterParam,
		body: eventFields,
		status: 201,
		response: eventOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, query, body }) => {
			const { cluster } = parseInput(clusterParam, query, ctx.locale);
			const created = await createEvent(ctx, cluster, body);
			return presentEvent(await getEvent(ctx, created.id));
		}
	}),
	operation({
		method: 'GET',
		path: '/events/{id}',
		operationId: 'getEvent',
		tag,
		summary: (locale) => m.events_api_get({}, { locale }),
		status: 200,
		response: eventOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => presentEvent(await getEvent(ctx, id))
	}),
	operation({
		method: 'PATCH',
		path: '/events/{id}',
		operationId: 'updateEvent',
		tag,
		summary: (locale) => m.events_api_update({}, { locale }),
		body: eventPatch,
		status: 200,
		response: eventOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			const current = await getEvent(ctx, id);
			await updateEvent(ctx, id, patched(eventFieldsOf(current), body));
			return presentEvent(await getEvent(ctx, id));
		}
	}),
	operation({
		method: 'DELETE',
		path: '/events/{id}',
		operationId: 'deleteEvent',
		tag,
		summary: (locale) => m.events_api_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await deleteEvent(ctx, id);
		}
	}),
	operation({
		method: 'GET',
		path: '/work-plans',
		operationId: 'listWorkPlans',
		tag,
		summary: (locale) => m.events_api_work_plans_list({}, { locale }),
		query: workPlanListQuery,
		status: 200,
		response: workPlanListOut,
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await listWorkPlans(ctx, query);
			return {
				items: items.map((p) => ({
					id: p.id,
					cluster: p.clusterCode,
					year: p.year,
					quarter: p.quarter,
					activities: p.activities,
					updatedAt: p.updatedAt
				})),
				total
			};
		}
	}),
	operation({
		method: 'POST',
		path: '/work-plans',
		operationId: 'createWorkPlan',
		tag,
		summary: (locale) => m.events_api_work_plans_create({}, { locale }),
		query: clusterParam,
		body: workPlanInput,
		status: 201,
		response: workPlanOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, query, body }) => {
			const { cluster } = parseInput(clusterParam, query, ctx.locale);
			return readWorkPlan(ctx, (await createWorkPlan(ctx, cluster, body)).id);
		}
	}),
	operation({
		method: 'GET',
		path: '/work-plans/{id}',
		operationId: 'getWorkPlan',
		tag,
		summary: (locale) => m.events_api_work_plans_get({}, { locale }),
		status: 200,
		response: workPlanOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readWorkPlan(ctx, id)
	}),
	operation({
		method: 'POST',
		path: '/work-plans/{id}/activities',
		operationId: 'addWorkPlanActivity',
		tag,
		summary: (locale) => m.events_api_activities_create({}, { locale }),
		body: activityFields,
		status: 201,
		location: (id) => `/work-plan-activities/${id}`,
		response: activityWriteOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			const { activity, warnings } = await addActivity(ctx, id, body);
			return { ...(await readActivity(ctx, activity.id)), warnings };
		}
	}),
	operation({
		method: 'GET',
		path: '/work-plan-activities/{id}',
		operationId: 'getWorkPlanActivity',
		tag,
		summary: (locale) => m.events_api_activities_get({}, { locale }),
		status: 200,
		response: activityOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readActivity(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/work-plan-activities/{id}',
		operationId: 'updateWorkPlanActivity',
		tag,
		summary: (locale) => m.events_api_activities_update({}, { locale }),
		body: activityPatch,
		status: 200,
		response: activityWriteOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			const { position, ...fields } = (body ?? {}) as Record<string, unknown>;
			if (position !== undefined) parseInput(activityPosition, { position }, ctx.locale);
			let warnings: FieldError[] = [];
			if (Object.keys(fields).length) {
				const current = activityFieldsOf(await activityRow(ctx, id));
				({ warnings } = await updateActivity(ctx, id, patched(current, fields)));
			}
			if (position !== undefined) await moveActivity(ctx, id, { position });
			return { ...(await readActivity(ctx, id)), warnings };
		}
	}),
	operation({
		method: 'DELETE',
		path: '/work-plan-activities/{id}',
		operationId: 'deleteWorkPlanActivity',
		tag,
		summary: (locale) => m.events_api_activities_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await deleteActivity(ctx, id);
		}
	})
];
