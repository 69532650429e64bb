import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { listActions, setActionStatus } from '$lib/server/meetings/actions';

const limit = 100;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const mine = params.get('mine') === '1' ? (event.locals.actor?.organisationId ?? undefined) : undefined;
		const query = {
			cluster: params.get('cluster') ?? '',
			status: params.get('status') ?? '',
			overdue: params.get('overdue') ?? '',
			q: params.get('q') ?? undefined,
			organisation: mine ?? '',
			offset: params.get('offset') ?? undefined,
			limit
		};
		const { items, total } = await listActions(event.locals.ctx, query);
		return {
			actions: items,
			total,
			limit,
			offset: Number(query.offset ?? 0),
			filters: { ...query, mine: !!mine }
		};
	});

export const actions: Actions = {
	status: (event) =>
		submit(event, async (values) => {
			await setActionStatus(event.locals.ctx, String(values.id ?? ''), values);
			redirect(303, '/actions');
		})
};
