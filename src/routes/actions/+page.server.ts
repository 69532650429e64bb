import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { listActions, setActionStatus } from '$lib/server/meetings/actions';
import { listClusters } from '$lib/server/clusters/clusters';
import { managesCluster } from '$lib/server/access/policy';
import type { Actor } from '$lib/server/access/actor';

const limit = 50;
const FILTERS = [
	'q',
	'responsible',
	'status',
	'cluster',
	'dueFrom',
	'dueTo',
	'overdue',
	'organisation'
] as const;

/** The user's organisation: the one they belong to, else the one they are focal point of. */
function ownOrganisation(actor: Actor | null): string | null {
	return actor?.organisationId ?? actor?.grants.find((g) => g.role === 'focal-point')?.organisationId ?? null;
}

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const params = event.url.searchParams;
		const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
			(typeof FILTERS)[number],
			string
		>;
		const mine = params.get('mine') === '1';
		const own = ownOrganisation(event.locals.actor);
		const query = {
			...filters,
			organisation: mine && own ? own : filters.organisation,
			offset: params.get('offset') ?? undefined,
			limit
		};
		const ctx = event.locals.ctx;
		const clusters = (await listClusters(ctx, { limit: 500 })).items.map((c) => ({
			code: c.code,
			manages: managesCluster(event.locals.actor, c.id)
		}));
		let result: Awaited<ReturnType<typeof listActions>> = { items: [], total: 0 };
		let errors: ValidationError['errors'] = [];
		try {
			result = await listActions(ctx, query);
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			errors = e.errors;
		}
		return {
			actions: result.items,
			total: result.total,
			limit,
			offset: Number(query.offset ?? 0) || 0,
			filters: { ...filters, mine },
			noOrganisation: mine && !own,
			errors,
			clusters
		};
	});

export const actions: Actions = {
	/** Changes one item's status and comes back to the tracker with the same filters and page. */
	status: (event) =>
		submit(event, async (values) => {
			await setActionStatus(event.locals.ctx, String(values.id ?? ''), values);
			const kept = [...event.url.searchParams].filter(([key]) => !key.startsWith('/'));
			redirect(303, `/actions${kept.length ? `?${new URLSearchParams(kept)}` : ''}`);
		})
};
