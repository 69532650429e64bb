import { z } from 'zod';
import { hint, parseInput } from '../../validation';
import { importMinutes } from '../../meetings/minutes/import-minutes';
import { readUpload } from '../../uploads/read-upload';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

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

/** Meetings; for now the import of minutes a cluster already has. */
export const meetings = [
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
