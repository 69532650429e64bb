import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import {
	confirmStagedMinutes,
	discardStagedMinutes,
	getStagedMinutes,
	reviewParticipants
} from '$lib/server/meetings/minutes/staged-minutes';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const staged = await getStagedMinutes(event.locals.ctx, event.params.upload);
		return { staged, review: await reviewParticipants(event.locals.ctx, staged.draft) };
	});

export const actions: Actions = {
	confirm: (event) =>
		submit(event, async (values) => {
			const saved = await confirmStagedMinutes(event.locals.ctx, event.params.upload, values);
			redirect(303, `/meetings/${saved.id}`);
		}),
	discard: (event) =>
		submit(event, async () => {
			await discardStagedMinutes(event.locals.ctx, event.params.upload);
			redirect(303, '/meetings/import');
		})
};
