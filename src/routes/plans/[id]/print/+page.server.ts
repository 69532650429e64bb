import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getPlan } from '$lib/server/plans/plans';
import { listChapters } from '$lib/server/plans/chapters';
import { getFramework } from '$lib/server/plans/framework/tree';
import { getNeeds } from '$lib/server/plans/needs/get-needs';
import { total } from '$lib/server/plans/needs/counts';

/** The whole plan on one page, for printing or saving as PDF; public once the plan is published. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const p = await getPlan(ctx, event.params.id);
		const parts = [];
		for (const c of p.clusters) {
			const { chapters } = await listChapters(ctx, p.id, c.code);
			const { tree } = await getFramework(ctx, p.id, c.code);
			parts.push({ cluster: c, chapters, tree, needs: needsByPlace(await getNeeds(ctx, p.id, c.code)) });
		}
		return { plan: p, parts };
	});

/** People in need and targeted per place, all population groups and sex and age groups added up. */
function needsByPlace(needs: Awaited<ReturnType<typeof getNeeds>>) {
	const rows = new Map<string, { pcode: string; name: string; inNeed: number; targeted: number }>();
	for (const f of needs.figures) {
		const row = rows.get(f.pcode) ?? {
			pcode: f.pcode,
			name: needs.places.get(f.pcode)?.name ?? f.pcode,
			inNeed: 0,
			targeted: 0
		};
		row.inNeed += total(f.inNeed) ?? 0;
		row.targeted += total(f.targeted) ?? 0;
		rows.set(f.pcode, row);
	}
	const r = needs.revision;
	return {
		revision: r && {
			number: r.number,
			source: r.source,
			sourceDate: r.sourceDate,
			illustrative: r.illustrative
		},
		rows: [...rows.values()].sort((a, b) => a.pcode.localeCompare(b.pcode))
	};
}
