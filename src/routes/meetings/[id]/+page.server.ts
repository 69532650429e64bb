import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMeeting } from '$lib/server/meetings/meetings';
import { nextStates, setMeetingState } from '$lib/server/meetings/lifecycle';
import { deliverQueuedMail } from '$lib/server/mail/outbox';
import type { MeetingState } from '$lib/server/db/schema';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const meeting = await getMeeting(event.locals.ctx, event.params.id);
		const mailed = event.url.searchParams.get('mailed');
		return {
			meeting,
			nextStates: meeting.canEdit ? nextStates(meeting.state) : [],
			mailed: mailed === null ? null : Number(mailed)
		};
	});

export const actions: Actions = {
	state: (event) =>
		submit(event, async (values) => {
			// An unknown state is refused by the transition check, naming it.
			const to = String(values.state ?? '') as MeetingState;
			const { app, ctx } = event.locals;
			const { mailed } = await setMeetingState(ctx, event.params.id, to, app.config.publicUrl);
			if (mailed) deliverQueuedMail(app.db).catch((e) => console.error('mail delivery failed', e));
			redirect(303, `/meetings/${event.params.id}${to === 'published' ? `?mailed=${mailed}` : ''}`);
		})
};
