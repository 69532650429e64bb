import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { ProblemList, type ListedPlace, type PlaceList } from './place-list';
import { countryPrefix, foldName, hasAccents } from './pcode';

/** A stored place as the comparison needs it (no geometry). */
export interface StoredPlace {
	id: string;
	pcode: string;
	name: string;
	level: number;
	parentId: string | null;
	validFrom: string | null;
	retiredAt: Date | null;
}

export interface PlaceRef {
	pcode: string;
	name: string;
}

/** What a new version of the P-code list changes, shown before it is applied and kept in the audit. */
export interface PlacesReport {
	filename: string;
	format: PlaceList['format'];
	columns: { pcode: string; name: string; parent: string | null; level: string | null };
	/** Places in the file. */
	total: number;
	/** The levels the file lists: only places at these levels can be missing from it. */
	levels: number[];
	added: (PlaceRef & { level: number; parent: PlaceRef | null })[];
	renamed: { pcode: string; from: string; to: string }[];
	moved: (PlaceRef & { from: PlaceRef | null; to: PlaceRef | null })[];
	levelChanged: (PlaceRef & { from: number; to: number })[];
	/** Retired places that the file lists again. */
	restored: PlaceRef[];
	/** Places of the same countries and levels that the file no longer lists: kept, marked retired. */
	retired: (PlaceRef & { level: number; uses: number })[];
	unchanged: number;
	/** Places that get an outline from the file. */
	outlines: number;
}

/** The writes that turn the stored places into the file's list. */
export interface PlacesPlan {
	report: PlacesReport;
	/** New places, parents before children (`parentPcode` is already stored or inserted before). */
	inserts: ResolvedPlace[];
	/** Stored places to update, by id. */
	updates: (ResolvedPlace & { id: string })[];
	retireIds: string[];
}

export interface ResolvedPlace extends ListedPlace {
	level: number;
	/** The parent as resolved: a P-code of the file or of a stored place; null at the top. */
	parentPcode: string | null;
	/** The name to store: the stored spelling is kept when the file differs only by accents or case. */
	name: string;
}

/**
 * Compares a file's list with the stored places: resolves each parent (in the file, else among
 * stored places), works out levels, and sorts every place into added, renamed, moved, level
 * changed, restored or unchanged; stored places the file leaves out are to be retired, never
 * deleted. Throws ValidationError naming the rows whose parent cannot be found or makes no sense.
 */
