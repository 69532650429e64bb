import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { attachmentResponse, deleteAttachment, getAttachment } from '$lib/server/projects/attachments';
import { returnTo } from '../return-path';
import { m } from '$lib/paraglide/messages';

/** The file, for those who may read the project: saved as an attachment, never run in our origin. */
export const GET: RequestHandler = (event) =>
	guard(event, async () => {
		const { id, attachmentId } = event.params;
		return attachmentResponse(await getAttachment(event.locals.ctx, attachmentId, id));
	});

/**
 * The delete button of the attachments list: a plain form cannot send DELETE, so it posts
 * `_method=delete` (a POST without it is refused, so that no other form deletes by mistake).
 * Forms from other sites are refused before this (src/lib/server/cross-site.ts).
 */
export const POST: RequestHandler = (event) =>
	guard(event, async () => {
		const { id, attachmentId } = event.params;
		const form = await event.request.formData().catch(() => null);
		if (form?.get('_method') !== 'delete')
			error(400, m.projectfiles_error_method({}, { locale: event.locals.locale }));
		await deleteAttachment(event.locals.ctx, attachmentId, id);
		redirect(303, returnTo(event.url, id, 'attachment=deleted'));
	});

export const DELETE: RequestHandler = (event) =>
	guard(event, async () => {
		const { id, attachmentId } = event.params;
		await deleteAttachment(event.locals.ctx, attachmentId, id);
		return new Response(null, { status: 204 });
	});
