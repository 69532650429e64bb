/**
 * What the list's filter form offers for a plan: the plan's clusters and their objectives, the
 * régions of its country with the cercles its projects work in, and the organisations of the
 * projects the user may see (appealing or partners) — so a choice never leads to a page that
 * cannot have any row.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import {
	cluster,
	clusterObjective,
	location,
	organisation,
	plan as planTable,
	planCluster,
	project,
	projectLocation,
	projectPartner,
	strategicObjective
} from '../db/schema';
import { objectiveCode } from '../plans/framework/codes';
import { isId } from '../directory/schema';
import { visibleProjects } from './access';

/** For a plan the caller has checked the user may see (the list does, run beside this). */
export async function projectFilterOptions(ctx: Ctx, planId: string) {
	if (!isId(planId)) return { clusters: [], objectives: [], places: [], organisations: [] };
	const plan = { id: planId };
	const visible = ctx.db
		.select({ id: project.id })
		.from(project)
		.where(and(eq(project.planId, plan.id), visibleProjects(ctx.actor)));
	const [clusters, objectives, regions, cercles, organisations] = await Promise.all([
		ctx.db
			.select({ code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
			.from(planCluster)
			.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
			.where(eq(planCluster.planId, plan.id))
			.orderBy(asc(cluster.code)),
		ctx.db
			.select({
				id: clusterObjective.id,
				clusterCode: cluster.code,
				so: strategicObjective.number,
				co: clusterObjective.number,
				titleFr: clusterObjective.titleFr,
				titleEn: clusterObjective.titleEn
			})
			.from(clusterObjective)
			.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
			.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
			.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
			.where(eq(planCluster.planId, plan.id))
			.orderBy(asc(cluster.code), asc(strategicObjective.number), asc(clusterObjective.number)),
		ctx.db
			.select({ pcode: location.pcode, name: location.name })
			.from(location)
			.where(
				eq(
					location.parentId,
					sql`(select ${planTable.countryId} from ${planTable} where ${planTable.id} = ${planId})`
				)
			)
			.orderBy(asc(location.pcode)),
		ctx.db
			.selectDistinct({ pcode: location.pcode, name: location.name })
			.from(projectLocation)
			.innerJoin(location, eq(location.id, projectLocation.locationId))
			.where(and(inArray(projectLocation.projectId, visible), sql`${location.level} >= 2`))
			.orderBy(asc(location.pcode)),
		ctx.db
			.selectDistinct({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
			.from(organisation)
			.where(
				or(
					inArray(
						organisation.id,
						ctx.db.select({ id: project.organisationId }).from(project).where(inArray(project.id, visible))
					),
					inArray(
						organisation.id,
						ctx.db
							.select({ id: projectPartner.organisationId })
							.from(projectPartner)
							.where(inArray(projectPartner.projectId, visible))
					)
				)
			)
			.orderBy(asc(organisation.name))
	]);
	// Cercles right after their région, as a select box lists them.
	const places = regions.flatMap((r) => [
		{ ...r, level: 1 },
		...cercles.filter((c) => c.pcode.startsWith(r.pcode)).map((c) => ({ ...c, level: 2 }))
	]);
	return {
		clusters,
		objectives: objectives.map(({ so, co, ...o }) => ({ ...o, code: objectiveCode(so, co) })),
		places,
		organisations
	};
}
