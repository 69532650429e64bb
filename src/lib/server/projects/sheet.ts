/**
 * A project's sheet as one object: the project's own columns and the lists kept in their tables.
 * `readSheet` and `storeSheet` are the only places that know how it is spread over the tables.
 */
import { asc, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client';
import {
	project,
	projectActivity,
	projectCluster,
	projectContact,
	projectLocation,
	projectObjective,
	projectPartner,
	projectTarget
} from '../db/schema';
import type { SheetInput } from './sheet-schema';
import { centsToUsd, usdToCents } from './money';
import type { Project } from './access';

export type Sheet = SheetInput;

export async function readSheet(db: Executor, p: Project): Promise<Sheet> {
	const where = (table: { projectId: PgColumn }) => eq(table.projectId, p.id);
	// One query after another: a transaction's connection runs one statement at a time.
	const partners = await db
		.select({ id: projectPartner.organisationId })
		.from(projectPartner)
		.where(where(projectPartner));
	const clusters = await db
		.select({ clusterId: projectCluster.clusterId, sharePercent: projectCluster.sharePercent })
		.from(projectCluster)
		.where(where(projectCluster));
	const objectives = await db
		.select({ id: projectObjective.clusterObjectiveId })
		.from(projectObjective)
		.where(where(projectObjective));
	const activities = await db
		.select({ id: projectActivity.activityId })
		.from(projectActivity)
		.where(where(projectActivity));
	const targets = await db
		.select({
			indicatorId: projectTarget.indicatorId,
			locationId: projectTarget.locationId,
			value: projectTarget.value
		})
		.from(projectTarget)
		.where(where(projectTarget));
	const places = await db
		.select({ locationId: projectLocation.locationId, peopleTargeted: projectLocation.peopleTargeted })
		.from(projectLocation)
		.where(where(projectLocation));
	const contacts = await db
		.select({ id: projectContact.personId })
		.from(projectContact)
		.where(where(projectContact))
		.orderBy(asc(projectContact.position));
	const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
	return {
		titleFr: p.titleFr,
		titleEn: p.titleEn,
		objectives: p.objectives,
		description: p.description,
		startsOn: p.startsOn,
		endsOn: p.endsOn,
		genderAgeMarker: p.genderAgeMarker,
		partnerIds: ids(partners),
		clusters: clusters.sort((a, b) =>
			a.clusterId === p.clusterId ? -1 : b.clusterId === p.clusterId ? 1 : 0
		),
		objectiveIds: ids(objectives),
		activityIds: ids(activities),
		targets: targets.sort(
			(a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.locationId.localeCompare(b.locationId)
		),
		places: places.sort((a, b) => a.locationId.localeCompare(b.locationId)),
		beneficiaries: p.beneficiaries,
		budgetUsd: p.budgetLines.length || Number(p.budgetUsd) > 0 ? p.budgetUsd : null,
		budgetLines: p.budgetLines,
		answers: p.answers,
		contactIds: contacts.map((c) => c.id)
	};
}

/** Writes the whole sheet (already checked) and bumps the project's revision. */
export async function storeSheet(db: Executor, p: Project, sheet: Sheet): Promise<Project> {
	const [row] = await db
		.update(project)
		.set({
			titleFr: sheet.titleFr,
			titleEn: sheet.titleEn,
			objectives: sheet.objectives,
			description: sheet.description,
			startsOn: sheet.startsOn,
			endsOn: sheet.endsOn,
			genderAgeMarker: sheet.genderAgeMarker,
			beneficiaries: sheet.beneficiaries,
			budgetLines: sheet.budgetLines,
			budgetUsd: budgetTotal(sheet),
			peopleTargeted: sheet.places.reduce((sum, place) => sum + place.peopleTargeted, 0),
			answers: sheet.answers,
			revision: p.revision + 1,
			updatedAt: new Date()
		})
		.where(eq(project.id, p.id))
		.returning();
	const id = p.id;
	const replace = async <
		T extends
			| typeof projectPartner
			| typeof projectCluster
			| typeof projectObjective
			| typeof projectActivity
			| typeof projectTarget
			| typeof projectLocation
			| typeof projectContact
	>(
		table: T,
		rows: T['$inferInsert'][]
	) => {
		await db.delete(table).where(eq(table.projectId, id));
		if (rows.length) await db.insert(table).values(rows as never);
	};
	await replace(
		projectPartner,
		sheet.partnerIds.map((organisationId) => ({ projectId: id, organisationId }))
	);
	await replace(
		projectCluster,
		sheet.clusters.map((c) => ({ projectId: id, ...c }))
	);
	await replace(
		projectObjective,
		sheet.objectiveIds.map((clusterObjectiveId) => ({ projectId: id, clusterObjectiveId }))
	);
	await replace(
		projectActivity,
		sheet.activityIds.map((activityId) => ({ projectId: id, activityId }))
	);
	await replace(
		projectTarget,
		sheet.targets.map((t) => ({ projectId: id, ...t }))
	);
	await replace(
		projectLocation,
		sheet.places.map((place) => ({ projectId: id, ...place }))
	);
	await replace(
		projectContact,
		sheet.contactIds.map((personId, position) => ({ projectId: id, personId, position }))
	);
	return row!;
}

/** The budget: the sum of its lines when there are lines, else the total as stated. */
export function budgetTotal(sheet: Pick<Sheet, 'budgetUsd' | 'budgetLines'>): string {
	if (!sheet.budgetLines.length) return sheet.budgetUsd ?? '0.00';
	return centsToUsd(sheet.budgetLines.reduce((sum, line) => sum + usdToCents(line.amountUsd), 0n));
}

/** The fields whose value differs between two sheets (what a write changed). */
export function changedFields(before: Sheet, after: Sheet): (keyof Sheet)[] {
	return (Object.keys(after) as (keyof Sheet)[]).filter(
		(key) => stableJson(before[key] ?? null) !== stableJson(after[key] ?? null)
	);
}

/** JSON with object keys sorted: the database hands JSON objects back with their keys reordered. */
function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
			: v
	);
}
