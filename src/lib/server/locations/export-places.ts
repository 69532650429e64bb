import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Download } from '../downloads';
import { location } from '../db/schema';
import { matchesText } from '../db/search';
import { hint, parseInput } from '../validation';
import { writeTable } from '../spreadsheets/write-table';
import { EXPORT_FORMATS } from '../directory/schema';
import { m } from '$lib/paraglide/messages';

const parent = alias(location, 'parent');
const exportQuery = z.object({
	q: z.string().trim().max(200).optional(),
	format: z.enum(EXPORT_FORMATS, hint('directory_error_format'))
});

/**
 * The P-code list (or the places a search finds) as the importer reads it back (P-code, name, parent P-code, level, valid
 * from), retired places marked. Public, as places are.
 */
export async function exportPlaces(ctx: Ctx, query: Record<string, unknown>): Promise<Download> {
	const { q, format } = parseInput(exportQuery, query, ctx.locale);
	const rows = await ctx.db
		.select({
			pcode: location.pcode,
			name: location.name,
			parent: parent.pcode,
			level: location.level,
			validFrom: location.validFrom,
			retiredAt: location.retiredAt
		})
		.from(location)
		.leftJoin(parent, eq(parent.id, location.parentId))
		.where(matchesText(q, location.name, location.pcode))
		.orderBy(asc(location.level), asc(location.pcode));
	const locale = { locale: ctx.locale };
	const columns = [
		{ header: m.places_column_pcode({}, locale), hashtag: '#loc +code' },
		{ header: m.places_export_name({}, locale), hashtag: '#loc +name' },
		{ header: m.places_export_parent({}, locale), hashtag: '#loc +code +parent' },
		{ header: m.places_export_level({}, locale), hashtag: '#meta +level' },
		{ header: m.places_export_valid_from({}, locale), hashtag: '#date +valid' },
		{ header: m.places_export_retired({}, locale), hashtag: '#date +retired' }
	];
	const table = rows.map((r) => [
		r.pcode,
		r.name,
		r.parent,
		r.level,
		r.validFrom,
		r.retiredAt ? r.retiredAt.toISOString().slice(0, 10) : null
	]);
	const file = writeTable(format, columns, table, m.places_export_sheet({}, locale));
	return { ...file, filename: `pcodes-${new Date().toISOString().slice(0, 10)}.${file.extension}` };
}
