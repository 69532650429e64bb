import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { getPerson } from '$lib/server/directory/people';
import { toVcard } from '$lib/server/directory/vcard';

export const GET: RequestHandler = (event) =>
	guard(event, async () => {
		const p = await getPerson(event.locals.ctx, event.params.id);
		if (p.erasedAt) error(404);
		const filename = `${p.name.replace(/[^\p{L}\p{N} -]/gu, '').trim() || 'contact'}.vcf`;
		return downloadResponse({ body: toVcard(p), contentType: 'text/vcard; charset=utf-8', filename });
	});
