/**
 * The projects an export selects, read a page at a time by code (keyset: each page starts after
 * the last code of the one before), each with what a file says of it: its organisation, partners,
 * clusters and places. A whole plan is never in memory at once.
 */
import { and, asc, eq, gt, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import {
	cluster,
	location,
	organisation,
	project,
	projectCluster,
	projectLocation,
	projectPartner,
	type OrganisationType
} from '../../db/schema';

export const EXPORT_PAGE_SIZE = 500;

export interface ExportOrganisation {
	id: string;
	name: string;
	acronym: string | null;
	type: OrganisationType;
}

export interface ExportPlace {
	pcode: string;
	name: string;
	level: number;
	/** The région a cercle is in (null for a région itself). */
	parent: { pcode: string; name: string } | null;
	peopleTargeted: number;
}

export interface ExportProject {
	id: string;
	code: string;
	titleFr: string;
	titleEn: string | null;
	objectives: string;
	description: string;
	status: (typeof project.$inferSelect)['status'];
	startsOn: string | null;
	endsOn: string | null;
	budgetUsd: string;
	peopleTargeted: number;
	updatedAt: Date;
	organisation: ExportOrganisation;
	partners: ExportOrganisation[];
	/** The lead cluster first, then the others, with their share of the budget. */
	clusters: { id: string; code: string; nameFr: string; nameEn: string; sharePercent: string | null }[];
	places: ExportPlace[];
}

const parent = alias(location, 'parent_location');

/** Pages of the projects `where` selects, by code, `size` at a time. */
export async function* projectPages(
	db: Executor,
	where: SQL,
	size = EXPORT_PAGE_SIZE
): AsyncGenerator<ExportProject[]> {
	let after: string | null = null;
	for (;;) {
		const page = await db
			.select({
				id: project.id,
				code: project.code,
				titleFr: project.titleFr,
				titleEn: project.titleEn,
				objectives: project.objectives,
				description: project.description,
				status: project.status,
				startsOn: project.startsOn,
				endsOn: project.endsOn,
				budgetUsd: project.budgetUsd,
				peopleTargeted: project.peopleTargeted,
				updatedAt: project.updatedAt,
				lead: { id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn },
				organisation: {
					id: organisation.id,
					name: organisation.name,
					acronym: organisation.acronym,
					type: organisation.type
				}
			})
			.from(project)
			.innerJoin(organisation, eq(organisation.id, project.organisationId))
			.innerJoin(cluster, eq(cluster.id, project.clusterId))
			.where(after === null ? where : and(where, gt(project.code, after)))
			.orderBy(asc(project.code))
			.limit(size);
		if (page.length === 0) return;
		// The page's details are selected by its range of codes rather than a list of 500 ids, which
		// costs more to send and parse than the query itself.
		const range = and(
			where,
			after === null ? undefined : gt(project.code, after),
			lte(project.code, page.at(-1)!.code)
		)!;
		const [partners, clusters, places] = await Promise.all([
			partnersOf(db, range),
			clustersOf(db, range),
			placesOf(db, range)
		]);
		yield page.map(({ lead, ...p }) => {
			const spans = clusters.get(p.id) ?? [];
			const others = spans.filter((c) => c.id !== lead.id);
			const leadShare = spans.find((c) => c.id === lead.id)?.sharePercent ?? (others.length ? null : '100');
			return {
				...p,
				partners: partners.get(p.id) ?? [],
				clusters: [{ ...lead, sharePercent: leadShare }, ...others],
				places: places.get(p.id) ?? []
			};
		});
		if (page.length < size) return;
		after = page[page.length - 1]!.code;
	}
}

function groupBy<T extends { projectId: string }, U>(rows: T[], shape: (row: T) => U): Map<string, U[]> {
	const byProject = new Map<string, U[]>();
	for (const row of rows) {
		const list = byProject.get(row.projectId);
		if (list) list.push(shape(row));
		else byProject.set(row.projectId, [shape(row)]);
	}
	return byProject;
}

async function partnersOf(db: Executor, range: SQL) {
	const rows = await db
		.select({
			projectId: projectPartner.projectId,
			id: organisation.id,
			name: organisation.name,
			acronym: organisation.acronym,
			type: organisation.type
		})
		.from(projectPartner)
		.innerJoin(organisation, eq(organisation.id, projectPartner.organisationId))
		.innerJoin(project, eq(project.id, projectPartner.projectId))
		.where(range)
		.orderBy(asc(organisation.name));
	return groupBy(rows, ({ projectId: _, ...o }) => o);
}

async function clustersOf(db: Executor, range: SQL) {
	const rows = await db
		.select({
			projectId: projectCluster.projectId,
			id: cluster.id,
			code: cluster.code,
			nameFr: cluster.nameFr,
			nameEn: cluster.nameEn,
			sharePercent: projectCluster.sharePercent
		})
		.from(projectCluster)
		.innerJoin(cluster, eq(cluster.id, projectCluster.clusterId))
		.innerJoin(project, eq(project.id, projectCluster.projectId))
		.where(range)
		.orderBy(asc(cluster.code));
	return groupBy(rows, ({ projectId: _, ...c }) => c);
}

async function placesOf(db: Executor, range: SQL) {
	const rows = await db
		.select({
			projectId: projectLocation.projectId,
			pcode: location.pcode,
			name: location.name,
			level: location.level,
			parentPcode: parent.pcode,
			parentName: parent.name,
			peopleTargeted: projectLocation.peopleTargeted
		})
		.from(projectLocation)
		.innerJoin(location, eq(location.id, projectLocation.locationId))
		.leftJoin(parent, eq(parent.id, location.parentId))
		.innerJoin(project, eq(project.id, projectLocation.projectId))
		.where(range)
		.orderBy(asc(location.pcode));
	return groupBy(rows, (r): ExportPlace => ({
		pcode: r.pcode,
		name: r.name,
		level: r.level,
		parent: r.level >= 2 && r.parentPcode !== null ? { pcode: r.parentPcode, name: r.parentName! } : null,
		peopleTargeted: r.peopleTargeted
	}));
}
