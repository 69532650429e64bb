import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getFramework } from '$lib/server/plans/framework/tree';
import { LEVELS, type Level } from '$lib/server/plans/framework/codes';
import { saveItem } from '$lib/server/plans/framework/save-item';
import { assertInPart } from '$lib/server/plans/framework/levels';
import { moveItem } from '$lib/server/plans/framework/order';
import { deleteItem } from '$lib/server/plans/framework/remove';
import { NotFoundError } from '$lib/server/errors';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const fw = await getFramework(event.locals.ctx, event.params.id, event.params.code);
		const params = event.url.searchParams;
		const p = fw.plan;
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn, status: p.status },
			cluster: fw.cluster,
			tree: fw.tree,
			revision: fw.revision,
			canEdit: fw.canEdit,
			canEditStrategic: fw.canEditStrategic,
			edit: params.get('edit') ?? '',
			add: params.get('add') ?? '',
			parent: params.get('parent') ?? '',
			saved: params.has('saved'),
			deleted: params.has('deleted')
		};
	});

/** The level a form names: only our own forms post it, so anything else is simply not found. */
function levelOf(value: unknown): Level {
	if (LEVELS.includes(value as Level)) return value as Level;
	throw new NotFoundError();
}

const here = (params: { id: string; code: string }, query: string) =>
	`/plans/${params.id}/clusters/${params.code}/framework?${query}`;

export const actions: Actions = {
	save: (event) =>
		submit(event, async (values) => {
			const { id, code } = event.params;
			const level = levelOf(values.level);
			if (values.id) await assertInPart(event.locals.ctx, level, String(values.id), id, code);
			const saved = await saveItem(event.locals.ctx, id, code, level, values);
			redirect(303, `${here(event.params, 'saved')}#n-${saved.id}`);
		}),
	move: (event) =>
		submit(event, async (values) => {
			const level = levelOf(values.level);
			await assertInPart(event.locals.ctx, level, String(values.id), event.params.id, event.params.code);
			await moveItem(event.locals.ctx, level, String(values.id), values);
			redirect(303, `${here(event.params, `edit=${values.id}`)}#n-${values.id}`);
		}),
	delete: (event) =>
		submit(event, async (values) => {
			const revision = values.revision === undefined ? undefined : Number(values.revision);
			const level = levelOf(values.level);
			await assertInPart(event.locals.ctx, level, String(values.id), event.params.id, event.params.code);
			await deleteItem(event.locals.ctx, level, String(values.id), revision);
			redirect(303, here(event.params, 'deleted'));
		})
};
