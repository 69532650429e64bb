import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../../db/schema';
import { ConflictError } from '../../errors';
import {
	getAttendee,
	listAttendance,
	refreshAttendance,
	removeAttendee,
	setAttendanceStatus,
	type AttendanceRow
} from '../../meetings/attendance';
import { addFromDirectory, addNewPerson } from '../../meetings/attendance-add';
import {
	addFromDirectoryInput,
	addNewPersonInput,
	attendanceStatusInput
} from '../../meetings/attendance-schema';
import { listOf } from '../presenters';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

const id = z.string().meta({ format: 'uuid' });

/** A participant as the minutes record them: name, function and organisation as of the meeting. */
export const attendanceOut = z
	.object({
		id,
		meetingId: id,
		personId: id.nullable().meta({ description: 'The directory record, if linked' }),
		organisationId: id.nullable(),
		name: z.string(),
		function: z.string(),
		organisationName: z.string(),
		email: z.string().nullable(),
		status: z.enum(ATTENDANCE_STATUSES),
		position: z.int()
	})
	.meta({ id: 'Attendance' });

const attendanceListOut = listOf(attendanceOut);
const refreshOut = z.object({ updated: z.int() });

/** From the directory (`personId`), or a new person created in the directory on the way. */
const addInput = z.union([addFromDirectoryInput, addNewPersonInput]);

function presentAttendee(row: AttendanceRow): z.output<typeof attendanceOut> {
	return {
		id: row.id,
		meetingId: row.meetingId,
		personId: row.personId,
		organisationId: row.organisationId,
		name: row.name,
		function: row.function,
		organisationName: row.organisationName,
		email: row.email,
		status: row.status,
		position: row.position
	};
}

const hasPersonId = (body: unknown) =>
	body !== null && typeof body === 'object' && 'personId' in body && body.personId !== undefined;

/** Who is on a meeting's list; written by the cluster's coordinators. */
export const attendanceOperations = [
	operation({
		method: 'GET',
		path: '/meetings/{id}/attendance',
		operationId: 'listAttendance',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_list({}, { locale }),
		status: 200,
		response: attendanceListOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			const { rows } = await listAttendance(ctx, id);
			return { items: rows.map(presentAttendee), total: rows.length };
		}
	}),
	operation({
		method: 'POST',
		path: '/meetings/{id}/attendance',
		operationId: 'addAttendee',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_add({}, { locale }),
		body: addInput,
		status: 201,
		location: (rowId) => `/attendance/${rowId}`,
		response: attendanceOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body, locale }) => {
			if (hasPersonId(body)) return presentAttendee(await addFromDirectory(ctx, id, body));
			const result = await addNewPerson(ctx, id, body);
			if (result.added) return presentAttendee(result.row);
			const names = result.similar
				.map((s) => {
					const organisation = s.kind === 'person' ? (s.organisationAcronym ?? s.organisationName) : null;
					return `${s.name}${organisation ? ` (${organisation})` : ''} [${s.id}]`;
				})
				.join(', ');
			throw new ConflictError([{ path: 'name', message: m.attendance_error_similar({ names }, { locale }) }]);
		}
	}),
	operation({
		method: 'POST',
		path: '/meetings/{id}/attendance/refresh',
		operationId: 'refreshAttendance',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_refresh({}, { locale }),
		status: 200,
		response: refreshOut,
		problems: ['forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id }) => ({ updated: await refreshAttendance(ctx, id) })
	}),
	operation({
		method: 'GET',
		path: '/attendance/{id}',
		operationId: 'getAttendee',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_list({}, { locale }),
		status: 200,
		response: attendanceOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => presentAttendee(await getAttendee(ctx, id))
	}),
	operation({
		method: 'PATCH',
		path: '/attendance/{id}',
		operationId: 'setAttendanceStatus',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_status({}, { locale }),
		body: attendanceStatusInput,
		status: 200,
		response: attendanceOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => presentAttendee(await setAttendanceStatus(ctx, id, body))
	}),
	operation({
		method: 'DELETE',
		path: '/attendance/{id}',
		operationId: 'removeAttendee',
		tag: 'meetings',
		summary: (locale) => m.attendance_api_remove({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await removeAttendee(ctx, id);
		}
	})
];
