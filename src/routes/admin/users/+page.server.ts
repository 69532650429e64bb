import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import {
	invitationNotice,
	inviteFromForm,
	listManagedUsers,
	roleScopeChoices
} from '$lib/server/admin/users';
import { deliverQueuedMail } from '$lib/server/mail/outbox';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const invited = event.url.searchParams.get('invited');
		const [users, scopes, notice] = await Promise.all([
			listManagedUsers(ctx),
			roleScopeChoices(ctx),
			invited ? invitationNotice(ctx, invited) : null
		]);
		return { users, scopes, invited: notice };
	});

export const actions: Actions = {
	invite: (event) =>
		submit(event, async (values) => {
			const { ctx, app } = event.locals;
			const created = await inviteFromForm(ctx, values, app.config.publicUrl);
			// Sending happens after the commit and must not hold the page; failures stay in the outbox.
			deliverQueuedMail(app.db).catch((e) => console.error('mail delivery failed', e));
			redirect(303, `/admin/users?invited=${created.id}`);
		})
};
