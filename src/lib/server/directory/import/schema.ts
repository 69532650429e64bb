import { z } from 'zod';

/** `create`, `skip`, `update` (the likeliest match) or `update:<id>` (that stored record). */
export const DECISION = /^(create|skip|update)(:[0-9a-f-]{36})?$/i;

const sheet = z
	.union([z.literal(''), z.coerce.number().int().min(1).max(1000)])
	.optional()
	.transform((v) => (v === '' ? undefined : v))
	.meta({ description: 'Sheet of a workbook, from 1; by default the one whose columns are best recognised' });

/**
 * How to read a staged file, from the API (JSON) or the preview page's forms (text fields):
 * which sheet (from 1), which column letter gives each field ('' or null: none), and for rows
 * that match stored records, what to do.
 */
export const importOptions = z.object({
	sheet,
	mapping: z
		.record(z.string().max(40), z.string().trim().max(3).nullable())
		.optional()
		.meta({
			description: 'Per field, the column letter (A, B…) that gives it, or null when the file has none',
			examples: [{ name: 'A', acronym: 'B', type: 'D', website: null }]
		}),
	decisions: z
		.record(z.string().regex(/^[0-9]{1,7}$/), z.string().regex(DECISION))
		.optional()
		.meta({
			description:
				'Per spreadsheet row number, for rows that match stored records: create, skip, update (the likeliest match) or update:<id>',
			examples: [{ '4': 'update', '9': 'create', '12': 'skip' }]
		})
});
export type ImportOptions = z.input<typeof importOptions>;

/** The query of an upload sent as the raw body (the API). */
export const importUploadQuery = z.object({
	sheet,
	filename: z
		.string()
		.max(255)
		.optional()
		.meta({ description: 'Name of the file, when no Content-Disposition header gives it' })
});

/**
 * The options as the preview page's forms send them: `sheet`, `map_<field>` per field and
 * `decision_<row>` per row with matches.
 */
export function optionsFromForm(values: Record<string, unknown>) {
	const mapping: Record<string, string | null> = {};
	const decisions: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) {
		if (typeof value !== 'string') continue;
		if (key.startsWith('map_')) mapping[key.slice(4)] = value;
		else if (key.startsWith('decision_')) decisions[key.slice(9)] = value;
	}
	return {
		sheet: values.sheet,
		mapping: Object.keys(mapping).length ? mapping : undefined,
		decisions: Object.keys(decisions).length ? decisions : undefined
	};
}
