import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { listMyReviews } from '$lib/server/projects/reviews/my-reviews';

/** The reviews the signed-in user was assigned: those to do, then those handed in or closed. */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { items } = await listMyReviews(event.locals.ctx);
		const rows = items.map((r) => ({
			projectId: r.projectId,
			code: r.code,
			titleFr: r.titleFr,
			titleEn: r.titleEn,
			status: r.status,
			clusterCode: r.clusterCode,
			organisationName: r.organisationName,
			organisationAcronym: r.organisationAcronym,
			assignedAt: r.assignedAt,
			submittedAt: r.submittedAt,
			recommendation: r.recommendation,
			state: r.state
		}));
		return {
			todo: rows.filter((r) => r.state === 'to-do'),
			done: rows.filter((r) => r.state !== 'to-do')
		};
	});
