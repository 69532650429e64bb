import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submitUpload } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { findPlanPartForWrite } from '$lib/server/plans/access';
import { previewNeedsImport } from '$lib/server/plans/needs/import';
import { needsColumns } from '$lib/server/plans/needs/table-columns';
import { MAX_UPLOAD_BYTES } from '$lib/server/uploads/read-upload';
import { readImportForm } from '$lib/server/locations/read-import-form';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { plan, cluster } = await findPlanPartForWrite(
			event.locals.ctx,
			event.params.id,
			event.params.code
		);
		const columns = needsColumns(plan.sexAgeGroups)
			.filter(
				(c) =>
					!['adm1-name', 'adm2-name', 'group-name', 'total', 'source', 'source-date'].includes(c.meaning.kind)
			)
			.map((c) => ({ header: c.header(event.locals.locale), hashtag: c.hashtag }));
		return {
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn },
			cluster,
			columns,
			maxMegabytes: MAX_UPLOAD_BYTES / 2 ** 20
		};
	});

export const actions: Actions = {
	/** Reads and checks the file: a clean one waits for confirmation, a refused one is reported here. */
	preview: (event) =>
		submitUpload(event, async () => {
			const { ctx, locale } = event.locals;
			const { id, code } = event.params;
			let values: Record<string, string> = {};
			try {
				const report = await previewNeedsImport(ctx, id, code, async () => {
					const source = await readImportForm(event.request, locale);
					values = source.options;
					return source;
				});
				if (report.uploadId) redirect(303, `/plans/${id}/clusters/${code}/needs/import/${report.uploadId}`);
				return fail(400, { errors: [], report, values });
			} catch (e) {
				if (e instanceof ValidationError) return fail(400, { errors: e.errors, report: null, values });
				throw e;
			}
		})
};
