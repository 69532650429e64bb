import type { RequestHandler } from './$types';
import { load as guard } from '$lib/server/forms';
import { downloadResponse } from '$lib/server/downloads';
import { toLocale } from '$lib/server/i18n';
import { minutesDocx } from '$lib/server/meetings/minutes/write-docx';

/** The minutes as a Word document, in the user's language or the one asked for (`?lang=fr`). */
export const GET: RequestHandler = (event) =>
	guard(event, async () => {
		const lang = event.url.searchParams.get('lang');
		const locale = lang ? toLocale(lang) : event.locals.locale;
		return downloadResponse(await minutesDocx(event.locals.ctx, event.params.id, locale));
	});
