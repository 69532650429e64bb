import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { getLogo } from '$lib/server/directory/logos';
import { isId } from '$lib/server/directory/schema';
import { error } from '@sveltejs/kit';

export const GET: RequestHandler = (event) =>
	guard(event, async () => {
		if (!isId(event.params.id)) error(404);
		const logo = await getLogo(event.locals.ctx, event.params.id);
		const etag = `"${logo.updatedAt.getTime()}"`;
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304 });
		return new Response(new Uint8Array(logo.bytes), {
			headers: {
				'content-type': logo.mime,
				etag,
				// Private: the directory is for signed-in users. Revalidated cheaply with the ETag.
				'cache-control': 'private, no-cache',
				'x-content-type-options': 'nosniff'
			}
		});
	});
