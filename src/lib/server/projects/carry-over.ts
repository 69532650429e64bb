/**
 * Starting a project from one of an earlier plan: what stays true from one plan to the next is
 * carried (texts, partners, places still in the country, beneficiaries, budget lines, marker,
 * contacts); what belongs to the old plan is left for the partner to choose again (dates inside
 * the new period, the new framework's objectives and indicators, the new plan's questions).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { location, plan, populationGroup } from '../db/schema';
import { ValidationError } from '../errors';
import type { Plan } from '../plans/access';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import type { Project } from './access';
import { readSheet, type Sheet } from './sheet';

export async function carriedSheet(
	db: Executor,
	source: Project,
	target: Project,
	targetPlan: Plan,
	locale: Locale
): Promise<Sheet> {
	// Only an organisation's own project, not withdrawn, of an earlier year's plan (as the choices offer).
	const [sourcePlan] = await db.select({ year: plan.year }).from(plan).where(eq(plan.id, source.planId));
	if (
		source.organisationId !== target.organisationId ||
		source.status === 'withdrawn' ||
		sourcePlan!.year >= targetPlan.year
	)
		throw new ValidationError([
			{ path: 'carriedFromId', message: m.projects_error_carry_over_same_plan({}, { locale }) }
		]);
	const old = await readSheet(db, source);
	const places = await inCountry(
		db,
		old.places.map((p) => p.locationId),
		targetPlan.countryId
	);
	const groups = await groupsOf(
		db,
		old.beneficiaries.map((b) => b.populationGroupId),
		target.clusterId
	);
	return {
		...old,
		startsOn: null,
		endsOn: null,
		partnerIds: old.partnerIds.filter((id) => id !== target.organisationId),
		clusters: [{ clusterId: target.clusterId, sharePercent: '100.00' }],
		objectiveIds: [],
		activityIds: [],
		targets: [],
		places: old.places.filter((p) => places.has(p.locationId)),
		beneficiaries: old.beneficiaries.filter((b) => groups.has(b.populationGroupId)),
		answers: {}
	};
}

/** The places (admin1, or admin2 under an admin1) that belong to the country. */
async function inCountry(db: Executor, ids: string[], countryId: string): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db
		.select({ id: location.id, level: location.level, parentId: location.parentId })
		.from(location)
		.where(inArray(location.id, ids));
	const regions = new Set(
		(
			await db
				.select({ id: location.id })
				.from(location)
				.where(and(eq(location.parentId, countryId), eq(location.level, 1)))
		).map((r) => r.id)
	);
	return new Set(
		rows
			.filter(
				(r) =>
					(r.level === 1 && r.parentId === countryId) ||
					(r.level === 2 && r.parentId && regions.has(r.parentId))
			)
			.map((r) => r.id)
	);
}

async function groupsOf(db: Executor, ids: string[], clusterId: string): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db
		.select({ id: populationGroup.id })
		.from(populationGroup)
		.where(and(inArray(populationGroup.id, ids), eq(populationGroup.clusterId, clusterId)));
	return new Set(rows.map((r) => r.id));
}
