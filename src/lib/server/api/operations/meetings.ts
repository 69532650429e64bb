import { z } from 'zod';
import type { Ctx } from '../../context';
import { hint, parseInput } from '../../validation';
import { importMinutes } from '../../meetings/minutes/import-minutes';
import { readUpload } from '../../uploads/read-upload';
import { getMeeting, pageOfMeetings, type Meeting } from '../../meetings/meetings';
import {
	createPlannedMeeting,
	deleteMeeting,
	getMeetingForEdit,
	updateMeeting
} from '../../meetings/edit-meeting';
import {
	addAgendaItem,
	getAgendaItem,
	removeAgendaItem,
	updateAgendaItem,
	type AgendaItem
} from '../../meetings/edit-agenda';
import { setNotes } from '../../meetings/edit-notes';
import { setMeetingState } from '../../meetings/lifecycle';
import { deliverQueuedMail } from '../../mail/outbox';
import { MEETING_STATES } from '../../db/schema';
import {
	MEETING_FIELDS,
	agendaItemInput,
	meetingFields,
	meetingListQuery,
	notesInput,
	versionField,
	versionInput,
	type NoteList
} from '../../meetings/schema';
import { listOf } from '../presenters';
import { patched } from './plans';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../../i18n';

const importQuery = z.object({
	cluster: z
		.string(hint('minutes_api_error_cluster'))
		.trim()
		.min(1, hint('minutes_api_error_cluster'))
		.max(40)
});

const text = z.string();
const day = z.string().nullable().meta({ description: 'YYYY-MM-DD; null when it could not be read' });

/** What an import read: the draft a coordinator reviews before the meeting is saved. */
export const minutesDraftOut = z
	.object({
		title: text,
		date: day,
		startTime: z.string().nullable().meta({ description: 'HH:MM' }),
		place: text.nullable(),
		objectives: text.meta({ description: 'Sanitised HTML' }),
		agenda: z.array(
			z.object({
				section: text.nullable(),
				subject: text,
				context: text.meta({ description: 'Sanitised HTML' }),
				status: text.meta({ description: 'Sanitised HTML' })
			})
		),
		lessons: z.array(text),
		consensus: z.array(text),
		actions: z.array(z.object({ description: text, responsible: text, dueDate: day, dueText: text })),
		perspectives: z.array(text),
		participants: z.array(
			z.object({
				organisation: text,
				name: text,
				function: text,
				email: text.nullable(),
				personId: z.uuid().nullable(),
				organisationId: z.uuid().nullable()
			})
		),
		problems: z.array(z.object({ line: z.int(), field: text, message: text }))
	})
	.meta({ id: 'MinutesDraft' });

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (t) => new Date(t),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const html = text.meta({ description: 'Sanitised HTML' });
const version = z.string().meta({
	description:
		'The meeting as read: send it back with a change to have it refused (409, naming what changed) if another editor changed the same part since'
});

export const agendaItemOut = z
	.object({
		id,
		position: z.int(),
		section: text.nullable().meta({ description: 'Items of one section ("Divers") are grouped' }),
		subject: text,
		context: html.meta({ description: "Sanitised HTML; '' until published for non-managers" }),
		status: html.meta({ description: "Sanitised HTML; '' until published for non-managers" })
	})
	.meta({ id: 'AgendaItem' });

const meetingSummary = {
	id,
	clusterCode: text,
	title: text,
	kind: z.enum(['cluster-meeting', 'workshop', 'training', 'other']),
	date: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
	startTime: z.string().nullable().meta({ description: 'HH:MM' }),
	endTime: z.string().nullable().meta({ description: 'HH:MM' }),
	place: text.nullable(),
	state: z.enum(['planned', 'held', 'published']),
	canEdit: z.boolean(),
	minutesVisible: z.boolean().meta({
		description: 'False until the minutes are published, for those who do not manage the cluster'
	})
};

export const meetingSummaryOut = z.object(meetingSummary).meta({ id: 'MeetingSummary' });

export const meetingOut = z
	.object({
		...meetingSummary,
		objectives: html,
		publishedAt: timestamp.nullable(),
		updatedAt: timestamp,
		version,
		agenda: z.array(agendaItemOut),
		lessons: z.array(text),
		consensus: z.array(text),
		perspectives: z.array(text)
	})
	.meta({ id: 'Meeting' });

function presentItem(a: AgendaItem): z.output<typeof agendaItemOut> {
	return {
		id: a.id,
		position: a.position,
		section: a.section,
		subject: a.subject,
		context: a.context,
		status: a.status
	};
}

export function presentMeeting(read: Meeting): z.output<typeof meetingOut> {
	return {
		id: read.id,
		clusterCode: read.clusterCode,
		title: read.title,
		kind: read.kind,
		date: read.heldOn,
		startTime: read.startTime,
		endTime: read.endTime,
		place: read.place,
		state: read.state,
		canEdit: read.canEdit,
		minutesVisible: read.minutesVisible,
		objectives: read.objectives,
		publishedAt: read.publishedAt,
		updatedAt: read.updatedAt,
		version: read.version,
		agenda: read.agenda.map(presentItem),
		lessons: read.lessons,
		consensus: read.consensus,
		perspectives: read.perspectives
	};
}

