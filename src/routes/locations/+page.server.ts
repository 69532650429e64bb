import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listLocations } from '$lib/server/locations/locations';
import { importsPlaces } from '$lib/server/locations/import-places';

const limit = 100;

/** The top of the P-code tree (the country, or the regions when no country is loaded), or a search. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const params = event.url.searchParams;
		// The tree used to be browsed with ?parent=: those links now lead to the place's own page.
		const parent = params.get('parent')?.trim();
		if (parent) redirect(301, `/locations/${encodeURIComponent(parent)}`);
		const q = params.get('q')?.trim() ?? '';
		const offset = params.get('offset') ?? undefined;
		const { items, total } = await listLocations(
			ctx,
			q ? { q, offset, limit } : { parent: '', offset, limit }
		);
		return {
			places: items.map((p) => ({
				pcode: p.pcode,
				name: p.name,
				level: p.level,
				parentPcode: p.parentPcode,
				parentName: p.parentName,
				retired: p.retiredAt !== null,
				children: p.children
			})),
			total,
			limit,
			offset: Number(offset ?? 0),
			q,
			mayImport: importsPlaces(ctx.actor),
			imported: importedCounts(params)
		};
	});

/** What the import just applied, passed along by its redirect to show once. */
function importedCounts(params: URLSearchParams) {
	if (!params.has('imported')) return null;
	const n = (key: string) => Math.max(0, Number.parseInt(params.get(key) ?? '0', 10) || 0);
	return {
		added: n('added'),
		renamed: n('renamed'),
		moved: n('moved'),
		retired: n('retired'),
		restored: n('restored')
	};
}
