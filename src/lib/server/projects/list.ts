/**
 * The projects of a plan, filtered, a page at a time, with the sums of the whole selection: money
 * requested, people targeted both as the plain sum and without double counting (in each place only
 * the project that targets the most people there counts), and how many projects are in each status.
 */
import { asc, count, eq, inArray, sql, sum, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Ctx } from '../context';
import {
	cluster,
	location,
	organisation,
	project,
	projectLocation,
	PROJECT_STATUSES,
	type ProjectStatus
} from '../db/schema';
import { parseInput } from '../validation';
import { resolveProjectFilter } from './list-filter';
import { projectListQuery } from './list-schema';
import { centsToUsd, usdToCents } from './money';

export interface ProjectSums {
	projects: number;
	/** The sum of the budgets, a decimal string in USD. */
	budgetUsd: string;
	/** The people each project targets, added up: people reached by two projects count twice. */
	peopleTargeted: number;
	/** Over the places, the largest figure of any one project there. */
	peopleTargetedLargestPerPlace: number;
	byStatus: Record<ProjectStatus, number>;
}

const noSums = (): ProjectSums => ({
	projects: 0,
	budgetUsd: '0.00',
	peopleTargeted: 0,
	peopleTargetedLargestPerPlace: 0,
	byStatus: Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>
});

const byCode = [asc(project.code)];

/**
 * A page of the plan's projects the user may see, by code. The page's ids are chosen on `project`
 * alone and then joined to names, so the sort never drags the joins along.
 */
export async function listProjects(ctx: Ctx, query: unknown) {
	const q = parseInput(projectListQuery, query, ctx.locale);
	const { plan, where } = await resolveProjectFilter(ctx, q);
	if (!where) return { plan, items: [], total: 0, sums: noSums() };
	const pageIds = ctx.db
		.select({ id: project.id })
		.from(project)
		.where(where)
		.orderBy(...byCode)
		.limit(q.limit)
		.offset(q.offset);
	const [rows, sums, places] = await Promise.all([
		ctx.db
			.select({
				id: project.id,
				code: project.code,
				titleFr: project.titleFr,
				titleEn: project.titleEn,
				organisationId: organisation.id,
				organisationName: organisation.name,
				organisationAcronym: organisation.acronym,
				clusterId: cluster.id,
				clusterCode: cluster.code,
				status: project.status,
				budgetUsd: project.budgetUsd,
				peopleTargeted: project.peopleTargeted,
				startsOn: project.startsOn,
				endsOn: project.endsOn
			})
			.from(project)
			.innerJoin(organisation, eq(organisation.id, project.organisationId))
			.innerJoin(cluster, eq(cluster.id, project.clusterId))
			.where(inArray(project.id, pageIds))
			.orderBy(...byCode),
		sumProjects(ctx, where),
		placesOf(ctx, pageIds)
	]);
	return {
		plan,
		items: rows.map(
			({ organisationId, organisationName, organisationAcronym, clusterId, clusterCode, ...p }) => ({
				...p,
				organisation: { id: organisationId, name: organisationName, acronym: organisationAcronym },
				cluster: { id: clusterId, code: clusterCode },
				places: places.get(p.id) ?? []
			})
		),
		total: sums.projects,
		sums
	};
}

export type ProjectListItem = Awaited<ReturnType<typeof listProjects>>['items'][number];

/** The sums over every project the condition selects (not one page of them). */
export async function sumProjects(ctx: Ctx, where: SQL): Promise<ProjectSums> {
	const selected = ctx.db.select({ id: project.id }).from(project).where(where);
	const [byStatus, [largest]] = await Promise.all([
		ctx.db
			.select({
				status: project.status,
				n: count(),
				budget: sum(project.budgetUsd),
				people: sum(project.peopleTargeted)
			})
			.from(project)
			.where(where)
			.groupBy(project.status),
		ctx.db.select({ people: sql<string | null>`sum(largest)` }).from(
			ctx.db
				.select({ largest: sql`max(${projectLocation.peopleTargeted})`.as('largest') })
				.from(projectLocation)
				.where(inArray(projectLocation.projectId, selected))
				.groupBy(projectLocation.locationId)
				.as('per_place')
		)
	]);
	const sums = noSums();
	let cents = 0n;
	for (const row of byStatus) {
		sums.byStatus[row.status] = row.n;
		sums.projects += row.n;
		sums.peopleTargeted += Number(row.people ?? 0);
		cents += usdToCents(row.budget ?? '0');
	}
	sums.budgetUsd = centsToUsd(cents);
	sums.peopleTargetedLargestPerPlace = Number(largest?.people ?? 0);
	return sums;
}

/** The P-codes of each project's places, in P-code order. */
export async function placesOf(ctx: Ctx, ids: string[] | SQLWrapper): Promise<Map<string, string[]>> {
	const byProject = new Map<string, string[]>();
	if (Array.isArray(ids) && ids.length === 0) return byProject;
	const rows = await ctx.db
		.select({ id: projectLocation.projectId, pcode: location.pcode })
		.from(projectLocation)
		.innerJoin(location, eq(location.id, projectLocation.locationId))
		.where(inArray(projectLocation.projectId, ids))
		.orderBy(location.pcode);
	for (const { id, pcode } of rows) byProject.set(id, [...(byProject.get(id) ?? []), pcode]);
	return byProject;
}
