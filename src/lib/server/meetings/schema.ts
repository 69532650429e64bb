import { z } from 'zod';
import { MEETING_KINDS, MEETING_STATES, MEETING_NOTE_KINDS } from '../db/schema';
import { blankAsAbsent, daySchema, hint, optionalText, requiredText, timeSchema } from '../validation';
import { richTextInput } from '../rich-text/sanitize';
import { clusterCode, listQuery } from '../directory/schema';

const day = daySchema('minutes_error_day');
/** 14:30; a form's empty field is no time. */
const time = timeSchema('minutes_error_time');
const optionalId = z
	.uuid()
	.nullish()
	.transform((v) => v ?? null);

const endsAfterStart = (v: { startTime: string | null; endTime: string | null }) =>
	!v.startTime || !v.endTime || v.endTime > v.startTime;
const endBeforeStart = { path: ['endTime'], message: 'minutes_error_end_before_start' };

/** The invitation part of a meeting: what a coordinator types in when planning it. */
export const meetingFields = z.object({
	title: requiredText(300),
	kind: z.enum(MEETING_KINDS, hint('minutes_error_kind')).default('cluster-meeting'),
	date: day,
	startTime: time,
	endTime: time,
	place: optionalText(300),
	objectives: richTextInput(100_000).default('')
});
export const MEETING_FIELDS = Object.keys(meetingFields.shape) as (keyof typeof meetingFields.shape)[];

/**
 * What the writer of a change had read (`version` of the meeting as it was answered): a save based
 * on an older one is refused when what it changes was changed since.
 */
export const versionField = z
	.string(hint('meetingedit_error_version'))
	.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/, hint('meetingedit_error_version'));
const version = blankAsAbsent(versionField);
/** `{ version }` alone: what a deletion may name. */
export const versionInput = z.object({ version });

export const meetingFieldsInput = meetingFields.extend({ version }).refine(endsAfterStart, endBeforeStart);

/** One item of the agenda; `position` (from 1) places it, at the end when absent. */
export const agendaItemInput = z.object({
	section: optionalText(200),
	subject: requiredText(500),
	context: richTextInput(100_000).default(''),
	status: richTextInput(20_000).default(''),
	position: blankAsAbsent(z.coerce.number(hint('meetingedit_error_position')).int().min(1).max(1000)),
	version
});
export const AGENDA_FIELDS = ['section', 'subject', 'context', 'status'] as const;

/** A whole list of the minutes (lessons, consensus or perspectives), in order; blank lines dropped. */
export const notesInput = z.object({
	items: z
		.preprocess(
			(v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
			z.array(z.string(hint('meetingedit_error_note')).trim().max(5_000)).max(100)
		)
		.transform((items) => items.filter(Boolean)),
	version
});

/** The lists of the minutes as the API and the pages name them. */
export const NOTE_LISTS = { lessons: 'lesson', consensus: 'consensus', perspectives: 'perspective' } as const;
export type NoteList = keyof typeof NOTE_LISTS;
export const noteListOf = Object.fromEntries(
	Object.entries(NOTE_LISTS).map(([list, kind]) => [kind, list])
) as Record<(typeof MEETING_NOTE_KINDS)[number], NoteList>;

export const meetingListQuery = listQuery.pick({ limit: true, offset: true }).extend({
	cluster: blankAsAbsent(clusterCode),
	state: blankAsAbsent(z.enum(MEETING_STATES, hint('meetingedit_error_state'))),
	from: blankAsAbsent(day),
	to: blankAsAbsent(day)
});
export type MeetingListQuery = z.input<typeof meetingListQuery>;

/** A meeting as a coordinator saves it — typed in, or an imported draft after review. */
export const meetingInput = meetingFields
	.extend({
		agenda: z
			.array(
				z.object({
					section: optionalText(200),
					subject: requiredText(500),
					context: richTextInput(100_000).default(''),
					status: richTextInput(20_000).default('')
				})
			)
			.max(200)
			.default([]),
		lessons: z.array(requiredText(5_000)).max(100).default([]),
		consensus: z.array(requiredText(5_000)).max(100).default([]),
		perspectives: z.array(requiredText(5_000)).max(100).default([]),
		participants: z
			.array(
				z.object({
					personId: optionalId,
					organisationId: optionalId,
					name: requiredText(200),
					organisation: optionalText(300),
					function: optionalText(300),
					email: z
						.email()
						.nullish()
						.transform((v) => v?.toLowerCase() ?? null)
				})
			)
			.max(500)
			.default([]),
		actions: z
			.array(
				z.object({
					description: requiredText(2_000),
					responsible: optionalText(300),
					dueDate: day.nullish().transform((v) => v ?? null)
				})
			)
			.max(500)
			.default([])
	})
	.refine(endsAfterStart, endBeforeStart);
