import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { clustersForMeetings, createPlannedMeeting } from '$lib/server/meetings/edit-meeting';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const clusters = await clustersForMeetings(event.locals.ctx);
		const asked = event.url.searchParams.get('cluster')?.trim().toUpperCase();
		const chosen = clusters.find((c) => c.code === asked) ?? clusters[0]!;
		return { clusters, defaults: { cluster: chosen.code, kind: 'cluster-meeting' } };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const created = await createPlannedMeeting(event.locals.ctx, String(values.cluster ?? ''), values);
			redirect(303, `/meetings/${created.id}/edit`);
		})
};
