import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getPlace } from '$lib/server/locations/locations';
import { drawOutline } from '$lib/server/locations/outline';
import { readsDirectory } from '$lib/server/access/policy';

const limit = 100;

/** A place: the places above it, a page of those below it with their counts, its outline if any. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const offset = event.url.searchParams.get('offset') ?? undefined;
		const place = await getPlace(ctx, event.params.pcode, { limit, offset });
		return {
			place: {
				pcode: place.pcode,
				name: place.name,
				level: place.level,
				validFrom: place.validFrom,
				retiredAt: place.retiredAt,
				uses: place.uses
			},
			trail: place.trail.map(({ pcode, name }) => ({ pcode, name })),
			outline: drawOutline(place.outline),
			children: place.children.items.map((p) => ({
				pcode: p.pcode,
				name: p.name,
				level: p.level,
				parentPcode: p.parentPcode,
				parentName: p.parentName,
				retired: p.retiredAt !== null,
				children: p.children
			})),
			total: place.children.total,
			limit,
			offset: place.children.offset,
			// The directory is for signed-in users: visitors are not sent to a list they cannot open.
			linksDirectory: readsDirectory(ctx.actor)
		};
	});
