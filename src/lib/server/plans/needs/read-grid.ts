/**
 * What the needs page shows: the current figures as a grid, the whole country's totals, and, when
 * the figures are too many for one light page, the admin1 to choose from.
 */
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import type { Locale } from '../../i18n';
import { normalisePcode } from '../../locations/pcode';
import { editsPlanCluster, findPlanPart, type PlanPart } from '../access';
import { total } from './counts';
import { totalsOf } from './compare';
import { buildGridView, GRID_MAX_ROWS, inputFromFigures, type GridContext } from './grid';
import { comparePlaces, placesOfCountry } from './places';
import { groupsOfCluster } from './population-groups';
import { latestRevision, readRevision, type Figure } from './revisions';
import { revisionNumber } from './schema';
import { parseInput } from '../../validation';

export async function gridContext(db: Executor, part: PlanPart, locale: Locale): Promise<GridContext> {
	const places = await placesOfCountry(db, part.plan.countryId);
	const groups = await groupsOfCluster(db, part.cluster.id);
	return { places, groups, sexAgeGroups: part.plan.sexAgeGroups, locale };
}

export interface RegionSummary {
	pcode: string;
	name: string;
	rows: number;
	inNeed: number;
	targeted: number;
}

/** Who may save: the cluster's coordinators and information managers, while the plan is open. */
function editsNeeds(ctx: Ctx, part: PlanPart): boolean {
	return editsPlanCluster(ctx.actor, part.cluster.id) && part.plan.status !== 'closed';
}

/**
 * The grid of the latest revision, or of an older one (`revision`), which is only read: a save
 * always starts from the latest.
 */
export async function readNeedsGrid(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	query: { region?: string | null; revision?: string | null; page?: string | null }
) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const context = await gridContext(ctx.db, part, ctx.locale);
	const asked = query.revision ? parseInput(revisionNumber, query.revision, ctx.locale) : undefined;
	const current = await readRevision(ctx, part, asked);
	const latest = asked === undefined || (await latestRevision(ctx.db, part.planCluster.id))?.number === asked;
	const figures = current?.figures ?? [];
	const chosen = query.region ? context.places.get(normalisePcode(query.region)) : undefined;
	const region = chosen?.level === 1 ? chosen.pcode : null;
	let shown = region ? figures.filter((f) => context.places.get(f.pcode)?.regionPcode === region) : figures;
	// An admin1 with more rows than a light page holds is shown some of its places at a time.
	const perPage = Math.max(1, Math.floor(GRID_MAX_ROWS / Math.max(1, context.groups.length)));
	const regionPlaces = region ? placesOf(shown, region, context) : [];
	const pages = Math.max(1, Math.ceil(regionPlaces.length / perPage));
	const page = Math.min(pages, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
	const pagePlaces = new Set(regionPlaces.slice((page - 1) * perPage, page * perPage));
	if (region) shown = shown.filter((f) => pagePlaces.has(f.pcode));
	// A first grid offers every admin1 of the country, ready to be filled.
	const start =
		figures.length || !latest
			? []
			: [...context.places.values()]
					.filter((p) => p.level === 1 && !p.retired)
					.sort(comparePlaces)
					.map((p) => p.pcode);
	const view =
		!region && figures.length > GRID_MAX_ROWS
			? null
			: buildGridView(context, inputFromFigures(shown, part.plan.sexAgeGroups), {
					places: region ? [...pagePlaces] : start,
					baseRevision: current?.revision.number ?? 0,
					region,
					page
				});
	return {
		part,
		revision: current?.revision ?? null,
		editable: latest && editsNeeds(ctx, part),
		latest,
		view,
		regions: regionSummaries(figures, context),
		pages,
		totals: totalsOf(figures),
		rows: figures.length
	};
}

/** The admin1 and its admin2 that have figures, in the grid's order. */
function placesOf(figures: Figure[], region: string, context: GridContext): string[] {
	const pcodes = new Set([region, ...figures.map((f) => f.pcode)]);
	return [...pcodes]
		.map((p) => context.places.get(p)!)
		.sort(comparePlaces)
		.map((p) => p.pcode);
}

function regionSummaries(figures: Figure[], context: GridContext): RegionSummary[] {
	const regions = new Map<string, RegionSummary>();
	for (const place of [...context.places.values()].sort(comparePlaces))
		if (place.level === 1)
			regions.set(place.pcode, { pcode: place.pcode, name: place.name, rows: 0, inNeed: 0, targeted: 0 });
	for (const f of figures) {
		const region = regions.get(context.places.get(f.pcode)?.regionPcode ?? '');
		if (!region) continue;
		region.rows++;
		region.inNeed += total(f.inNeed) ?? 0;
		region.targeted += total(f.targeted) ?? 0;
	}
	return [...regions.values()];
}
