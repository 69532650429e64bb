/**
 * What the API sends out about action items: who is responsible by id and name, the overdue flag,
 * and after a write the warnings the user should read (a due date before the meeting).
 */
import { z } from 'zod';
import { ACTION_STATUSES } from '../db/schema';
import { listOf } from '../api/presenters';
import type { ActionRow } from './actions';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const named = z.object({ id, name: z.string() });

export const actionOut = z
	.object({
		id,
		cluster: z.object({ id, code: z.string() }),
		meeting: z.object({ id, title: z.string(), date: z.string().nullable() }).nullable(),
		agendaItemId: id.nullable(),
		description: z.string(),
		responsibleText: z.string().meta({ description: 'A role or group as written: "Coordinateur CRP"' }),
		responsibleOrganisation: named.extend({ acronym: z.string().nullable() }).nullable(),
		responsiblePerson: named.nullable(),
		dueOn: z.string().meta({ format: 'date' }).nullable(),
		status: z.enum(ACTION_STATUSES),
		overdue: z.boolean().meta({ description: 'Open and due before today' }),
		canEdit: z.boolean(),
		canChangeStatus: z.boolean(),
		createdAt: timestamp,
		updatedAt: timestamp
	})
	.meta({ id: 'ActionItem' });

export const actionListOut = listOf(actionOut);

export const actionWriteOut = actionOut
	.extend({
		warnings: z
			.array(z.object({ path: z.string(), message: z.string() }))
			.meta({ description: 'Saved, but to check: a due date before the meeting' })
	})
	.meta({ id: 'ActionItemWritten' });

type Presentable = ActionRow & { overdue: boolean; canEdit: boolean; canChangeStatus: boolean };

export function presentAction(a: Presentable): z.output<typeof actionOut> {
	return {
		id: a.id,
		cluster: { id: a.clusterId, code: a.clusterCode },
		meeting: a.meetingId ? { id: a.meetingId, title: a.meetingTitle ?? '', date: a.meetingOn } : null,
		agendaItemId: a.agendaItemId,
		description: a.description,
		responsibleText: a.responsibleText,
		responsibleOrganisation: a.responsibleOrganisationId
			? {
					id: a.responsibleOrganisationId,
					name: a.responsibleOrganisationName ?? '',
					acronym: a.responsibleOrganisationAcronym
				}
			: null,
		responsiblePerson: a.responsiblePersonId
			? { id: a.responsiblePersonId, name: a.responsiblePersonName ?? '' }
			: null,
		dueOn: a.dueOn,
		status: a.status,
		overdue: a.overdue,
		canEdit: a.canEdit,
		canChangeStatus: a.canChangeStatus,
		createdAt: a.createdAt,
		updatedAt: a.updatedAt
	};
}
