import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listChapters } from '$lib/server/plans/chapters';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const part = await listChapters(event.locals.ctx, event.params.id, event.params.code);
		return {
			plan: {
				id: part.plan.id,
				titleFr: part.plan.titleFr,
				titleEn: part.plan.titleEn,
				status: part.plan.status
			},
			cluster: part.cluster,
			chapters: part.chapters.map((c) => ({
				id: c.id,
				kind: c.kind,
				titleFr: c.titleFr,
				titleEn: c.titleEn,
				body: event.locals.locale === 'en' && c.bodyEn ? c.bodyEn : c.bodyFr,
				translated: event.locals.locale === 'fr' || c.bodyEn !== null
			})),
			canEdit: part.canEdit,
			saved: event.url.searchParams.has('saved'),
			deleted: event.url.searchParams.has('deleted')
		};
	});
