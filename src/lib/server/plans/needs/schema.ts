/** What the needs operations accept, from forms and from the API; also what OpenAPI documents. */
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../directory/schema';
import { hint, optionalText, requiredText } from '../../validation';

/** A real calendar day, written 2016-10-25 or 25/10/2016, not after today. */
export const sourceDate = z
	.string()
	.trim()
	.min(1)
	.transform((text, ctx) => {
		const day = parseDay(text);
		if (!day) ctx.issues.push({ code: 'custom', input: text, message: 'needs_error_date' });
		else if (day > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
			ctx.issues.push({ code: 'custom', input: text, message: 'needs_error_date_future' });
		return day ?? z.NEVER;
	})
	.meta({ description: 'The day the figures were published or revised: YYYY-MM-DD (or DD/MM/YYYY)' });

/** "2016-10-25" for 2016-10-25 or 25/10/2016; null when it is no day at all (31/02/2016). */
function parseDay(text: string): string | null {
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
	const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	const [year, month, day] = iso
		? [iso[1], iso[2], iso[3]].map(Number)
		: fr
			? [fr[3], fr[2], fr[1]].map(Number)
			: [];
	if (year === undefined || month === undefined || day === undefined) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
		return null;
	return date.toISOString().slice(0, 10);
}

/** A yes or no: JSON true/false, a checked box ('on'), or 'true'/'false' in a query string. */
const flag = z
	.union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');

/** Where the figures come from, as every save records it. */
export const revisionMeta = z.object({
	source: requiredText(300).meta({ description: 'Who published the figures: "OCHA, HNO 2017"' }),
	sourceDate,
	note: optionalText(2000),
	illustrative: flag.meta({ description: 'True when the figures are not from a published source' })
});

/** The revision a save starts from: 0 before the first one. A save from an older one is refused. */
export const baseRevision = z.coerce
	.number(hint('needs_error_base_revision'))
	.int(hint('needs_error_base_revision'))
	.min(0, hint('needs_error_base_revision'));

const confirm = flag.meta({ description: 'Save even with warnings (people targeted above people in need)' });

/** A count as sent: a number, or text as a user types it ("1 234"); checked cell by cell. */
const countIn = z
	.union([z.number(), z.string(), z.null()])
	.meta({ description: 'A whole number of people, or null when not given' });
const countsIn = z
	.record(z.string(), countIn)
	.default({})
	.meta({ description: "Per sex and age group code of the plan (girls, boys…): the plan's sexAgeGroups" });

export const needRowIn = z.object({
	pcode: z
		.string()
		.meta({ description: 'P-code of an admin1 or admin2 place of the country', examples: ['ML0701'] }),
	group: z.string().meta({ description: 'Code of a population group of the cluster', examples: ['idp'] }),
	inNeed: countsIn,
	targeted: countsIn
});
export type NeedRowIn = z.output<typeof needRowIn>;

/** A whole new revision: every row of the cluster's figures, replacing the current ones. */
export const saveNeedsInput = revisionMeta.extend({
	baseRevision,
	confirm,
	rows: z.array(needRowIn).max(100_000)
});

export const clusterQuery = z.object({
	cluster: z.string().trim().min(1).max(40).meta({ description: 'Code of the cluster, e.g. ER' })
});

export const revisionNumber = z.coerce
	.number(hint('needs_error_revision'))
	.int(hint('needs_error_revision'))
	.min(1, hint('needs_error_revision'));

export const needsQuery = clusterQuery.extend({
	revision: revisionNumber.optional().meta({ description: 'A revision number; default the latest' }),
	format: z.enum(EXPORT_FORMATS, hint('directory_error_format')).optional()
});

export const exportQuery = z.object({
	revision: revisionNumber.optional(),
	format: z.enum(EXPORT_FORMATS, hint('directory_error_format'))
});

export const compareQuery = z.object({
	from: revisionNumber.meta({ description: 'The older revision' }),
	to: revisionNumber.meta({ description: 'The newer revision' })
});

export const importOptions = revisionMeta;

export const confirmImportInput = z.object({ confirm });

export const populationGroupInput = z.object({
	code: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, hint('needs_error_group_code'))
		.meta({ description: 'Short code used in files: letters, digits, - and _', examples: ['refugees'] }),
	nameFr: requiredText(200),
	nameEn: optionalText(200)
});

export const renameGroupInput = populationGroupInput.pick({ nameFr: true, nameEn: true });

export const moveGroupInput = z.object({ direction: z.enum(['up', 'down']) });
