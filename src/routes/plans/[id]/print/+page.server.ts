import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { getPlan } from '$lib/server/plans/plans';
import { listChapters } from '$lib/server/plans/chapters';
import { getFramework } from '$lib/server/plans/framework/tree';

/** The whole plan on one page, for printing or saving as PDF; public once the plan is published. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const p = await getPlan(ctx, event.params.id);
		const parts = [];
		for (const c of p.clusters) {
			const { chapters } = await listChapters(ctx, p.id, c.code);
			const { tree } = await getFramework(ctx, p.id, c.code);
			parts.push({ cluster: c, chapters, tree });
		}
		return { plan: p, parts };
	});
