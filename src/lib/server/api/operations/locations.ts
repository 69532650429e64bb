import { getPlace, listLocations, locationListQuery, type Place } from '../../locations/locations';
import {
	applyPlacesImport,
	discardPlacesImport,
	getPlacesImport,
	previewPlacesImport
} from '../../locations/import-places';
import { placeChildrenQuery, placesImportOptions } from '../../locations/schema';
import { placeDetailOut, placeListOut, placesPreviewOut, placesReportOut } from '../../locations/present';
import { readUpload } from '../../uploads/read-upload';
import { operation } from '../endpoint';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * The last segment of the path as sent: places are named by P-code (`/locations/ML0704`), which the
 * router's `{id}` (a UUID) would not carry through.
 */
function pathKey(request: Request): string {
	const segment = new URL(request.url).pathname.split('/').pop() ?? '';
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function presentPlace(place: Place): z.output<typeof placeDetailOut> {
	return { ...place, outline: place.outline as z.output<typeof placeDetailOut>['outline'] };
}

const FILE_TYPES = [
	'text/csv',
	'application/geo+json',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
];

/** The administrative tree by P-code: read by everyone, imported by administrators. */
export const locations = [
	operation({
		method: 'GET',
		path: '/locations',
		operationId: 'listLocations',
		tag: 'locations',
		summary: (locale) => m.api_doc_locations_list({}, { locale }),
		public: true,
		query: locationListQuery,
		status: 200,
		response: placeListOut,
		problems: ['validation'],
		run: ({ ctx, query }) => listLocations(ctx, query)
	}),
	operation({
		method: 'POST',
		path: '/locations/import',
		operationId: 'previewLocationsImport',
		tag: 'locations',
		summary: (locale) => m.places_api_import_preview({}, { locale }),
		query: placesImportOptions,
		upload: FILE_TYPES,
		status: 201,
		response: placesPreviewOut,
		problems: ['validation', 'forbidden'],
		run: ({ ctx, locale, query, request }) =>
			previewPlacesImport(ctx, async () => ({ ...(await readUpload(request, locale)), options: query }))
	}),
	operation({
		method: 'GET',
		path: '/locations/import/{id}',
		operationId: 'getLocationsImport',
		tag: 'locations',
		summary: (locale) => m.places_api_import_get({}, { locale }),
		status: 200,
		response: placesPreviewOut,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => getPlacesImport(ctx, id)
	}),
	operation({
		method: 'POST',
		path: '/locations/import/{id}',
		operationId: 'applyLocationsImport',
		tag: 'locations',
		summary: (locale) => m.places_api_import_apply({}, { locale }),
		status: 200,
		response: placesReportOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: ({ ctx, id }) => applyPlacesImport(ctx, id)
	}),
	operation({
		method: 'DELETE',
		path: '/locations/import/{id}',
		operationId: 'discardLocationsImport',
		tag: 'locations',
		summary: (locale) => m.places_api_import_discard({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => discardPlacesImport(ctx, id)
	}),
	operation({
		method: 'GET',
		path: '/locations/{id}',
		operationId: 'getLocation',
		tag: 'locations',
		summary: (locale) => m.places_api_get({}, { locale }),
		public: true,
		query: placeChildrenQuery,
		status: 200,
		response: placeDetailOut,
		problems: ['validation', 'not-found'],
		run: async ({ ctx, query, request }) => presentPlace(await getPlace(ctx, pathKey(request), query))
	})
];
