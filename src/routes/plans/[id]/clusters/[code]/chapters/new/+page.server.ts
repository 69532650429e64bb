import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize } from '$lib/server/access/policy';
import { createChapter, listChapters } from '$lib/server/plans/chapters';
import type { ChapterKind } from '$lib/server/db/schema';
import { chapterKindLabel } from '$lib/plan-labels';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const part = await listChapters(event.locals.ctx, event.params.id, event.params.code);
		authorize(event.locals.actor, part.canEdit);
		const used = new Set(part.chapters.map((c) => c.kind));
		const kind: ChapterKind =
			(['needs-overview', 'response-strategy', 'scenarios'] as const).find((k) => !used.has(k)) ?? 'section';
		return {
			plan: {
				id: part.plan.id,
				titleFr: part.plan.titleFr,
				titleEn: part.plan.titleEn,
				status: part.plan.status
			},
			cluster: part.cluster,
			defaults: { kind, titleFr: chapterKindLabel(kind, 'fr'), titleEn: chapterKindLabel(kind, 'en') }
		};
	});

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			await createChapter(event.locals.ctx, event.params.id, event.params.code, values);
			redirect(303, `/plans/${event.params.id}/clusters/${event.params.code}?saved`);
		})
};
