/**
 * What changed between two revisions of a cluster's needs: rows added and removed, and each cell
 * whose count differs, with the totals of both. The same comparison tells a coordinator whose save
 * was refused what another one changed meanwhile.
 */
import type { Ctx } from '../../context';
import type { SexAgeGroup } from '../../db/schema';
import type { Locale } from '../../i18n';
import { NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { findPlanPart } from '../access';
import { addCounts, type Counts } from './counts';
import { PARTS, type Part } from './check-rows';
import { comparePlaces, placesOfCountry, type PlaceIndex } from './places';
import { groupName, groupsOfCluster, type PopulationGroup } from './population-groups';
import { byPlaceAndGroup, figuresOf, revisionByNumber, withAuthorFor, type Figure } from './revisions';
import { compareQuery } from './schema';

export interface CellChange {
	part: Part;
	code: string;
	before: number | null;
	after: number | null;
}

export interface RowChange {
	pcode: string;
	group: string;
	kind: 'added' | 'removed' | 'changed';
	cells: CellChange[];
}

export interface Totals {
	inNeed: Counts;
	targeted: Counts;
	inNeedTotal: number;
	targetedTotal: number;
}

/**
 * The rows that differ, in no particular order (`sortByPlace` orders them as the grid does); the
 * cells of a row in the order of the plan's sex and age groups, `columns`.
 */
export function diffFigures(
	older: Figure[],
	newer: Figure[],
	columns: readonly { code: string }[]
): RowChange[] {
	const order = new Map(columns.map((c, i) => [c.code, i]));
	const cellChanges = (was: Figure | undefined, now: Figure | undefined) => changedCells(was, now, order);
	const before = new Map(older.map((f) => [byPlaceAndGroup(f), f]));
	const changes: RowChange[] = [];
	for (const after of newer) {
		const key = byPlaceAndGroup(after);
		const was = before.get(key);
		before.delete(key);
		const cells = cellChanges(was, after);
		if (cells.length)
			changes.push({ pcode: after.pcode, group: after.group, kind: was ? 'changed' : 'added', cells });
	}
	for (const was of before.values())
		changes.push({ pcode: was.pcode, group: was.group, kind: 'removed', cells: cellChanges(was, undefined) });
	return changes;
}

function changedCells(
	was: Figure | undefined,
	now: Figure | undefined,
	order: Map<string, number>
): CellChange[] {
	const cells: CellChange[] = [];
	const position = (code: string) => order.get(code) ?? order.size;
	for (const part of PARTS) {
		const a = was?.[part] ?? {};
		const b = now?.[part] ?? {};
		const codes = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
			(x, y) => position(x) - position(y)
		);
		for (const code of codes) {
			const [before, after] = [a[code] ?? null, b[code] ?? null];
			if (before !== after) cells.push({ part, code, before, after });
		}
	}
	return cells;
}

export function totalsOf(figures: Figure[]): Totals {
	const totals = { inNeed: {} as Counts, targeted: {} as Counts, inNeedTotal: 0, targetedTotal: 0 };
	for (const f of figures) {
		addCounts(totals.inNeed, f.inNeed);
		addCounts(totals.targeted, f.targeted);
	}
	totals.inNeedTotal = Object.values(totals.inNeed).reduce((a, b) => a + b, 0);
	totals.targetedTotal = Object.values(totals.targeted).reduce((a, b) => a + b, 0);
	return totals;
}

/** Orders rows as the grid shows them: by place (admin1, then its admin2), then by group. */
export function sortByPlace<T extends { pcode: string; group: string }>(
	rows: T[],
	places: PlaceIndex,
	groups: PopulationGroup[]
): T[] {
	const position = new Map(groups.map((g, i) => [g.code, i]));
	return rows.sort((a, b) => {
		const [pa, pb] = [places.get(a.pcode), places.get(b.pcode)];
		const byPlace = pa && pb ? comparePlaces(pa, pb) : a.pcode.localeCompare(b.pcode);
		return byPlace || (position.get(a.group) ?? 99) - (position.get(b.group) ?? 99);
	});
}

/** Names for a change's place, group and cell, as the grid writes them. */
export interface Names {
	place: (pcode: string) => string;
	group: (code: string) => string;
	column: (part: Part, code: string) => string;
}

export function namesFor(
	places: PlaceIndex,
	groups: PopulationGroup[],
	sexAgeGroups: SexAgeGroup[],
	locale: Locale
): Names {
	return {
		place: (pcode) => {
			const place = places.get(pcode);
			return place ? `${place.name} (${pcode})` : pcode;
		},
		group: (code) => {
			const group = groups.find((g) => g.code === code);
			return group ? groupName(group, locale) : code;
		},
		column: (part, code) => {
			const column = sexAgeGroups.find((g) => g.code === code);
			const name = column ? (locale === 'en' ? column.nameEn : column.nameFr) : code;
			const partName = part === 'inNeed' ? m.needs_in_need({}, { locale }) : m.needs_targeted({}, { locale });
			return `${partName} — ${name}`;
		}
	};
}

/** One line per changed cell, for a message: "Gao (ML07) · Retournés · Ciblés — Femmes : 1 200 → 1 500". */
export function describeChanges(changes: RowChange[], names: Names, locale: Locale, limit: number): string[] {
	const count = (n: number | null) => (n === null ? '—' : formatNumber(n, locale));
	const lines: string[] = [];
	for (const change of changes)
		for (const cell of change.cells) {
			if (lines.length === limit) return lines;
			lines.push(
				m.needs_change_line(
					{
						place: names.place(change.pcode),
						group: names.group(change.group),
						column: names.column(cell.part, cell.code),
						before: count(cell.before),
						after: count(cell.after)
					},
					{ locale }
				)
			);
		}
	return lines;
}

export function changedCellCount(changes: RowChange[]): number {
	return changes.reduce((n, c) => n + c.cells.length, 0);
}

/** Two revisions side by side: what differs, and the totals of each. */
export async function compareRevisions(ctx: Ctx, planId: string, clusterCode: string, query: unknown) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const { from, to } = parseInput(compareQuery, query, ctx.locale);
	const [older, newer] = await Promise.all(
		[Math.min(from, to), Math.max(from, to)].map(async (n) => {
			const r = await revisionByNumber(ctx.db, part.planCluster.id, n);
			return r && withAuthorFor(ctx, r);
		})
	);
	if (!older || !newer) throw new NotFoundError();
	const [olderFigures, newerFigures, places, groups] = await Promise.all([
		figuresOf(ctx.db, older.id),
		figuresOf(ctx.db, newer.id),
		placesOfCountry(ctx.db, part.plan.countryId),
		groupsOfCluster(ctx.db, part.cluster.id)
	]);
	const changes = sortByPlace(
		diffFigures(olderFigures, newerFigures, part.plan.sexAgeGroups),
		places,
		groups
	);
	const [before, after] = [olderFigures, newerFigures].map(
		(f) => new Map(f.map((x) => [byPlaceAndGroup(x), x]))
	);
	return {
		part,
		from: older,
		to: newer,
		changes,
		changedCells: changedCellCount(changes),
		totals: { from: totalsOf(olderFigures), to: totalsOf(newerFigures) },
		/** Both versions of a changed row, by `byPlaceAndGroup`, to show it whole. */
		rowsOf: (change: RowChange) => ({
			before: before!.get(byPlaceAndGroup(change)) ?? null,
			after: after!.get(byPlaceAndGroup(change)) ?? null
		}),
		places,
		groups
	};
}
