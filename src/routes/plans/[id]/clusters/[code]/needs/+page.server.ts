import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { ConflictError, ValidationError } from '$lib/server/errors';
import { readNeedsGrid } from '$lib/server/plans/needs/read-grid';
import { UnconfirmedWarnings } from '$lib/server/plans/needs/save';
import { addPlaceRows, partForGrid, postedView, saveGrid } from '$lib/server/plans/needs/grid-form';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const query = event.url.searchParams;
		const { part, ...grid } = await readNeedsGrid(event.locals.ctx, event.params.id, event.params.code, {
			region: query.get('region'),
			revision: query.get('revision'),
			page: query.get('page')
		});
		const { plan, cluster } = part;
		return {
			...grid,
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn, status: plan.status },
			cluster,
			saved: query.get('saved')
		};
	});

/** The fields beside the grid, given back with a refused save. */
function metaOf(values: Record<string, unknown>) {
	const keep = ['source', 'sourceDate', 'note', 'illustrative', 'add'];
	return Object.fromEntries(keep.map((k) => [k, typeof values[k] === 'string' ? values[k] : '']));
}

export const actions: Actions = {
	/** A new revision of every row; refused, the grid comes back as posted with its mistakes marked. */
	save: (event) =>
		submit(event, async (values) => {
			const { ctx } = event.locals;
			const { id, code } = event.params;
			try {
				const saved = await saveGrid(ctx, id, code, values);
				const back = new URLSearchParams({ saved: String(saved.number) });
				for (const key of ['region', 'page']) {
					const value = values[key];
					if (typeof value === 'string' && value) back.set(key, value);
				}
				redirect(303, `/plans/${id}/clusters/${code}/needs?${back}`);
			} catch (e) {
				if (!(e instanceof ValidationError || e instanceof ConflictError)) throw e;
				const conflict = e instanceof ConflictError;
				// Warnings are not mistakes: the grid flags them itself, in their own colour.
				const marked = e instanceof UnconfirmedWarnings ? [] : e.errors;
				const view = await postedView(ctx, await partForGrid(ctx, id, code), values, marked, { conflict });
				return fail(conflict ? 409 : 400, { errors: e.errors, view, values: metaOf(values), conflict });
			}
		}),
	/** Rows for one more place, or the totals again: nothing is saved. */
	add: (event) =>
		submit(event, async (values) => {
			const { ctx } = event.locals;
			const { id, code } = event.params;
			try {
				const view = await addPlaceRows(ctx, id, code, values);
				return { errors: [], view, values: { ...metaOf(values), add: '' }, conflict: false };
			} catch (e) {
				if (!(e instanceof ValidationError)) throw e;
				const view = await postedView(ctx, await partForGrid(ctx, id, code), values, []);
				return fail(400, { errors: e.errors, view, values: metaOf(values), conflict: false });
			}
		})
};