export function comparePlaces(list: PlaceList, stored: StoredPlace[], locale: Locale): PlacesPlan {
	const problems = new ProblemList(list.format, locale);
	const byPcode = new Map(stored.map((p) => [p.pcode, p]));
	const byId = new Map(stored.map((p) => [p.id, p]));
	const listed = new Map(list.places.map((p) => [p.pcode, p]));
	const parentColumn = list.columns.parent;
	const levelColumn = list.columns.level;

	// Parents first: the file wins over what is stored, since the file is the new version.
	const parentOf = new Map<string, string | null>();
	for (const place of list.places) {
		const written = place.parentPcode;
		if (written === null || listed.has(written) || byPcode.has(written)) {
			parentOf.set(place.pcode, written);
			continue;
		}
		const country = countryAlias(place, written, listed, byPcode);
		if (country !== undefined) {
			parentOf.set(place.pcode, country);
			continue;
		}
		problems.add(place.row, parentColumn, m.places_problem_parent_unknown({ value: written }, { locale }));
	}
	problems.throwIfAny();

	const storedParent = (p: StoredPlace) => (p.parentId ? (byId.get(p.parentId)?.pcode ?? null) : null);
	const parentPcodeOf = (pcode: string): string | null =>
		parentOf.has(pcode) ? parentOf.get(pcode)! : storedParent(byPcode.get(pcode)!);

	// A place may not end up inside itself: follow each chain of parents as it will be stored.
	for (const place of list.places) {
		let at = parentPcodeOf(place.pcode);
		for (let depth = 0; at !== null && depth < 50; depth++) {
			if (at === place.pcode) {
				problems.add(
					place.row,
					parentColumn,
					m.places_problem_parent_loop({ pcode: place.pcode }, { locale })
				);
				break;
			}
			at = parentPcodeOf(at);
		}
	}
	problems.throwIfAny();

	const levels = new Map<string, number>();
	const levelOf = (pcode: string): number => {
		const known = levels.get(pcode);
		if (known !== undefined) return known;
		const place = listed.get(pcode);
		if (!place) return byPcode.get(pcode)!.level;
		const parent = parentOf.get(pcode) ?? null;
		const level =
			place.level ?? (parent === null ? (place.parentPcode === null ? 0 : 1) : levelOf(parent) + 1);
		levels.set(pcode, level);
		return level;
	};
	for (const place of list.places) {
		const level = levelOf(place.pcode);
		const parent = parentOf.get(place.pcode) ?? null;
		if (parent !== null && level <= levelOf(parent)) {
			problems.add(
				place.row,
				levelColumn ?? parentColumn,
				m.places_problem_level_not_below({ level, parent, parentLevel: levelOf(parent) }, { locale })
			);
		}
	}
	problems.throwIfAny();

	const namesToStore = new Map<string, string>();
	for (const place of list.places) {
		const current = byPcode.get(place.pcode);
		namesToStore.set(place.pcode, current ? keptSpelling(current.name, place.name) : place.name);
	}
	const ref = (pcode: string | null): PlaceRef | null =>
		pcode === null ? null : { pcode, name: namesToStore.get(pcode) ?? byPcode.get(pcode)!.name };

	const report: PlacesReport = {
		filename: list.filename,
		format: list.format,
		columns: { pcode: list.columns.pcode, name: list.columns.name, parent: parentColumn, level: levelColumn },
		total: list.places.length,
		levels: [...new Set(list.places.map((p) => levelOf(p.pcode)))].sort((a, b) => a - b),
		added: [],
		renamed: [],
		moved: [],
		levelChanged: [],
		restored: [],
		retired: [],
		unchanged: 0,
		outlines: list.places.filter((p) => p.geometry).length
	};
	const plan: PlacesPlan = { report, inserts: [], updates: [], retireIds: [] };

	for (const place of list.places) {
		const resolved: ResolvedPlace = {
			...place,
			name: namesToStore.get(place.pcode)!,
			level: levelOf(place.pcode),
			parentPcode: parentOf.get(place.pcode) ?? null
		};
		const current = byPcode.get(place.pcode);
		if (!current) {
			plan.inserts.push(resolved);
			report.added.push({
				pcode: place.pcode,
				name: resolved.name,
				level: resolved.level,
				parent: ref(resolved.parentPcode)
			});
			continue;
		}
		let changed = false;
		if (resolved.name !== current.name) {
			report.renamed.push({ pcode: place.pcode, from: current.name, to: resolved.name });
			changed = true;
		}
		const before = storedParent(current);
		if (resolved.parentPcode !== before) {
			report.moved.push({
				pcode: place.pcode,
				name: resolved.name,
				from: ref(before),
				to: ref(resolved.parentPcode)
			});
			changed = true;
		}
		if (resolved.level !== current.level) {
			report.levelChanged.push({
				pcode: place.pcode,
				name: resolved.name,
				from: current.level,
				to: resolved.level
			});
			changed = true;
		}
		if (current.retiredAt) {
			report.restored.push({ pcode: place.pcode, name: resolved.name });
			changed = true;
		}
		if (!changed) report.unchanged++;
		const newDate = resolved.validFrom !== null && resolved.validFrom !== current.validFrom;
		if (changed || newDate || place.geometry) plan.updates.push({ ...resolved, id: current.id });
	}
	plan.inserts.sort((a, b) => a.level - b.level);

	// Only the countries and levels the file covers: a list of cercles says nothing of regions.
	const countries = new Set(list.places.map((p) => countryPrefix(p.pcode)));
	const coveredLevels = new Set(report.levels);
	for (const place of stored) {
		if (listed.has(place.pcode) || place.retiredAt) continue;
		if (!countries.has(countryPrefix(place.pcode)) || !coveredLevels.has(place.level)) continue;
		plan.retireIds.push(place.id);
		report.retired.push({ pcode: place.pcode, name: place.name, level: place.level, uses: 0 });
	}
	report.added.sort(byCode);
	report.retired.sort(byCode);
	return plan;
}

const byCode = (a: { pcode: string }, b: { pcode: string }) => a.pcode.localeCompare(b.pcode);

/**
 * OCHA's P-code lists give an admin1 place the country's ISO 3166 alpha-3 code as parent (`MLI`)
 * while the country's P-code is its alpha-2 (`ML`): such a parent is the country place whose
 * P-code begins the place's own, or none when no country is loaded (the regions are the top).
 * Returns undefined when `written` is not such a code.
 */
function countryAlias(
	place: ListedPlace,
	written: string,
	listed: Map<string, ListedPlace>,
	stored: Map<string, StoredPlace>
): string | null | undefined {
	if (!/^[A-Z]{3}$/.test(written) || (place.level !== null && place.level !== 1)) return undefined;
	const code = countryPrefix(place.pcode);
	if (written[0] !== code[0]) return undefined;
	const country = listed.get(code) ?? stored.get(code);
	if (!country) return null;
	return country.level === 0 ? code : undefined;
}

/**
 * Lists are often written without accents (Segou, Menaka) while people write Ségou, Ménaka: a name
 * that differs only by accents or case keeps the stored spelling, unless the file brings accents
 * the stored name lacks.
 */
function keptSpelling(stored: string, listed: string): string {
	if (foldName(stored) !== foldName(listed)) return listed;
	if (hasAccents(listed) && !hasAccents(stored)) return listed;
	return stored;
}
