import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listMail, OUTBOX_PAGE_SIZE } from '$lib/server/admin/outbox';
import { ValidationError } from '$lib/server/errors';

/** A paging offset that is not a whole number (a hand-edited address) means the first page. */
const pageOffset = (raw: string | null) => (raw && /^\d{1,9}$/.test(raw) ? raw : undefined);

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const query = { status: params.get('status') ?? '', to: params.get('to') ?? '' };
		const smtp = Boolean(event.locals.app.config.smtpUrl);
		try {
			const result = await listMail(event.locals.ctx, {
				...query,
				offset: pageOffset(params.get('offset'))
			});
			const { items: mails, total, limit, offset } = result;
			return { mails, total, limit, offset, ...query, smtp, errors: [] };
		} catch (e) {
			// A filter typed into the address bar that makes no sense: say so beside the filter.
			if (!(e instanceof ValidationError)) throw e;
			return { mails: [], total: 0, limit: OUTBOX_PAGE_SIZE, offset: 0, ...query, smtp, errors: e.errors };
		}
	});
