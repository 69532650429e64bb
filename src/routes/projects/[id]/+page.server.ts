import { fail, isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit, type FormFailure } from '$lib/server/forms';
import { deliverQueuedMail } from '$lib/server/mail/outbox';
import { readProjectPage } from '$lib/server/projects/project-page';
import { listAttachments } from '$lib/server/projects/attachments';
import { moveProject, PROJECT_MOVES, type ProjectMove } from '$lib/server/projects/workflow';
import { SHEET_SECTIONS } from '$lib/server/projects/sheet-schema';
import { moveInputFromForm } from './move-form';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const page = await readProjectPage(ctx, event.params.id);
		const moved = event.url.searchParams.get('moved');
		return {
			...page,
			attachments: await listAttachments(ctx, page.project.id),
			moved: PROJECT_MOVES.find((m) => m === moved) ?? null,
			locked: event.url.searchParams.has('locked'),
			sections: SHEET_SECTIONS
		};
	});

/**
 * Every move of the workflow is an action of this page (`?/submit`, `?/approve`, `?/return` …);
 * the review panel posts the coordinators' decisions here too. The workflow checks who may make
 * which move from which status; a refusal comes back with its reasons beside the move's form.
 */
const move = (name: ProjectMove) => async (event: RequestEvent) => {
	const { ctx, app } = event.locals;
	const result = await submit(event, async (values) => {
		const id = event.params.id!;
		await moveProject(ctx, id, name, moveInputFromForm(values), app.config.publicUrl);
		deliverQueuedMail(app.db).catch((e) => console.error('mail delivery failed', e));
		// The fragment replaces the form's #moves, which a redirect would otherwise keep: the notice is on top.
		redirect(303, `/projects/${id}?moved=${name}#main`);
	});
	const refused: unknown = result;
	if (isActionFailure(refused))
		return fail(refused.status, { ...(refused.data as unknown as FormFailure), move: name });
	return result;
};

export const actions: Actions = Object.fromEntries(PROJECT_MOVES.map((name) => [name, move(name)]));
