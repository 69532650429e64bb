/**
 * A move's form as the workflow takes it: the comment, and for a return one comment per section
 * of the sheet (`section.<name>` fields; those left blank are not sent).
 */
import { SHEET_SECTIONS } from '$lib/server/projects/sheet-schema';
import { text } from '$lib/form-values';

export function moveInputFromForm(values: Record<string, unknown>) {
	const sections: Record<string, string> = {};
	for (const section of SHEET_SECTIONS) {
		const body = text(values[`section.${section}`]).trim();
		if (body) sections[section] = body;
	}
	return { comment: text(values.comment), sections };
}
