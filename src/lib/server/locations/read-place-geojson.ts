import type { Locale } from '../i18n';
import { fileError } from '../spreadsheets/file-error';
import { m } from '$lib/paraglide/messages';
import { findColumns, type ColumnChoice } from './columns';
import {
	checkDuplicates,
	ProblemList,
	readListedPlace,
	type ListedPlace,
	type PlaceList
} from './place-list';
import { readOutline, simplifyOutline } from './outline';

interface Feature {
	properties?: Record<string, unknown> | null;
	geometry?: unknown;
}

/**
 * A P-code list from a COD-AB GeoJSON file: one feature per place, its P-code, name and parent in
 * the properties the user names (or that COD-AB names: `ADM2_PCODE`, `ADM2_FR`, `ADM1_PCODE`), its
 * boundary kept as imported and simplified for display. The upload limit has been checked before.
 */
export function readPlaceGeojson(
	bytes: Uint8Array,
	filename: string,
	choice: ColumnChoice,
	locale: Locale
): PlaceList {
	const features = readFeatures(bytes, locale);
	const properties = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
	const found = findColumns(properties, choice);
	if (!('columns' in found)) {
		const list = properties.join(', ') || '—';
		throw fileError(
			found.unknown.length
				? m.places_error_property_unknown({ properties: found.unknown.join(', '), found: list }, { locale })
				: m.places_error_no_properties({ found: list }, { locale })
		);
	}
	const { columns } = found;

	const problems = new ProblemList('geojson', locale);
	const places: ListedPlace[] = [];
	features.forEach((feature, i) => {
		const row = i + 1;
		const props = feature.properties ?? {};
		const cell = (column: string | null) => (column === null ? '' : text(props[column]));
		const place = readListedPlace(row, cell, columns, problems, locale);
		const outline = readOutline(feature.geometry);
		if (outline === 'invalid') {
			problems.add(row, null, m.places_problem_geometry({}, { locale }));
			return;
		}
		if (!place) return;
		places.push({ ...place, geometry: outline, displayGeometry: outline && simplifyOutline(outline) });
	});
	checkDuplicates(places, columns, problems, locale);
	problems.throwIfAny();
	return { format: 'geojson', filename, columns, places };
}

function readFeatures(bytes: Uint8Array, locale: Locale): Feature[] {
	let document: unknown;
	try {
		document = JSON.parse(new TextDecoder('utf-8').decode(bytes));
	} catch {
		throw fileError(m.places_error_geojson_unreadable({}, { locale }));
	}
	const root = document as { type?: unknown; features?: unknown } | null;
	const features =
		root?.type === 'FeatureCollection' && Array.isArray(root.features)
			? root.features
			: root?.type === 'Feature'
				? [root]
				: null;
	if (!features) throw fileError(m.places_error_geojson_not_collection({}, { locale }));
	if (features.length === 0) throw fileError(m.places_error_no_rows({}, { locale }));
	return features.map((f) => (f && typeof f === 'object' ? (f as Feature) : {}));
}

/** Property values as a user would read them: codes may be numbers in some files. */
function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}
