import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { closeWindow, openWindow, readSubmissionSettings } from '$lib/server/projects/window';
import { createQuestion, deleteQuestion, moveQuestion, updateQuestion } from '$lib/server/projects/questions';
import { columnValues } from '$lib/form-values';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { part, window, canEdit, today, questions, answered } = await readSubmissionSettings(
			event.locals.ctx,
			event.params.id,
			event.params.code
		);
		const params = event.url.searchParams;
		const p = part.plan;
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn, status: p.status },
			cluster: part.cluster,
			window,
			today,
			canEdit,
			questions,
			answered,
			edit: params.get('edit') ?? '',
			add: params.has('add'),
			notice: (['opened', 'closed', 'saved', 'deleted'] as const).find((k) => params.has(k)) ?? null
		};
	});

const here = (params: { id: string; code: string }, query: string, anchor = '') =>
	`/plans/${params.id}/clusters/${params.code}/submissions?${query}${anchor}`;

/** A question posted here must be one of this plan cluster's: anything else is simply not found. */
const placeOf = (params: { id: string; code: string }) => ({ planId: params.id, clusterCode: params.code });

/**
 * The question form as the domain takes it. Choice rows left empty are dropped, and the choices of
 * a question that is no longer a choice question too; `rows` maps each choice kept to its row on
 * the form, so that a message about a choice shows beside that row.
 */
function questionInput(values: Record<string, unknown>) {
	const codes = columnValues(values.choiceCode);
	const fr = columnValues(values.choiceFr);
	const en = columnValues(values.choiceEn);
	const rows: number[] = [];
	const choices = [];
	if (values.kind === 'choice')
		for (let i = 0; i < Math.max(codes.length, fr.length, en.length); i++) {
			if (!fr[i]?.trim() && !en[i]?.trim()) continue;
			rows.push(i);
			choices.push({ code: codes[i] ?? '', labelFr: fr[i] ?? '', labelEn: en[i] ?? '' });
		}
	const input = {
		labelFr: values.labelFr,
		labelEn: values.labelEn,
		kind: values.kind,
		required: values.required === 'on',
		choices
	};
	return { input, rows };
}

/** Runs a question write, showing messages about a choice beside its row of the form. */
async function withRows<T>(rows: number[], run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		throw new ValidationError(
			e.errors.map((error) => ({
				...error,
				path: error.path.replace(/^choices\.(\d+)\./, (_, i: string) => `choices.${rows[Number(i)] ?? i}.`)
			}))
		);
	}
}

export const actions: Actions = {
	open: (event) =>
		submit(event, async (values) => {
			await openWindow(event.locals.ctx, event.params.id, event.params.code, { deadline: values.deadline });
			redirect(303, here(event.params, 'opened'));
		}),
	close: (event) =>
		submit(event, async () => {
			await closeWindow(event.locals.ctx, event.params.id, event.params.code);
			redirect(303, here(event.params, 'closed'));
		}),
	saveQuestion: (event) =>
		submit(event, async (values) => {
			const ctx = event.locals.ctx;
			const { input, rows } = questionInput(values);
			const id = typeof values.id === 'string' && values.id ? values.id : null;
			const saved = await withRows(rows, () =>
				id
					? updateQuestion(ctx, id, input, placeOf(event.params))
					: createQuestion(ctx, event.params.id, event.params.code, input)
			);
			redirect(303, here(event.params, 'saved', `#q-${saved.id}`));
		}),
	moveQuestion: (event) =>
		submit(event, async (values) => {
			const id = String(values.id);
			await moveQuestion(event.locals.ctx, id, { direction: values.direction }, placeOf(event.params));
			redirect(303, here(event.params, `edit=${id}`, `#q-${id}`));
		}),
	deleteQuestion: (event) =>
		submit(event, async (values) => {
			const id = String(values.id);
			await deleteQuestion(event.locals.ctx, id, placeOf(event.params));
			redirect(303, here(event.params, 'deleted'));
		})
};
