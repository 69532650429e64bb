import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit, submitUpload } from '$lib/server/forms';
import { ConflictError, ValidationError, type FieldError } from '$lib/server/errors';
import { readUpload } from '$lib/server/uploads/read-upload';
import {
	confirmLogframe,
	discardLogframe,
	getLogframePage,
	getLogframePreview,
	previewLogframe
} from '$lib/server/plans/logframe/import';
import type { ChangeValue, LogframePreview } from '$lib/server/plans/logframe/present';
import type { Locale } from '$lib/server/i18n';
import { formatNumber } from '$lib/format';
import { disaggregationLabel, ruleLabel, unitLabel } from '$lib/plan-labels';

/** A page of the import stays readable: the API gives every line. */
const SHOWN = 300;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, locale } = event.locals;
		const { id, code } = event.params;
		const page = await getLogframePage(ctx, id, code);
		const params = event.url.searchParams;
		const uploadId = page.canImport ? params.get('upload') : null;
		let preview: ReturnType<typeof present> | null = null;
		let errors: FieldError[] = [];
		if (uploadId) {
			try {
				preview = present(await getLogframePreview(ctx, uploadId, { planId: id, clusterCode: code }), locale);
			} catch (e) {
				// The file was fine at the upload; the framework may have changed since.
				if (!(e instanceof ValidationError || e instanceof ConflictError)) throw e;
				errors = e.errors;
			}
		}
		const p = page.plan;
		return {
			plan: { id: p.id, titleFr: p.titleFr, titleEn: p.titleEn, status: p.status },
			cluster: page.cluster,
			canImport: page.canImport,
			uploadId,
			preview,
			errors,
			imported: params.has('imported')
				? { created: Number(params.get('created') ?? 0), updated: Number(params.get('updated') ?? 0) }
				: null,
			discarded: params.has('discarded')
		};
	});

/** The preview with values as the user reads them: 1 234, "personnes", codes joined. */
function present(preview: LogframePreview, locale: Locale) {
	const shown = <T>(items: T[]) => ({
		items: items.slice(0, SHOWN),
		more: Math.max(0, items.length - SHOWN)
	});
	return {
		...preview,
		creates: shown(preview.creates),
		updates: shown(
			preview.updates.map((u) => ({
				...u,
				changes: u.changes.map((c) => ({
					...c,
					before: text(c.field, c.before, locale),
					after: text(c.field, c.after, locale)
				}))
			}))
		)
	};
}

function text(field: string, value: ChangeValue, locale: Locale): string {
	if (value === null || value === '') return '—';
	if (Array.isArray(value)) return value.join(', ') || '—';
	if (typeof value === 'number') return formatNumber(value, locale);
	if (field === 'unit') return unitLabel(value as never, locale);
	if (field === 'periodRule' || field === 'placeRule') return ruleLabel(value as never, locale);
	if (field === 'disaggregation') return disaggregationLabel(value as never, locale);
	return value;
}

const here = (params: { id: string; code: string }, query: string) =>
	`/plans/${params.id}/clusters/${params.code}/framework/logframe?${query}`;

export const actions: Actions = {
	/** Reads the file and shows what it would do; nothing is saved before the confirmation. */
	preview: (event) =>
		submitUpload(event, async () => {
			const { ctx, locale } = event.locals;
			const { id, code } = event.params;
			const preview = await previewLogframe(ctx, id, code, () => readUpload(event.request, locale));
			redirect(303, here(event.params, `upload=${preview.uploadId}`));
		}),
	confirm: (event) =>
		submit(event, async (values) => {
			const { id, code } = event.params;
			const result = await confirmLogframe(event.locals.ctx, String(values.upload ?? ''), {
				planId: id,
				clusterCode: code
			});
			redirect(303, here(event.params, `imported&created=${result.created}&updated=${result.updated}`));
		}),
	discard: (event) =>
		submit(event, async (values) => {
			const { id, code } = event.params;
			await discardLogframe(event.locals.ctx, String(values.upload ?? ''), { planId: id, clusterCode: code });
			redirect(303, here(event.params, 'discarded'));
		})
};
