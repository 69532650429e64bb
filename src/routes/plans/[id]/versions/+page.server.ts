import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { compareVersions, listVersions } from '$lib/server/plans/versions';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const params = event.url.searchParams;
		const { plan, items } = await listVersions(ctx, event.params.id, { limit: 200, offset: 0 });
		const from = Number(params.get('from'));
		const to = Number(params.get('to'));
		const comparing =
			params.has('from') && params.has('to') && Number.isInteger(from) && Number.isInteger(to);
		const comparison = comparing ? await compareVersions(ctx, plan.id, from, to) : null;
		return {
			plan: {
				id: plan.id,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				revision: plan.revision,
				publishedRevision: plan.publishedRevision
			},
			versions: items,
			comparison: comparison && {
				from: comparison.from,
				to: comparison.to,
				differences: comparison.differences.map((d) => ({ ...d, older: show(d.older), newer: show(d.newer) }))
			},
			from: comparing ? from : Math.max(0, plan.revision - 1),
			to: comparing ? to : plan.revision
		};
	});

/** Values as text for the table: lists joined, HTML shown as its source (it is long: cut). */
function show(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.join(', ');
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
