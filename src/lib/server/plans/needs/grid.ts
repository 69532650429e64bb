/**
 * The needs grid as the page shows it: one block per place (an admin1, then its admin2 that have
 * figures), one row per population group, the in-need and targeted counts by sex and age group
 * with their totals by row and column, computed here so that the page needs no script for them.
 * The same view shows stored figures and figures just posted (with their mistakes marked).
 */
import { normalisePcode } from '../../locations/pcode';
import type { FieldError } from '../../errors';
import type { Locale } from '../../i18n';
import type { SexAgeGroup } from '../../db/schema';
import { aboveMessage, PARTS, type Part } from './check-rows';
import { namesFor } from './compare';
import { readCount } from './counts';
import { comparePlaces, type NeedPlace, type PlaceIndex } from './places';
import { groupName, type PopulationGroup } from './population-groups';
import type { Figure } from './revisions';

/** Above this many rows the grid is shown one admin1 at a time: a page stays light on a 2G link. */
export const GRID_MAX_ROWS = 400;

/** The rows of a grid as text, the columns in the order of the plan's sex and age groups. */
export interface GridInput {
	pcode: string;
	group: string;
	inNeed: string[];
	targeted: string[];
}

export interface GridCell {
	value: string;
	/** A mistake that refused the save. */
	error?: string;
	/** People targeted above people in need. */
	warning?: string;
}

export interface GridRow {
	pcode: string;
	group: string;
	groupName: string;
	inNeed: GridCell[];
	targeted: GridCell[];
	inNeedTotal: number | null;
	targetedTotal: number | null;
	error?: string;
}

export interface GridBlock {
	pcode: string;
	name: string;
	level: number;
	/** The admin1 heading above an admin2 whose admin1 has no figures of its own. */
	region?: { pcode: string; name: string };
	rows: GridRow[];
}

export interface GridView {
	columns: { code: string; name: string }[];
	blocks: GridBlock[];
	totals: {
		inNeed: (number | null)[];
		targeted: (number | null)[];
		inNeedTotal: number | null;
		targetedTotal: number | null;
	};
	baseRevision: number;
	/** The admin1 the grid is limited to, or null for the whole country. */
	region: string | null;
	/** Which page of the admin1's places, when they are too many for one. */
	page: number;
	/** Mistakes and warnings with the cell they are about, for the summary above the grid. */
	issues: { where: string; message: string; warning: boolean }[];
}

export interface GridContext {
	places: PlaceIndex;
	groups: PopulationGroup[];
	sexAgeGroups: SexAgeGroup[];
	locale: Locale;
}

/** The grid's input from stored figures: counts written as plain digits, ready to edit. */
export function inputFromFigures(figures: Figure[], sexAgeGroups: SexAgeGroup[]): GridInput[] {
	const text = (n: number | undefined) => (n === undefined ? '' : String(n));
	return figures.map((f) => ({
		pcode: f.pcode,
		group: f.group,
		inNeed: sexAgeGroups.map((c) => text(f.inNeed[c.code])),
		targeted: sexAgeGroups.map((c) => text(f.targeted[c.code]))
	}));
}

/** The path of a cell in the grid's messages: `ML0701/idp.inNeed.girls`. */
export function cellPath(pcode: string, group: string, part?: Part, code?: string): string {
	return part ? `${pcode}/${group}.${part}.${code}` : `${pcode}/${group}`;
}

