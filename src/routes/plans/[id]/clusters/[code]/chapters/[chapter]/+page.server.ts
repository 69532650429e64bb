import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { authorize } from '$lib/server/access/policy';
import { deleteChapter, getChapter, updateChapter } from '$lib/server/plans/chapters';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { id, code, chapter } = event.params;
		const found = await getChapter(event.locals.ctx, id, code, chapter);
		authorize(event.locals.actor, found.canEdit);
		const p = found.plan;
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn, status: p.status },
			cluster: found.cluster,
			values: { ...found.chapter, revision: found.revision }
		};
	});

const back = (params: { id: string; code: string }, flag: string) =>
	`/plans/${params.id}/clusters/${params.code}?${flag}`;

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			const { id, code, chapter } = event.params;
			await updateChapter(event.locals.ctx, id, code, chapter, values);
			redirect(303, back(event.params, 'saved'));
		}),
	delete: (event) =>
		submit(event, async () => {
			const { id, code, chapter } = event.params;
			await deleteChapter(event.locals.ctx, id, code, chapter);
			redirect(303, back(event.params, 'deleted'));
		})
};
