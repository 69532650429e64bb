import { listLocations, locationListQuery } from '../../locations/locations';
import { operation } from '../endpoint';
import { listOf, locationOut } from '../presenters';
import { m } from '$lib/paraglide/messages';

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
		response: listOf(locationOut),
		problems: ['validation'],
		run: ({ ctx, query }) => listLocations(ctx, query)
	})
];
