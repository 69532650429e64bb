import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listMyReviews } from '$lib/server/projects/reviews/my-reviews';

/** The reviews the signed-in user was assigned: those to do, then those handed in or closed. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { items } = await listMyReviews(event.locals.ctx);
		return {
			todo: items.filter((r) => r.state === 'to-do'),
			done: items.filter((r) => r.state !== 'to-do')
		};
	});
