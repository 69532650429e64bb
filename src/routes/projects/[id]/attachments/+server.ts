import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import {
	addAttachment,
	AttachmentRefusedError,
	readAttachmentUpload
} from '$lib/server/projects/attachments';
import { returnPath, returnTo } from './return-path';

/**
 * The upload form of the attachments list (multipart, works without JavaScript): adds the file and
 * goes back to the page, which says what happened. A refused file comes back as a reason the page
 * words in the user's language; a project the user may not see answers 404, one they may not edit 403.
 */
export const POST: RequestHandler = (event) =>
	guard(event, async () => {
		const { ctx, locale } = event.locals;
		const { id } = event.params;
		try {
			await addAttachment(ctx, id, () => readAttachmentUpload(event.request, locale));
		} catch (e) {
			if (e instanceof AttachmentRefusedError)
				redirect(303, returnTo(event.url, id, `attachmentError=${e.reason}`));
			throw e;
		}
		redirect(303, returnTo(event.url, id, 'attachment=added'));
	});

/** Someone sent here to sign in first comes back to the page, not to this form's address. */
export const GET: RequestHandler = (event) =>
	redirect(303, `${returnPath(event.url, event.params.id)}#attachments`);
