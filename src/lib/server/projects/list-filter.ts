/**
 * The filters of the project list as one SQL condition on `project` alone, the visibility rule
 * included: the list, its sums, the 3W view and the exports all select with it, so they cannot
 * disagree on which projects a user sees.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import {
	cluster,
	location,
	project,
	projectCluster,
	projectLocation,
	projectObjective,
	projectPartner
} from '../db/schema';
import { matchesText } from '../db/search';
import { findPlan, type Plan } from '../plans/access';
import { visibleProjects } from './access';
import type { PlaceFilter, ProjectFilters } from './list-schema';

export interface ResolvedFilter {
	plan: Plan;
	/** Null when a filter names nothing that exists (an unknown cluster code or P-code): no project. */
	where: SQL | null;
}

/** The plan (404 if the user may not know it) and the condition selecting its projects. */
export async function resolveProjectFilter(
	ctx: Ctx,
	filters: Partial<ProjectFilters> & { plan: string }
): Promise<ResolvedFilter> {
	const [plan, clusterId, placeIds] = await Promise.all([
		findPlan(ctx, filters.plan),
		filters.cluster ? clusterIdOf(ctx, filters.cluster) : undefined,
		filters.place ? placesWithin(ctx, filters.place) : undefined
	]);
	if (clusterId === null || (placeIds && placeIds.length === 0)) return { plan, where: null };
	const where = and(
		eq(project.planId, plan.id),
		visibleProjects(ctx.actor),
		filters.status?.length ? inArray(project.status, filters.status) : undefined,
		filters.organisation
			? or(
					eq(project.organisationId, filters.organisation),
					sql`exists (select 1 from ${projectPartner} where ${projectPartner.projectId} = ${project.id} and ${projectPartner.organisationId} = ${filters.organisation})`
				)
			: undefined,
		clusterId
			? or(
					eq(project.clusterId, clusterId),
					sql`exists (select 1 from ${projectCluster} where ${projectCluster.projectId} = ${project.id} and ${projectCluster.clusterId} = ${clusterId})`
				)
			: undefined,
		placeIds
			? sql`exists (select 1 from ${projectLocation} where ${projectLocation.projectId} = ${project.id} and ${inArray(projectLocation.locationId, placeIds)})`
			: undefined,
		filters.objective
			? sql`exists (select 1 from ${projectObjective} where ${projectObjective.projectId} = ${project.id} and ${projectObjective.clusterObjectiveId} = ${filters.objective})`
			: undefined,
		matchesText(filters.q, project.code, project.titleFr, project.titleEn)
	)!;
	return { plan, where };
}

async function clusterIdOf(ctx: Ctx, code: string): Promise<string | null> {
	const [row] = await ctx.db.select({ id: cluster.id }).from(cluster).where(eq(cluster.code, code));
	return row?.id ?? null;
}

/**
 * The place and every place inside it (a région and its cercles), so that a project working in
 * ML0601 is found by a filter on ML06. Trees are a few levels deep; the bound guards against a loop.
 */
async function placesWithin(ctx: Ctx, place: PlaceFilter): Promise<string[]> {
	const start = 'id' in place ? eq(location.id, place.id) : eq(location.pcode, place.pcode);
	const result = await ctx.db.execute(sql`
		with recursive inside(id, depth) as (
			select ${location.id}, 0 from ${location} where ${start}
			union all
			select l.id, inside.depth + 1 from location l join inside on l.parent_id = inside.id
			where inside.depth < 10
		)
		select id from inside`);
	return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}
