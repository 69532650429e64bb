/**
 * What a coordinator types for a calendar event and for a work plan's activities. The same schemas
 * validate the pages' forms and the API's bodies, and feed the OpenAPI document.
 */
import { z } from 'zod';
import { EVENT_KINDS, WORK_PLAN_STATUSES } from '../db/schema';
import { listQuery, optionalId } from '../directory/schema';
import {
	blankAsAbsent,
	daySchema,
	hint,
	optionalDaySchema,
	optionalText,
	requiredText,
	timeSchema
} from '../validation';

const day = daySchema('events_error_day');
const optionalDay = optionalDaySchema('events_error_day');
/** HH:MM on 24 hours; a form's empty field (or null) is no time. */
const time = timeSchema('events_error_time');
/** Plain text: shown escaped, line breaks kept. */
const notes = z
	.string()
	.trim()
	.max(20_000)
	.nullish()
	.transform((v) => v ?? '');

/**
 * An event: a single day ("OPS training, 21 October 10:00–12:00"), a day without times (an all-day
 * event: "submissions close 31 October") or several days (the end day, with the end time on that day).
 */
export const eventFields = z.object({
	kind: z.enum(EVENT_KINDS, hint('events_error_kind')),
	title: requiredText(300),
	startsOn: day,
	startTime: time,
	endsOn: optionalDay,
	endTime: time,
	place: optionalText(300),
	notes
});
export const eventInput = eventFields
	.transform((v) => ({ ...v, endsOn: v.endsOn === v.startsOn ? null : v.endsOn }))
	.superRefine((v, issue) => {
		if (v.endsOn !== null && v.endsOn < v.startsOn)
			issue.addIssue({ code: 'custom', path: ['endsOn'], message: 'events_error_end_day_before_start' });
		if (v.endTime !== null && v.startTime === null)
			issue.addIssue({ code: 'custom', path: ['endTime'], message: 'events_error_end_time_without_start' });
		else if (v.endsOn === null && v.startTime !== null && v.endTime !== null && v.endTime <= v.startTime)
			issue.addIssue({ code: 'custom', path: ['endTime'], message: 'events_error_end_time_before_start' });
	});
export type EventInput = z.output<typeof eventInput>;

/** `?cluster=ER`: whose calendar, by the cluster's code. */
export const clusterParam = z.object({
	cluster: z.string(hint('events_error_cluster')).trim().min(1, hint('events_error_cluster')).max(40)
});

export const eventListQuery = listQuery
	.omit({ q: true })
	.extend({
		cluster: blankAsAbsent(z.string().trim().max(40)),
		/** Events that run on or after this day. */
		from: blankAsAbsent(day),
		/** Events that start on or before this day. */
		to: blankAsAbsent(day),
		kind: blankAsAbsent(z.enum(EVENT_KINDS, hint('events_error_kind')))
	})
	.refine((q) => !q.from || !q.to || q.to >= q.from, { path: ['to'], message: 'events_error_period' });

const year = z.coerce
	.number(hint('events_error_year'))
	.int(hint('events_error_year'))
	.min(2000, hint('events_error_year'))
	.max(2100, hint('events_error_year'));

export const workPlanInput = z.object({
	year,
	quarter: z.coerce
		.number(hint('events_error_quarter'))
		.int(hint('events_error_quarter'))
		.min(1, hint('events_error_quarter'))
		.max(4, hint('events_error_quarter'))
});

export const workPlanListQuery = listQuery.omit({ q: true }).extend({
	cluster: blankAsAbsent(z.string().trim().max(40)),
	year: blankAsAbsent(year)
});

export const activityFields = z.object({
	activity: requiredText(1_000),
	responsibleText: optionalText(300).transform((v) => v ?? ''),
	/** An organisation of the directory, optional beside (or instead of) the text. */
	responsibleOrganisationId: optionalId('events_error_unknown_organisation'),
	startsOn: day,
	endsOn: day,
	status: z.enum(WORK_PLAN_STATUSES, hint('events_error_status')).default('planned'),
	notes
});
export const activityInput = activityFields.refine((v) => v.endsOn >= v.startsOn, {
	path: ['endsOn'],
	message: 'events_error_end_day_before_start'
});
export type ActivityInput = z.output<typeof activityInput>;

/** Moves an activity to this place in its plan's order (1 = first). */
export const activityPosition = z.object({
	position: z.coerce.number(hint('events_error_position')).int(hint('events_error_position')).min(1)
});
