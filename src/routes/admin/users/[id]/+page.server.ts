import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { resendInvitation } from '$lib/server/accounts/invitations';
import { deliverQueuedMail } from '$lib/server/mail/outbox';
import { getManagedUser, grantFromForm, roleScopeChoices, withdrawFromForm } from '$lib/server/admin/users';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const [managed, scopes] = await Promise.all([
			getManagedUser(ctx, event.params.id),
			roleScopeChoices(ctx)
		]);
		const params = event.url.searchParams;
		return {
			managed,
			scopes,
			isSelf: managed.id === event.locals.actor?.userId,
			granted: params.has('granted'),
			alreadyHeld: params.has('already'),
			withdrawn: params.has('withdrawn'),
			reinvited: params.has('reinvited')
		};
	});

export const actions: Actions = {
	grant: (event) =>
		submit(event, async (values) => {
			const row = await grantFromForm(event.locals.ctx, event.params.id, values);
			redirect(303, `/admin/users/${event.params.id}?${row ? 'granted' : 'already'}`);
		}),
	reinvite: (event) =>
		submit(event, async () => {
			const { ctx, app } = event.locals;
			await resendInvitation(ctx, event.params.id, app.config.publicUrl);
			void deliverQueuedMail(app.db).catch(console.error);
			redirect(303, `/admin/users/${event.params.id}?reinvited`);
		}),
	withdraw: (event) =>
		submit(event, async (values) => {
			await withdrawFromForm(event.locals.ctx, event.params.id, values.grantId);
			redirect(303, `/admin/users/${event.params.id}?withdrawn`);
		})
};
