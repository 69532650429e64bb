import type { Locale } from '../i18n';
import { readUpload } from '../uploads/read-upload';
import type { PlacesSource } from './import-places';

/**
 * The file of the import form with the form's other fields (format, columns to read). readUpload
 * returns the file only, so the body is read twice: once by readUpload, which refuses a body over
 * the limit before holding it whole, and once more — known to be within the limit — for the fields.
 */
export async function readImportForm(
	request: Request,
	locale: Locale
): Promise<PlacesSource & { options: Record<string, string> }> {
	const copy = request.clone();
	try {
		const upload = await readUpload(request, locale);
		const form = await copy.formData().catch(() => null);
		const options: Record<string, string> = {};
		for (const [key, value] of form?.entries() ?? []) if (typeof value === 'string') options[key] = value;
		return { ...upload, options };
	} finally {
		// A refused body must not stay buffered for the copy.
		if (!copy.bodyUsed) await copy.body?.cancel().catch(() => {});
	}
}
