/**
 * What an action item is made of when a coordinator writes one, and the tracker's filters. The same
 * schemas validate the pages' forms and the API's bodies and feed the OpenAPI document.
 */
import { z } from 'zod';
import { ACTION_STATUSES } from '../db/schema';
import { optionalId, listQuery } from '../directory/schema';
import { blankAsAbsent, daySchema, hint, optionalDaySchema, optionalText, requiredText } from '../validation';

const day = daySchema('actionedit_error_day');
const optionalDay = optionalDaySchema('actionedit_error_day');

/** The fields a coordinator edits; at least one way of naming who is responsible. */
export const actionInput = z
	.object({
		description: requiredText(2_000),
		/** A role or a group as written in the minutes ("Coordinateur CRP", "Partenaires du CRP"). */
		responsibleText: optionalText(300).transform((v) => v ?? ''),
		responsibleOrganisationId: optionalId('actionedit_error_organisation'),
		responsiblePersonId: optionalId('actionedit_error_person'),
		dueOn: optionalDay,
		status: z.enum(ACTION_STATUSES, hint('minutes_error_action_status')).default('open'),
		/** An item of the agenda of the action's meeting. */
		agendaItemId: optionalId('actionedit_error_agenda_item')
	})
	.refine((v) => v.responsibleText || v.responsibleOrganisationId || v.responsiblePersonId, {
		path: ['responsibleText'],
		message: 'actionedit_error_responsible'
	});
export type ActionInput = z.output<typeof actionInput>;

/** The fields of an action item, as PATCH takes them and as an edit form starts. */
export const ACTION_FIELDS = [
	'description',
	'responsibleText',
	'responsibleOrganisationId',
	'responsiblePersonId',
	'dueOn',
	'status',
	'agendaItemId'
] as const;

export const actionStatusInput = z.object({
	status: z.enum(ACTION_STATUSES, hint('minutes_error_action_status'))
});

/** `?meeting=ID` (an action decided in that meeting) or `?cluster=CODE` (a standalone one). */
export const actionOrigin = z.object({
	meeting: blankAsAbsent(z.uuid(hint('actionedit_error_origin'))),
	cluster: blankAsAbsent(z.string().trim().max(40))
});

const filterShape = {
	cluster: blankAsAbsent(z.string().trim().max(40)),
	status: blankAsAbsent(z.enum(ACTION_STATUSES, hint('minutes_error_action_status'))),
	/** Those owed by this organisation (a partner's "what we owe"). */
	organisation: blankAsAbsent(z.uuid(hint('actionedit_error_organisation'))),
	/** Who is responsible, as text: the role written, the organisation's name or acronym, the person's name. */
	responsible: blankAsAbsent(z.string().trim().max(200)),
	dueFrom: blankAsAbsent(day),
	dueTo: blankAsAbsent(day),
	overdue: blankAsAbsent(z.enum(['1', 'true']))
};

/** The tracker's filters with paging (`q` searches the description and the responsible). */
export const actionListQuery = listQuery
	.extend(filterShape)
	.refine((v) => !v.dueFrom || !v.dueTo || v.dueFrom <= v.dueTo, {
		path: ['dueTo'],
		message: 'actionedit_error_due_range'
	});
export type ActionFilters = z.output<typeof actionListQuery>;