export function buildGridView(
	context: GridContext,
	input: GridInput[],
	options: {
		places?: string[];
		baseRevision: number;
		region: string | null;
		page?: number;
		errors?: FieldError[];
	}
): GridView {
	const { places, groups, sexAgeGroups, locale } = context;
	const width = sexAgeGroups.length;
	const errors = new Map<string, string>();
	for (const e of options.errors ?? []) if (!errors.has(e.path)) errors.set(e.path, e.message);
	const byKey = new Map(input.map((r) => [cellPath(normalisePcode(r.pcode), r.group), r]));
	const pcodes = [...new Set([...input.map((r) => normalisePcode(r.pcode)), ...(options.places ?? [])])];
	const known = pcodes.map((p) => places.get(p) ?? unknownPlace(p)).sort(comparePlaces);
	const names = namesFor(places, groups, sexAgeGroups, locale);
	const totals = {
		inNeed: Array<number | null>(width).fill(null),
		targeted: Array<number | null>(width).fill(null)
	};
	const issues: GridView['issues'] = [];
	const blocks: GridBlock[] = [];
	let lastRegion = '';
	for (const place of known) {
		const region =
			place.regionPcode !== lastRegion && place.level === 2 ? places.get(place.regionPcode) : undefined;
		lastRegion = place.regionPcode;
		const rows = groups.map((g) => {
			const row = gridRow(context, place, g, byKey.get(cellPath(place.pcode, g.code)), errors);
			const where = `${names.place(place.pcode)} · ${row.groupName}`;
			if (row.error) issues.push({ where, message: row.error, warning: false });
			for (const part of PARTS)
				row[part].forEach((cell, j) => {
					const column = `${where} · ${names.column(part, sexAgeGroups[j]!.code)}`;
					if (cell.error) issues.push({ where: column, message: cell.error, warning: false });
					else if (cell.warning) issues.push({ where: column, message: cell.warning, warning: true });
					const n = countOf(cell.value);
					if (n !== null) totals[part][j] = (totals[part][j] ?? 0) + n;
				});
			return row;
		});
		blocks.push({
			pcode: place.pcode,
			name: place.name,
			level: place.level,
			region: region && { pcode: region.pcode, name: region.name },
			rows
		});
	}
	// Mistakes about rows not on the page (kept from another admin1) are listed as they are.
	const shown = new Set(blocks.flatMap((b) => b.rows.map((r) => cellPath(r.pcode, r.group))));
	for (const e of options.errors ?? [])
		if (e.path.includes('/') && !shown.has(e.path.split('.')[0]!))
			issues.push({ where: e.path.split('.')[0]!, message: e.message, warning: false });
	return {
		columns: sexAgeGroups.map((c) => ({ code: c.code, name: locale === 'en' ? c.nameEn : c.nameFr })),
		blocks,
		totals: { ...totals, inNeedTotal: sum(totals.inNeed), targetedTotal: sum(totals.targeted) },
		baseRevision: options.baseRevision,
		region: options.region,
		page: options.page ?? 1,
		issues
	};
}

function gridRow(
	context: GridContext,
	place: NeedPlace,
	group: PopulationGroup,
	posted: GridInput | undefined,
	errors: Map<string, string>
): GridRow {
	const key = cellPath(place.pcode, group.code);
	const cells = (part: Part) =>
		context.sexAgeGroups.map((c, j): GridCell => ({
			value: posted?.[part][j] ?? '',
			error: errors.get(cellPath(place.pcode, group.code, part, c.code))
		}));
	const inNeed = cells('inNeed');
	const targeted = cells('targeted');
	targeted.forEach((cell, j) => {
		const [t, n] = [countOf(cell.value), countOf(inNeed[j]!.value)];
		// Against a count that is not one (-4, 12,5) there is nothing to compare.
		const unreadable = n === null && inNeed[j]!.value.trim() !== '' && inNeed[j]!.value.trim() !== '-';
		if (!cell.error && !unreadable && t !== null && t > (n ?? 0))
			cell.warning = aboveMessage(t, n ?? 0, context.locale);
	});
	return {
		pcode: place.pcode,
		group: group.code,
		groupName: groupName(group, context.locale),
		inNeed,
		targeted,
		inNeedTotal: sum(inNeed.map((c) => countOf(c.value))),
		targetedTotal: sum(targeted.map((c) => countOf(c.value))),
		error: errors.get(key) ?? errors.get(`${key}.pcode`) ?? errors.get(`${key}.group`)
	};
}

/** A P-code posted that is no place of the plan: shown as it is, last, with its error. */
function unknownPlace(pcode: string): NeedPlace {
	return { id: '', pcode, name: pcode, level: 2, regionPcode: `~${pcode}`, retired: false };
}

function countOf(text: string): number | null {
	const read = readCount(text);
	return 'value' in read ? read.value : null;
}

function sum(values: (number | null)[]): number | null {
	return values.reduce<number | null>((a, b) => (b === null ? a : (a ?? 0) + b), null);
}
