import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { managesCluster } from '$lib/server/access/policy';
import {
	addToPipeline,
	countMembershipsByStage,
	listMemberships,
	organisationsOutsidePipeline
} from '$lib/server/memberships/memberships';
import { getPipelineCluster } from '$lib/server/memberships/queries';

const limit = 50;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const params = event.url.searchParams;
		const filters = {
			q: params.get('q') ?? undefined,
			type: params.get('type') ?? undefined,
			stage: params.get('stage') ?? undefined
		};
		const cluster = await getPipelineCluster(ctx, event.params.id);
		const canManage = managesCluster(actor, cluster.id);
		const [list, counts, candidates] = await Promise.all([
			listMemberships(ctx, cluster.id, { ...filters, offset: params.get('offset') ?? undefined, limit }),
			countMembershipsByStage(ctx, cluster.id, { q: filters.q, type: filters.type }),
			canManage ? organisationsOutsidePipeline(ctx, cluster.id) : []
		]);
		return {
			cluster,
			memberships: list.items.map((r) => ({
				id: r.id,
				organisationName: r.organisationName,
				organisationAcronym: r.organisationAcronym,
				organisationType: r.organisationType,
				stage: r.stage,
				since: r.since,
				lastNote: r.lastNote,
				focalPointName: r.focalPointName
			})),
			total: list.total,
			counts,
			limit,
			offset: Number(params.get('offset') ?? 0),
			q: filters.q ?? '',
			type: filters.type ?? '',
			stage: filters.stage ?? '',
			canManage,
			candidates,
			removed: params.has('removed')
		};
	});

export const actions: Actions = {
	add: (event) =>
		submit(event, async (values) => {
			const created = await addToPipeline(event.locals.ctx, event.params.id, values);
			redirect(303, `/clusters/${event.params.id}/pipeline/${created.id}?added`);
		})
};
