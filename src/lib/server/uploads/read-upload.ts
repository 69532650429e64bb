import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { fileError } from '../spreadsheets/file-error';
import { readLimited, TooLargeError } from './read-limited';
import { safeFilename, uploadFilename } from './upload-filename';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Room in a multipart body for its boundaries and the form's other fields. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface Upload {
	filename: string;
	bytes: Uint8Array;
}

/**
 * The file a user sends: the `field` of a multipart form, or the raw body of an API call (named by
 * Content-Disposition or `?filename=`). A body over the limit is refused before it is read whole.
 */
export async function readUpload(
	request: Request,
	locale: Locale,
	options: { field?: string; maxBytes?: number } = {}
): Promise<Upload> {
	const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
	const upload = await readFile(request, options.field ?? 'file', maxBytes, locale).catch((error) => {
		throw error instanceof TooLargeError ? tooLarge(maxBytes, locale) : error;
	});
	if (upload.bytes.byteLength > maxBytes) throw tooLarge(maxBytes, locale);
	if (upload.bytes.byteLength === 0) {
		throw fileError(m.spreadsheets_error_upload_empty({ name: upload.filename }, { locale }));
	}
	return upload;
}

function readFile(request: Request, field: string, maxBytes: number, locale: Locale): Promise<Upload> {
	const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
	return contentType.startsWith('multipart/form-data')
		? readFormFile(request, field, maxBytes, locale)
		: readRawBody(request, contentType, maxBytes, locale);
}

async function readFormFile(request: Request, field: string, maxBytes: number, locale: Locale) {
	const body = await readBody(request, maxBytes + FORM_OVERHEAD_BYTES, locale);
	const form = await parseForm(body, request.headers.get('content-type')!);
	const file = form?.get(field);
	// A form posted with no file chosen still carries the field, as an empty part without a name.
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw missingFile(locale);
	return { filename: safeFilename(file.name), bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function readRawBody(request: Request, contentType: string, maxBytes: number, locale: Locale) {
	// A browser form posted without enctype="multipart/form-data" sends the file's name, not the file.
	if (contentType.startsWith('application/x-www-form-urlencoded')) throw missingFile(locale);
	return { filename: uploadFilename(request), bytes: await readBody(request, maxBytes, locale) };
}

async function readBody(request: Request, limit: number, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
	if (Number(request.headers.get('content-length')) > limit) throw new TooLargeError();
	if (!request.body) throw missingFile(locale);
	return readLimited(request.body, limit);
}

async function parseForm(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData | null> {
	try {
		return await new Response(body, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return null;
	}
}

function tooLarge(limit: number, locale: Locale) {
	const max = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(limit / 2 ** 20);
	return fileError(m.spreadsheets_error_too_large({ max }, { locale }));
}

function missingFile(locale: Locale) {
	return fileError(m.spreadsheets_error_missing_file({}, { locale }));
}
