import { z } from 'zod';
import { MEETING_KINDS } from '../db/schema';
import { hint, optionalText, requiredText } from '../validation';
import { richTextInput } from '../rich-text/sanitize';

const day = z.iso.date(hint('minutes_error_day'));
const time = z
	.string()
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, hint('minutes_error_time'))
	.nullish()
	.transform((v) => v ?? null);
const optionalId = z
	.uuid()
	.nullish()
	.transform((v) => v ?? null);

/** A meeting as a coordinator saves it — typed in, or an imported draft after review. */
export const meetingInput = z
	.object({
		title: requiredText(300),
		kind: z.enum(MEETING_KINDS, hint('minutes_error_kind')).default('cluster-meeting'),
		date: day,
		startTime: time,
		endTime: time,
		place: optionalText(300),
		objectives: richTextInput(100_000).default(''),
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
	.refine((v) => !v.startTime || !v.endTime || v.endTime > v.startTime, {
		path: ['endTime'],
		message: 'minutes_error_end_before_start'
	});
