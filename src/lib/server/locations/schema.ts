import { z } from 'zod';
import { listQuery } from '../directory/schema';
import { MAX_LEVEL } from './pcode';

/** A form's empty field, or a query parameter left blank, is no value. */
const blankAsAbsent = <S extends z.ZodType>(schema: S) =>
	z
		.union([z.literal(''), schema])
		.optional()
		.transform((v) => (v === '' ? undefined : (v as z.output<S> | undefined)));

/** The tree and its search: `parent` '' means the top of the tree; `q` searches names and P-codes. */
export const locationListQuery = listQuery.extend({
	level: z.coerce.number().int().min(0).max(MAX_LEVEL).optional(),
	parent: z.string().trim().max(20).optional(),
	/** `false` leaves out places that a newer P-code list retired. */
	retired: blankAsAbsent(z.enum(['true', 'false']).transform((v) => v === 'true'))
});

/** One page of a place's subdivisions. */
export const placeChildrenQuery = z.object({
	limit: z.coerce.number().int().min(1).max(500).default(100),
	offset: z.coerce.number().int().min(0).default(0)
});

const columnName = z
	.string()
	.trim()
	.max(100)
	.optional()
	.transform((v) => v || undefined);

/**
 * How to read an uploaded P-code list: its format (guessed from the file when absent) and, when
 * the file's own names are not recognised, which column or property holds what.
 */
export const placesImportOptions = z.object({
	format: blankAsAbsent(z.enum(['csv', 'geojson'])),
	pcode: columnName.describe('Column (CSV) or property (GeoJSON) holding the P-code'),
	name: columnName.describe('Column or property holding the name'),
	parent: columnName.describe("Column or property holding the parent's P-code"),
	level: columnName.describe('Column or property holding the level (0 country, 1 admin1…)')
});