const createQuery = importQuery;
const stateInput = z.object({ state: z.enum(MEETING_STATES, hint('meetingmail_error_state')) });
const meetingPatch = meetingFields.partial().extend({ version: versionField.optional() });
const agendaPatch = agendaItemInput.partial();

async function readMeeting(ctx: Ctx, meetingId: string) {
	return presentMeeting(await getMeeting(ctx, meetingId));
}

function notesOperation(list: NoteList, summary: (locale: Locale) => string) {
	return operation({
		method: 'PUT',
		path: `/meetings/{id}/notes/${list}`,
		operationId: `setMeeting${list[0]!.toUpperCase()}${list.slice(1)}`,
		tag: 'meetings',
		summary,
		body: notesInput,
		status: 200,
		response: meetingOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await setNotes(ctx, id, list, body);
			return readMeeting(ctx, id);
		}
	});
}

/** Meetings, their agenda and lists; the import of minutes a cluster already has. */
export const meetings = [
	operation({
		method: 'GET',
		path: '/meetings',
		operationId: 'listMeetings',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_list({}, { locale }),
		query: meetingListQuery,
		status: 200,
		response: listOf(meetingSummaryOut),
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await pageOfMeetings(ctx, query);
			return { items: items.map((r) => ({ ...r, date: r.heldOn })), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/meetings',
		operationId: 'createMeeting',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_create({}, { locale }),
		query: createQuery,
		body: meetingFields,
		status: 201,
		response: meetingOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, locale, query, body }) => {
			const { cluster } = parseInput(createQuery, query, locale);
			return readMeeting(ctx, (await createPlannedMeeting(ctx, cluster, body)).id);
		}
	}),
	operation({
		method: 'GET',
		path: '/meetings/{id}',
		operationId: 'getMeeting',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_get({}, { locale }),
		status: 200,
		response: meetingOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readMeeting(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/meetings/{id}',
		operationId: 'updateMeeting',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_update({}, { locale }),
		body: meetingPatch,
		status: 200,
		response: meetingOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const current = await getMeetingForEdit(ctx, id);
			const stored: Record<string, unknown> = { ...current, date: current.heldOn };
			// Without a version in the body, the one just read: a change made in between is refused
			// instead of being overwritten with what was read.
			const fields = {
				...Object.fromEntries(MEETING_FIELDS.map((k) => [k, stored[k]])),
				version: current.version
			};
			await updateMeeting(ctx, id, patched(fields, body));
			return readMeeting(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/meetings/{id}',
		operationId: 'deleteMeeting',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_delete({}, { locale }),
		query: versionInput,
		status: 204,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query }) => {
			await deleteMeeting(ctx, id, query);
		}
	}),
	operation({
		method: 'POST',
		path: '/meetings/{id}/state',
		operationId: 'setMeetingState',
		tag: 'meetings',
		summary: (locale) => m.meetingmail_api_state({}, { locale }),
		body: stateInput,
		status: 200,
		response: meetingOut.extend({ mailed: z.int() }),
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body, publicUrl }) => {
			const { state } = parseInput(stateInput, body, ctx.locale);
			const { mailed } = await setMeetingState(ctx, id, state, publicUrl);
			if (mailed) deliverQueuedMail(ctx.db).catch((e) => console.error('mail delivery failed', e));
			return { ...(await readMeeting(ctx, id)), mailed };
		}
	}),
	operation({
		method: 'POST',
		path: '/meetings/{id}/agenda-items',
		operationId: 'addAgendaItem',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_agenda_add({}, { locale }),
		body: agendaItemInput,
		status: 201,
		location: (itemId) => `/agenda-items/${itemId}`,
		response: agendaItemOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => presentItem(await addAgendaItem(ctx, id, body))
	}),
	operation({
		method: 'PATCH',
		path: '/agenda-items/{id}',
		operationId: 'updateAgendaItem',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_agenda_update({}, { locale }),
		body: agendaPatch,
		status: 200,
		response: agendaItemOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			const { section, subject, context, status } = await getAgendaItem(ctx, id);
			return presentItem(
				await updateAgendaItem(ctx, id, patched({ section, subject, context, status }, body))
			);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/agenda-items/{id}',
		operationId: 'removeAgendaItem',
		tag: 'meetings',
		summary: (locale) => m.meetingedit_api_agenda_delete({}, { locale }),
		query: versionInput,
		status: 204,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, query }) => {
			await removeAgendaItem(ctx, id, query);
		}
	}),
	notesOperation('lessons', (locale) =>
		m.meetingedit_api_notes({ list: m.minutes_lessons({}, { locale }) }, { locale })
	),
	notesOperation('consensus', (locale) =>
		m.meetingedit_api_notes({ list: m.minutes_consensus({}, { locale }) }, { locale })
	),
	notesOperation('perspectives', (locale) =>
		m.meetingedit_api_notes({ list: m.minutes_perspectives({}, { locale }) }, { locale })
	),
	operation({
		method: 'POST',
		path: '/meetings/import',
		operationId: 'importMinutes',
		tag: 'meetings',
		summary: (locale) => m.minutes_api_import({}, { locale }),
		query: importQuery,
		upload: ['text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		status: 200,
		response: minutesDraftOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: ({ ctx, locale, query, request }) => {
			const { cluster } = parseInput(importQuery, query, locale);
			return importMinutes(ctx, cluster, () => readUpload(request, locale));
		}
	})
];
