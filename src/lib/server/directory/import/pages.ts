/**
 * The import pages of /organisations/import and /people/import, the same for both kinds: the
 * upload form, then the preview of the staged file with its forms (columns, decisions, confirm).
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { load as guard, submit, submitUpload } from '../../forms';
import { authorize } from '../../access/policy';
import { NotFoundError } from '../../errors';
import { MAX_UPLOAD_BYTES, readUpload } from '../../uploads/read-upload';
import { ORGANISATION_TYPES } from '../../db/schema';
import { displayHashtag, fieldsOf, type DirectoryImportKind } from './fields';
import { confirmImport, discardImport, getImportPreview, importsDirectory, previewImport } from './imports';
import { optionsFromForm } from './schema';
import { organisationTypeLabel } from '$lib/organisation-labels';

/** What the upload page shows: the fields a file may have, and the limit. */
export function uploadPage(event: RequestEvent, kind: DirectoryImportKind) {
	return guard(event, async () => {
		const { actor, locale } = event.locals;
		authorize(actor, importsDirectory(actor, kind));
		return {
			kind,
			maxMegabytes: MAX_UPLOAD_BYTES / 2 ** 20,
			fields: fieldsOf(kind).map((field) => ({
				key: field.key,
				label: field.label({}, { locale }),
				required: field.required,
				hashtag: displayHashtag(field)
			})),
			types:
				kind === 'organisations' ? ORGANISATION_TYPES.map((type) => organisationTypeLabel(type, locale)) : []
		};
	});
}

/** Reads the file within the upload limit, stages it and opens its preview. */
export function uploadFile(event: RequestEvent, kind: DirectoryImportKind) {
	return submitUpload(event, async () => {
		const { ctx, locale } = event.locals;
		const preview = await previewImport(ctx, kind, () => readUpload(event.request, locale));
		redirect(303, `/${kind}/import/${preview.uploadId}`);
	});
}

/** The preview, with the sheet and columns chosen in the page's address (its GET forms). */
export function previewPage(event: RequestEvent, kind: DirectoryImportKind) {
	return guard(event, async () => {
		const options = optionsFromForm(Object.fromEntries(event.url.searchParams));
		const preview = await getImportPreview(event.locals.ctx, event.params.id ?? '', options, kind);
		return { preview };
	});
}

/** Imports the valid rows, then shows the list with what was done. */
export function confirmUpload(event: RequestEvent, kind: DirectoryImportKind) {
	return submit(event, async (values) => {
		const result = await confirmImport(
			event.locals.ctx,
			event.params.id ?? '',
			optionsFromForm(values),
			kind
		);
		const done = new URLSearchParams({
			created: String(result.created),
			updated: String(result.updated),
			skipped: String(result.skipped)
		});
		redirect(303, `/${kind}?${done}`);
	});
}

export function discardUpload(event: RequestEvent, kind: DirectoryImportKind) {
	return submit(event, async () => {
		try {
			await discardImport(event.locals.ctx, event.params.id ?? '', kind);
		} catch (e) {
			// Already gone (confirmed in another tab, or expired): there is nothing left to discard.
			if (!(e instanceof NotFoundError)) throw e;
		}
		redirect(303, `/${kind}`);
	});
}

/**
 * For the list pages: the counts of the import just confirmed, from the address it redirected to
 * (`?created=3&updated=1&skipped=2`), or null.
 */
export function importNotice(
	params: URLSearchParams
): { created: number; updated: number; skipped: number } | null {
	const count = (key: string) => {
		const value = params.get(key);
		return value !== null && /^[0-9]{1,7}$/.test(value) ? Number(value) : null;
	};
	const [created, updated, skipped] = [count('created'), count('updated'), count('skipped')];
	return created === null || updated === null || skipped === null ? null : { created, updated, skipped };
}
