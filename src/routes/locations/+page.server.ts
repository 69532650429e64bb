import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { countChildren, getLocationTrail, listLocations } from '$lib/server/locations/locations';

const limit = 100;

/** The P-code tree, one level at a time: the top places, or the children of `?parent=`; or a search. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const params = event.url.searchParams;
		const q = params.get('q')?.trim() ?? '';
		const parent = q ? '' : (params.get('parent')?.trim() ?? '');
		const offset = params.get('offset') ?? undefined;
		const trail = parent ? await getLocationTrail(ctx, parent) : [];
		const { items, total } = await listLocations(ctx, {
			q: q || undefined,
			// Without a search, the top of the tree (the country, or the regions when no country is loaded).
			parent: q ? undefined : (trail.at(-1)?.pcode ?? ''),
			offset,
			limit
		});
		const children = await countChildren(
			ctx,
			items.map((l) => l.id)
		);
		return {
			places: items.map((l) => ({
				pcode: l.pcode,
				name: l.name,
				level: l.level,
				parentPcode: l.parentPcode,
				children: children.get(l.id) ?? 0
			})),
			trail: trail.map(({ pcode, name }) => ({ pcode, name })),
			total,
			limit,
			offset: Number(offset ?? 0),
			q
		};
	});
