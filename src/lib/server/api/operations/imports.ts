import { z } from 'zod';
import { readUpload } from '../../uploads/read-upload';
import {
	confirmImport,
	discardImport,
	getImportPreview,
	previewImport
} from '../../directory/import/imports';
import { DIRECTORY_IMPORT_KINDS, type DirectoryImportKind } from '../../directory/import/fields';
import { importOptions, importUploadQuery } from '../../directory/import/schema';
import { operation } from '../endpoint';
import { m } from '$lib/paraglide/messages';

/** What an import reads: every format `readTable` knows, sent as the raw body. */
const TABLE_TYPES = [
	'text/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-excel',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/json',
	'application/zip'
];

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const letter = z
	.string()
	.meta({ description: 'Column letter as spreadsheets name it: A, B… AA', examples: ['B'] });
const kind = z.enum(DIRECTORY_IMPORT_KINDS);

const rowErrorOut = z.object({
	row: z.int().meta({ description: 'Row number as the spreadsheet shows it, from 1, header rows counted' }),
	column: letter.nullable().meta({ description: 'Column letter; null when the row as a whole is at fault' }),
	header: z
		.string()
		.nullable()
		.meta({ description: "The column's header or HXL hashtag as written in the file" }),
	field: z.string().nullable(),
	message: z.string()
});

const matchOut = z.object({
	id,
	name: z.string(),
	detail: z.string().nullable().meta({ description: 'Acronym of an organisation, e-mail of a person' }),
	organisationId: id.nullable().meta({ description: "A person's organisation" }),
	reason: z.enum(['name', 'email', 'domain', 'acronym', 'similar-name', 'name-elsewhere']),
	exact: z
		.boolean()
		.meta({ description: 'Surely the same record (same folded name, e-mail or e-mail domain)' }),
	editable: z.boolean().meta({ description: 'Whether the caller may update it' })
});

export const importPreviewOut = z.object({
	uploadId: id.meta({
		description: 'The staged file: confirm it with POST /imports/{id}/confirm within a day'
	}),
	kind,
	filename: z.string(),
	createdAt: timestamp,
	sheets: z.array(z.object({ number: z.int(), name: z.string() })),
	sheet: z.int().meta({ description: 'The sheet read, from 1' }),
	headerRow: z.int().nullable(),
	hashtagRow: z
		.int()
		.nullable()
		.meta({ description: 'Row of HXL hashtags (#org+name…), when the file has one' }),
	columns: z.array(z.object({ letter, header: z.string(), hashtag: z.string().nullable() })),
	fields: z
		.array(
			z.object({
				key: z.string(),
				label: z.string(),
				required: z.boolean(),
				column: letter.nullable().meta({ description: 'The column the field is read from; null: none' })
			})
		)
		.meta({
			description: 'The mapping of columns to fields, as guessed from headers and hashtags or as chosen'
		}),
	missing: z
		.array(z.object({ field: z.string(), message: z.string() }))
		.meta({ description: 'Required fields no column gives: nothing can be imported until one does' }),
	counts: z.object({
		rows: z.int(),
		valid: z.int(),
		invalid: z.int(),
		matching: z.int().meta({ description: 'Valid rows that may duplicate a stored record' })
	}),
	errors: z.array(rowErrorOut).meta({ description: 'The first 200 errors' }),
	errorCount: z.int(),
	duplicates: z
		.array(
			z.object({
				row: z.int(),
				name: z.string(),
				matches: z.array(matchOut),
				decision: z
					.string()
					.meta({ description: 'What confirming without a decision for the row does: create or update:<id>' })
			})
		)
		.meta({ description: 'The first 200 rows that may duplicate stored records' }),
	duplicateCount: z.int()
});

export const importResultOut = z.object({
	kind,
	filename: z.string(),
	created: z.int(),
	updated: z.int(),
	skipped: z.int().meta({ description: 'Rows not imported: skipped by decision, or with errors' }),
	invalid: z.int().meta({ description: 'Rows not imported because of their errors' })
});

function upload(kindOf: DirectoryImportKind) {
	return operation({
		method: 'POST',
		path: `/${kindOf}/import`,
		operationId: kindOf === 'organisations' ? 'previewOrganisationsImport' : 'previewPeopleImport',
		tag: kindOf,
		summary: (locale) =>
			(kindOf === 'organisations' ? m.imports_api_preview_organisations : m.imports_api_preview_people)(
				{},
				{ locale }
			),
		query: importUploadQuery,
		upload: TABLE_TYPES,
		status: 200,
		response: importPreviewOut,
		problems: ['validation', 'forbidden'],
		run: ({ ctx, locale, query, request }) =>
			previewImport(ctx, kindOf, () => readUpload(request, locale), { sheet: query.sheet })
	});
}

/**
 * Imports of organisations and people: send the file, read the preview (mapping, row errors,
 * possible duplicates), then confirm — nothing is written before.
 */
export const imports = [
	upload('organisations'),
	upload('people'),
	operation({
		method: 'POST',
		path: '/imports/{id}/preview',
		operationId: 'previewImportAgain',
		tag: 'imports',
		summary: (locale) => m.imports_api_get({}, { locale }),
		body: importOptions.omit({ decisions: true }),
		status: 200,
		response: importPreviewOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: ({ ctx, id, body }) => getImportPreview(ctx, id, body)
	}),
	operation({
		method: 'POST',
		path: '/imports/{id}/confirm',
		operationId: 'confirmImport',
		tag: 'imports',
		summary: (locale) => m.imports_api_confirm({}, { locale }),
		body: importOptions,
		status: 200,
		response: importResultOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: ({ ctx, id, body }) => confirmImport(ctx, id, body)
	}),
	operation({
		method: 'DELETE',
		path: '/imports/{id}',
		operationId: 'discardImport',
		tag: 'imports',
		summary: (locale) => m.imports_api_discard({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found'],
		run: ({ ctx, id }) => discardImport(ctx, id)
	})
];
