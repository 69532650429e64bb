/**
 * "Who does what where" (3W) of a plan: for each appealing organisation, each activity of the
 * framework its projects serve and each région (admin1) they work in — with the cercles (admin2)
 * under it — how many projects and how many people they target there. Approved and published
 * projects unless other statuses are asked for; only the projects the user may see.
 */
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context';
import {
	activity,
	cluster,
	clusterObjective,
	location,
	organisation,
	planCluster,
	project,
	projectActivity,
	projectLocation,
	strategicObjective,
	type ProjectStatus
} from '../db/schema';
import { activityCode } from '../plans/framework/codes';
import { parseInput } from '../validation';
import { resolveProjectFilter } from './list-filter';
import { whoWhatWhereQuery } from './list-schema';

export const DEFAULT_3W_STATUSES: ProjectStatus[] = ['approved', 'published'];

interface Place {
	pcode: string;
	name: string;
}

interface Tally {
	projects: Set<string>;
	people: number;
}

export interface WhoWhatWhereRow {
	organisation: { id: string; name: string; acronym: string | null };
	/** Null for projects that name no activity of the framework. */
	activity: { id: string; code: string; clusterCode: string; titleFr: string; titleEn: string | null } | null;
	admin1: Place;
	projects: number;
	peopleTargeted: number;
	/** The cercles; `place: null` stands for the projects that work in the whole région. */
	admin2: { place: Place | null; projects: number; peopleTargeted: number }[];
}

const parent = alias(location, 'parent_location');

export async function whoWhatWhere(ctx: Ctx, query: unknown) {
	const q = parseInput(whoWhatWhereQuery, query, ctx.locale);
	const statuses = q.status ?? DEFAULT_3W_STATUSES;
	const { plan, where } = await resolveProjectFilter(ctx, { ...q, status: statuses });
	if (!where) return { plan, statuses, rows: [] as WhoWhatWhereRow[] };
	const found = await ctx.db
		.select({
			projectId: project.id,
			organisationId: organisation.id,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym,
			activityId: activity.id,
			activityNumber: activity.number,
			objectiveNumber: clusterObjective.number,
			strategicNumber: strategicObjective.number,
			activityTitleFr: activity.titleFr,
			activityTitleEn: activity.titleEn,
			activityCluster: cluster.code,
			pcode: location.pcode,
			name: location.name,
			level: location.level,
			parentPcode: parent.pcode,
			parentName: parent.name,
			people: projectLocation.peopleTargeted
		})
		.from(project)
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.innerJoin(projectLocation, eq(projectLocation.projectId, project.id))
		.innerJoin(location, eq(location.id, projectLocation.locationId))
		.leftJoin(parent, eq(parent.id, location.parentId))
		.leftJoin(projectActivity, eq(projectActivity.projectId, project.id))
		.leftJoin(activity, eq(activity.id, projectActivity.activityId))
		.leftJoin(clusterObjective, eq(clusterObjective.id, activity.clusterObjectiveId))
		.leftJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
		.leftJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.leftJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(where);

	const groups = new Map<
		string,
		WhoWhatWhereRow & { tally: Tally; under: Map<string, Tally & { place: Place | null }> }
	>();
	for (const r of found) {
		// A cercle is counted in its région; a place of level 1 (or the country) is its own région.
		const inRegion = r.level >= 2 && r.parentPcode !== null;
		const admin1 = inRegion
			? { pcode: r.parentPcode!, name: r.parentName! }
			: { pcode: r.pcode, name: r.name };
		const key = `${r.organisationId}|${r.activityId ?? ''}|${admin1.pcode}`;
		let group = groups.get(key);
		if (!group) {
			group = {
				organisation: { id: r.organisationId, name: r.organisationName, acronym: r.organisationAcronym },
				activity:
					r.activityId === null
						? null
						: {
								id: r.activityId,
								code: activityCode(r.strategicNumber ?? 0, r.objectiveNumber ?? 0, r.activityNumber ?? 0),
								clusterCode: r.activityCluster ?? '',
								titleFr: r.activityTitleFr ?? '',
								titleEn: r.activityTitleEn
							},
				admin1,
				projects: 0,
				peopleTargeted: 0,
				admin2: [],
				tally: { projects: new Set(), people: 0 },
				under: new Map()
			};
			groups.set(key, group);
		}
		count(group.tally, r.projectId, r.people);
		const place = inRegion ? { pcode: r.pcode, name: r.name } : null;
		const underKey = place?.pcode ?? '';
		let sub = group.under.get(underKey);
		if (!sub) group.under.set(underKey, (sub = { place, projects: new Set(), people: 0 }));
		count(sub, r.projectId, r.people);
	}

	const rows: WhoWhatWhereRow[] = [...groups.values()].map(({ tally, under, ...row }) => {
		const cercles = [...under.values()].sort((a, b) =>
			(a.place?.pcode ?? '').localeCompare(b.place?.pcode ?? '')
		);
		const onlyRegion = cercles.length === 1 && cercles[0]!.place === null;
		return {
			...row,
			projects: tally.projects.size,
			peopleTargeted: tally.people,
			admin2: onlyRegion
				? []
				: cercles.map((c) => ({ place: c.place, projects: c.projects.size, peopleTargeted: c.people }))
		};
	});
	rows.sort(
		(a, b) =>
			a.organisation.name.localeCompare(b.organisation.name, 'fr') ||
			a.organisation.id.localeCompare(b.organisation.id) ||
			compareActivities(a.activity, b.activity) ||
			a.admin1.pcode.localeCompare(b.admin1.pcode)
	);
	return { plan, statuses, rows };
}

/** Each row is one place of one project (for one activity): its people add up, the project counts once. */
function count(tally: Tally, projectId: string, people: number) {
	tally.projects.add(projectId);
	tally.people += people;
}

/** By cluster, then by the numbers of the code (A1.2.10 after A1.2.9); no activity last. */
function compareActivities(a: WhoWhatWhereRow['activity'], b: WhoWhatWhereRow['activity']): number {
	if (!a || !b) return a ? -1 : b ? 1 : 0;
	return (
		a.clusterCode.localeCompare(b.clusterCode) ||
		a.code.localeCompare(b.code, undefined, { numeric: true }) ||
		a.id.localeCompare(b.id)
	);
}
