import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { NotFoundError } from '$lib/server/errors';
import { findPlanPart } from '$lib/server/plans/access';
import { confirmNeedsImport, discardNeedsImport, getNeedsImport } from '$lib/server/plans/needs/import';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const report = await getNeedsImport(ctx, event.params.upload);
		const { plan, cluster } = await findPlanPart(ctx, event.params.id, event.params.code);
		// A file staged for another plan part is not found here.
		if (report.planId !== plan.id || report.cluster !== cluster.code) throw new NotFoundError();
		return { plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn }, cluster, report };
	});

export const actions: Actions = {
	confirm: (event) =>
		submit(event, async (values) => {
			const { id, code, upload } = event.params;
			const saved = await confirmNeedsImport(event.locals.ctx, upload, values);
			redirect(303, `/plans/${id}/clusters/${code}/needs?saved=${saved.number}`);
		}),
	discard: (event) =>
		submit(event, async () => {
			const { id, code, upload } = event.params;
			try {
				await discardNeedsImport(event.locals.ctx, upload);
			} catch (e) {
				// Already gone (confirmed in another tab, or expired): nothing is left to discard.
				if (!(e instanceof NotFoundError)) throw e;
			}
			redirect(303, `/plans/${id}/clusters/${code}/needs/import`);
		})
};
