import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { AUDIT_PAGE_SIZE, auditFilterChoices, listAuditEvents } from '$lib/server/audit/list-audit-events';

const FILTERS = ['entityType', 'action', 'actor', 'from', 'to'] as const;

/** A paging offset that is not a whole number (a hand-edited address) means the first page. */
const pageOffset = (raw: string | null) => (raw && /^\d{1,9}$/.test(raw) ? raw : undefined);

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const params = event.url.searchParams;
		const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
			(typeof FILTERS)[number],
			string
		>;
		const choices = await auditFilterChoices(ctx);
		try {
			const result = await listAuditEvents(ctx, { ...filters, offset: pageOffset(params.get('offset')) });
			const { items: events, total, limit, offset } = result;
			return { events, total, limit, offset, filters, choices, errors: [] };
		} catch (e) {
			// A malformed date (or paging offset) is a mistake to point out beside its field.
			if (!(e instanceof ValidationError)) throw e;
			return {
				events: [],
				total: 0,
				limit: AUDIT_PAGE_SIZE,
				offset: 0,
				filters,
				choices,
				errors: e.errors
			};
		}
	});
