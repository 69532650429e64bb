import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listDuplicates, MAX_RANK, similarTo } from '$lib/server/directory/duplicates';
import { mergesRecords } from '$lib/server/directory/records-policy';

/**
 * The review list of possible duplicates (`?kind=organisations|people`), or the records that look
 * like one record (`?organisation=ID` or `?person=ID`, linked from that record's page).
 */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const params = event.url.searchParams;
		const canMerge = mergesRecords(actor);
		const organisationId = params.get('organisation');
		const personId = params.get('person');
		if (organisationId || personId) {
			const kind = organisationId ? ('organisation' as const) : ('person' as const);
			const similar = await similarTo(ctx, kind, (organisationId ?? personId)!);
			return { view: 'record' as const, kind, ...similar, canMerge };
		}
		const list = await listDuplicates(ctx, Object.fromEntries(params));
		return { view: 'list' as const, list, maxRank: MAX_RANK, canMerge };
	});
