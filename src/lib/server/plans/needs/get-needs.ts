/** One revision's figures (default the latest) with what names them, for the API and exports. */
import type { Ctx } from '../../context';
import { findPlanPart } from '../access';
import { totalsOf } from './compare';
import { placesOfCountry } from './places';
import { groupsOfCluster } from './population-groups';
import { readRevision } from './revisions';

export async function getNeeds(ctx: Ctx, planId: string, clusterCode: string, number?: number) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const found = await readRevision(ctx, part, number);
	const figures = found?.figures ?? [];
	return {
		part,
		revision: found?.revision ?? null,
		figures,
		places: await placesOfCountry(ctx.db, part.plan.countryId),
		groups: await groupsOfCluster(ctx.db, part.cluster.id),
		totals: totalsOf(figures)
	};
}
