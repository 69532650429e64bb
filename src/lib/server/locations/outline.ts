import simplify from '@turf/simplify';

type Position = [number, number];
type Ring = Position[];

/** A place's boundary: what COD-AB files hold for administrative areas. */
export type Outline =
	{ type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** A few KB per place: enough for a small map on a slow link, a fraction of the original. */
const DISPLAY_BUDGET_CHARS = 6000;

/**
 * The boundary of a GeoJSON geometry, or why it cannot be one: `'not-area'` for points and lines
 * (kept without outline), `'invalid'` for coordinates that are not longitude/latitude pairs.
 */
export function readOutline(geometry: unknown): Outline | null | 'invalid' {
	if (geometry === null || geometry === undefined) return null;
	if (typeof geometry !== 'object') return 'invalid';
	const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
	if (type === 'Polygon') return isPolygon(coordinates) ? { type, coordinates } : 'invalid';
	if (type === 'MultiPolygon')
		return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon)
			? { type, coordinates: coordinates as Ring[][] }
			: 'invalid';
	// Points (admin centres) and lines say nothing of an area: the place is kept without outline.
	return null;
}

function isPolygon(value: unknown): value is Ring[] {
	return Array.isArray(value) && value.length > 0 && value.every(isRing);
}

function isRing(value: unknown): value is Ring {
	return Array.isArray(value) && value.length >= 4 && value.every(isPosition);
}

/** Longitude and latitude in degrees (WGS 84, as GeoJSON requires); projected metres are refused. */
function isPosition(value: unknown): boolean {
	if (!Array.isArray(value) || value.length < 2) return false;
	const [lon, lat] = value as unknown[];
	return (
		typeof lon === 'number' &&
		typeof lat === 'number' &&
		Math.abs(lon) <= 180 &&
		Math.abs(lat) <= 90 &&
		Number.isFinite(lon) &&
		Number.isFinite(lat)
	);
}

/**
 * The outline simplified for display: a tolerance in proportion to the place's size, raised until
 * the result fits the budget, and coordinates rounded to about ten metres.
 */
export function simplifyOutline(outline: Outline): Outline {
	const [minX, minY, maxX, maxY] = bounds(outline);
	let tolerance = Math.max(maxX - minX, maxY - minY) / 400;
	let simplified = roundOutline(outline);
	for (let attempt = 0; attempt < 8; attempt++) {
		simplified = roundOutline(simplify(outline, { tolerance, highQuality: false, mutate: false }) as Outline);
		if (JSON.stringify(simplified).length <= DISPLAY_BUDGET_CHARS) break;
		tolerance *= 2;
	}
	return simplified;
}

function roundOutline(outline: Outline): Outline {
	const round = (ring: Ring): Ring =>
		ring.map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4] as Position);
	return outline.type === 'Polygon'
		? { type: 'Polygon', coordinates: outline.coordinates.map(round) }
		: { type: 'MultiPolygon', coordinates: outline.coordinates.map((polygon) => polygon.map(round)) };
}

function rings(outline: Outline): Ring[] {
	return outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat();
}

function bounds(outline: Outline): [number, number, number, number] {
	let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const ring of rings(outline))
		for (const [x, y] of ring) {
			minX = Math.min(minX, x);
			maxX = Math.max(maxX, x);
			minY = Math.min(minY, y);
			maxY = Math.max(maxY, y);
		}
	return [minX, minY, maxX, maxY];
}

export interface OutlineDrawing {
	width: number;
	height: number;
	/** The SVG path, every ring closed; drawn with fill-rule evenodd so that holes stay holes. */
	path: string;
}

/**
 * The outline as an SVG path `width` units wide (north up), in a simple equirectangular projection
 * corrected for latitude — for a place the size of a region, indistinguishable from a map's.
 */
export function drawOutline(stored: unknown, width = 240): OutlineDrawing | null {
	const outline = readOutline(stored);
	if (!outline || outline === 'invalid') return null;
	const [minX, minY, maxX, maxY] = bounds(outline);
	const squeeze = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxX - minX) * squeeze, 1e-9);
	const spanY = Math.max(maxY - minY, 1e-9);
	const scale = width / Math.max(spanX, spanY);
	const height = Math.max(1, Math.round(spanY * scale));
	const drawnWidth = Math.max(1, Math.round(spanX * scale));
	const point = ([x, y]: Position) =>
		`${((x - minX) * squeeze * scale).toFixed(1)} ${((maxY - y) * scale).toFixed(1)}`;
	const path = rings(outline)
		.map((ring) => `M${ring.map(point).join('L')}Z`)
		.join('');
	return { width: drawnWidth, height, path };
}
