import type { Actions } from './$types';
import { formValues } from '$lib/server/forms';
import { emailSchema } from '$lib/server/validation';
import { deliverQueuedMail } from '$lib/server/mail/outbox';
import { recordAudit } from '$lib/server/audit/record-audit';

/** Answers the same whether or not the address has an account, so that none can be guessed. */
export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formValues(request);
		const email = emailSchema.safeParse(values.email);
		if (email.success) {
			await locals.app.auth.api.requestPasswordReset({
				body: { email: email.data },
				headers: request.headers
			});
			await recordAudit(locals.app.db, null, {
				action: 'request-password-reset',
				entityType: 'user',
				after: { email: email.data }
			});
			void deliverQueuedMail(locals.app.db).catch(console.error);
		}
		return { sent: true };
	}
};
