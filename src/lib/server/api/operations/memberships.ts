import { addMembershipInput, membershipListQuery, membershipPatchInput } from '../../memberships/schema';
import {
	addToPipeline,
	getMembership,
	listMemberships,
	removeMembership,
	updateMembership
} from '../../memberships/memberships';
import {
	membershipListOut,
	membershipWithStepsOut,
	presentMembership,
	presentMembershipWithSteps
} from '../../memberships/present';
import { stepsOf } from '../../memberships/queries';
import type { Ctx } from '../../context';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

async function withSteps(ctx: Ctx, id: string) {
	const row = await getMembership(ctx, id);
	return presentMembershipWithSteps(row, await stepsOf(ctx.db, row.id));
}

/** A cluster's partner pipeline: who is being approached, at which step, since when. */
export const memberships = [
	operation({
		method: 'GET',
		path: '/clusters/{id}/memberships',
		operationId: 'listMemberships',
		tag: 'memberships',
		summary: (locale) => m.membership_api_list({}, { locale }),
		query: membershipListQuery,
		status: 200,
		response: membershipListOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, id, query }) => {
			const { items, total } = await listMemberships(ctx, id, query);
			return { items: items.map(presentMembership), total };
		}
	}),
	operation({
		method: 'POST',
		path: '/clusters/{id}/memberships',
		operationId: 'addMembership',
		tag: 'memberships',
		summary: (locale) => m.membership_api_create({}, { locale }),
		body: addMembershipInput,
		status: 201,
		location: (id) => `/memberships/${id}`,
		response: membershipWithStepsOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => withSteps(ctx, (await addToPipeline(ctx, id, body)).id)
	}),
	operation({
		method: 'GET',
		path: '/memberships/{id}',
		operationId: 'getMembership',
		tag: 'memberships',
		summary: (locale) => m.membership_api_get({}, { locale }),
		status: 200,
		response: membershipWithStepsOut,
		problems: ['not-found'],
		run: ({ ctx, id }) => withSteps(ctx, id)
	}),
	operation({
		method: 'PATCH',
		path: '/memberships/{id}',
		operationId: 'updateMembership',
		tag: 'memberships',
		summary: (locale) => m.membership_api_update({}, { locale }),
		body: membershipPatchInput,
		status: 200,
		response: membershipWithStepsOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => {
			await updateMembership(ctx, id, body);
			return withSteps(ctx, id);
		}
	}),
	operation({
		method: 'DELETE',
		path: '/memberships/{id}',
		operationId: 'removeMembership',
		tag: 'memberships',
		summary: (locale) => m.membership_api_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await removeMembership(ctx, id);
		}
	})
];
