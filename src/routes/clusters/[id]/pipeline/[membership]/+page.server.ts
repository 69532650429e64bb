import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { managesCluster } from '$lib/server/access/policy';
import {
	focalPointOptions,
	getMembership,
	membershipHistory,
	moveMembership,
	removeMembership,
	setFocalPoint
} from '$lib/server/memberships/memberships';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		// A membership of another cluster is not found through this cluster's address.
		const scope = { clusterId: event.params.id };
		const row = await getMembership(ctx, event.params.membership, scope);
		const canManage = managesCluster(actor, row.clusterId);
		const [steps, people] = await Promise.all([
			membershipHistory(ctx, row.id, scope),
			canManage ? focalPointOptions(ctx, row.organisationId) : []
		]);
		const params = event.url.searchParams;
		return {
			membership: {
				id: row.id,
				clusterId: row.clusterId,
				clusterCode: row.clusterCode,
				clusterNameFr: row.clusterNameFr,
				clusterNameEn: row.clusterNameEn,
				organisationId: row.organisationId,
				organisationName: row.organisationName,
				organisationAcronym: row.organisationAcronym,
				organisationType: row.organisationType,
				stage: row.stage,
				since: row.since,
				focalPointId: row.focalPointId,
				focalPointName: row.focalPointName
			},
			steps: steps.map((s) => ({ id: s.id, stage: s.stage, at: s.at, note: s.note, byName: s.byName })),
			people,
			canManage,
			added: params.has('added'),
			moved: params.has('moved'),
			saved: params.has('saved'),
			inactive: params.has('inactive')
		};
	});

const here = (params: { id: string; membership: string }) =>
	`/clusters/${params.id}/pipeline/${params.membership}`;

export const actions: Actions = {
	move: (event) =>
		submit(event, async (values) => {
			await moveMembership(event.locals.ctx, event.params.membership, values, { clusterId: event.params.id });
			redirect(303, `${here(event.params)}?moved`);
		}),
	focal: (event) =>
		submit(event, async (values) => {
			await setFocalPoint(event.locals.ctx, event.params.membership, values, { clusterId: event.params.id });
			redirect(303, `${here(event.params)}?saved`);
		}),
	remove: (event) =>
		submit(event, async () => {
			const result = await removeMembership(event.locals.ctx, event.params.membership, {
				clusterId: event.params.id
			});
			redirect(
				303,
				result === 'deleted'
					? `/clusters/${event.params.id}/pipeline?removed`
					: `${here(event.params)}?inactive`
			);
		})
};
