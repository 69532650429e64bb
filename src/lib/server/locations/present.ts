/**
 * What the API sends out about places. As in api/presenters.ts, each schema both encodes the answer
 * (dates as ISO strings, fields not listed dropped) and documents it in the OpenAPI document.
 */
import { z } from 'zod';
import { listOf } from '../api/presenters';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const pcode = z.string().meta({ description: 'OCHA P-code', examples: ['ML0704'] });

export const placeOut = z.object({
	id,
	pcode,
	name: z.string(),
	level: z.int().meta({ description: '0 country, 1 admin1 (region), 2 admin2 (cercle)…' }),
	parentPcode: z.string().nullable(),
	parentName: z.string().nullable(),
	retiredAt: timestamp.nullable().meta({
		description: 'Set when a newer P-code list left the place out; kept for the records that use it'
	}),
	children: z.int().meta({ description: 'Places directly under this one' })
});

export const placeListOut = listOf(placeOut);

/** GeoJSON Polygon or MultiPolygon, simplified for display. */
const outline = z
	.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.array(z.unknown())) })
	.nullable()
	.meta({ description: 'Boundary simplified for display (GeoJSON, WGS 84); null when none was imported' });

export const placeDetailOut = placeOut.omit({ children: true }).extend({
	validFrom: z.string().nullable(),
	trail: z
		.array(z.object({ pcode, name: z.string(), level: z.int() }))
		.meta({ description: 'The places above, country first' }),
	children: placeListOut.extend({ limit: z.int(), offset: z.int() }),
	uses: z
		.int()
		.meta({ description: 'Records that name this place (organisations, and later plans and projects)' }),
	outline,
	createdAt: timestamp,
	updatedAt: timestamp
});

const ref = z.object({ pcode, name: z.string() });

export const placesReportOut = z.object({
	filename: z.string(),
	format: z.enum(['table', 'geojson']),
	columns: z
		.object({
			pcode: z.string(),
			name: z.string(),
			parent: z.string().nullable(),
			level: z.string().nullable()
		})
		.meta({ description: 'The columns (or GeoJSON properties) that were read' }),
	total: z.int().meta({ description: 'Places in the file' }),
	levels: z
		.array(z.int())
		.meta({ description: 'Levels the file lists; only places at these levels can be retired' }),
	added: z.array(ref.extend({ level: z.int(), parent: ref.nullable() })),
	renamed: z.array(z.object({ pcode, from: z.string(), to: z.string() })),
	moved: z.array(ref.extend({ from: ref.nullable(), to: ref.nullable() })),
	levelChanged: z.array(ref.extend({ from: z.int(), to: z.int() })),
	restored: z.array(ref),
	retired: z
		.array(ref.extend({ level: z.int(), uses: z.int() }))
		.meta({ description: 'Stored places the file leaves out: never deleted, marked retired' }),
	unchanged: z.int(),
	outlines: z.int().meta({ description: 'Places given an outline by the file' })
});

export const placesPreviewOut = z.object({
	id: id.meta({ description: 'The upload: confirm it with POST /locations/import/{id}' }),
	createdAt: timestamp,
	report: placesReportOut
});
