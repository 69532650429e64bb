import { z } from 'zod';
import type { Ctx } from '../../context';
import { operation } from '../endpoint';
import { getAction, listActions, setActionStatus } from '../../meetings/actions';
import { createAction, deleteAction, updateAction } from '../../meetings/action-edit';
import { ACTION_FIELDS, actionInput, actionListQuery, actionStatusInput } from '../../meetings/action-schema';
import { actionListOut, actionWriteOut, presentAction } from '../../meetings/action-present';
import { m } from '$lib/paraglide/messages';

/** Where a new action belongs: the meeting that decided it, or else a cluster by its code. */
const newActionBody = z.object({
	meetingId: z.uuid().optional().meta({ description: 'The meeting that decided the action' }),
	cluster: z
		.string()
		.optional()
		.meta({ description: 'The cluster’s code, for an action outside any meeting' }),
	...actionInput.shape
});
/** A PATCH names only the fields that change; a partner may send the status alone. */
const actionPatch = z.object(actionInput.shape).partial();

async function readAction(ctx: Ctx, id: string) {
	const action = await getAction(ctx, id);
	return { ...presentAction(action), warnings: action.warnings };
}

/** Action items of every cluster: the tracker, and what coordinators and partners change. */
export const actionItems = [
	operation({
		method: 'GET',
		path: '/action-items',
		operationId: 'listActionItems',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_list({}, { locale }),
		query: actionListQuery,
		status: 200,
		response: actionListOut,
		problems: ['validation'],
		run: async ({ ctx, query }) => {
			const { items, total } = await listActions(ctx, query);
			return { items: items.map(presentAction), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/action-items',
		operationId: 'createActionItem',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_create({}, { locale }),
		body: newActionBody,
		status: 201,
		response: actionWriteOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, body }) => {
			const b = (body ?? {}) as { meetingId?: unknown; cluster?: unknown };
			const { action, warnings } = await createAction(
				ctx,
				{ meeting: b.meetingId, cluster: b.cluster },
				body
			);
			return { ...(await readAction(ctx, action.id)), warnings };
		}
	}),
	operation({
		method: 'GET',
		path: '/action-items/{id}',
		operationId: 'getActionItem',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_get({}, { locale }),
		status: 200,
		response: actionWriteOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => readAction(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/action-items/{id}',
		operationId: 'updateActionItem',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_update({}, { locale }),
		body: actionPatch,
		status: 200,
		response: actionWriteOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			const current = await getAction(ctx, id);
			const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
			if (isObject && Object.keys(body).every((key) => key === 'status')) {
				await setActionStatus(ctx, id, body);
				return readAction(ctx, id);
			}
			const stored = Object.fromEntries(ACTION_FIELDS.map((key) => [key, current[key]]));
			const { warnings } = await updateAction(ctx, id, isObject ? { ...stored, ...body } : body);
			return { ...(await readAction(ctx, id)), warnings };
		}
	}),
	operation({
		method: 'POST',
		path: '/action-items/{id}/status',
		operationId: 'setActionItemStatus',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_status({}, { locale }),
		body: actionStatusInput,
		status: 200,
		response: actionWriteOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			await setActionStatus(ctx, id, body);
			return readAction(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/action-items/{id}',
		operationId: 'deleteActionItem',
		tag: 'meetings',
		summary: (locale) => m.actionedit_api_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await deleteAction(ctx, id);
			return undefined;
		}
	})
];
