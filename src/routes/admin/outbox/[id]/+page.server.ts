import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { getMail, retryMail } from '$lib/server/admin/outbox';
import { deliverQueuedMail } from '$lib/server/mail/outbox';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({
		mail: await getMail(event.locals.ctx, event.params.id),
		retried: event.url.searchParams.has('retried')
	}));

export const actions: Actions = {
	retry: (event) =>
		submit(event, async () => {
			const { ctx, app } = event.locals;
			await retryMail(ctx, event.params.id);
			deliverQueuedMail(app.db).catch((e) => console.error('mail delivery failed', e));
			redirect(303, `/admin/outbox/${event.params.id}?retried`);
		})
};
