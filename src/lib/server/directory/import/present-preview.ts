import type { Locale } from '../../i18n';
import type { Sheet } from '../../spreadsheets/read-table';
import type { RowError } from './check-rows';
import { defaultDecision, editable, type Decision } from './decide-rows';
import type { DirectoryImportKind } from './fields';
import type { Match } from './find-matches';
import { missingMessage, type Plan } from './plan-import';

/** What a preview lists in full; the counts cover every row. */
export const PREVIEW_LIST_LIMIT = 200;

export interface DuplicateRow {
	row: number;
	name: string;
	matches: (Match & { editable: boolean })[];
	decision: Decision;
}

export interface ImportPreview {
	uploadId: string;
	kind: DirectoryImportKind;
	filename: string;
	createdAt: Date;
	sheets: { number: number; name: string }[];
	sheet: number;
	/** Row numbers as the spreadsheet shows them (from 1). */
	headerRow: number | null;
	hashtagRow: number | null;
	columns: { letter: string; header: string; hashtag: string | null }[];
	fields: { key: string; label: string; required: boolean; column: string | null }[];
	/** Required fields that no column gives: nothing can be imported until one does. */
	missing: { field: string; message: string }[];
	counts: { rows: number; valid: number; invalid: number; matching: number };
	errors: RowError[];
	errorCount: number;
	duplicates: DuplicateRow[];
	duplicateCount: number;
}

/** A staged file, as `present` names it. */
export interface PreviewedUpload {
	id: string;
	kind: DirectoryImportKind;
	filename: string;
	createdAt: Date;
	sheets: Sheet[];
}

/** The preview as pages and the API show it: counts, columns, the first errors and duplicates. */
export function present(upload: PreviewedUpload, plan: Plan, locale: Locale): ImportPreview {
	const letter = (index: number | null) => (index === null ? null : plan.layout.columns[index]!.letter);
	const duplicates: DuplicateRow[] = [];
	for (const { row, values } of plan.checked.valid) {
		const matches = plan.matches.get(row);
		if (!matches?.length) continue;
		duplicates.push({
			row,
			name: (values as { name: string }).name,
			matches: matches.map((match) => ({ ...match, editable: editable(plan, match) })),
			decision: defaultDecision(plan, matches)
		});
	}
	return {
		uploadId: upload.id,
		kind: upload.kind,
		filename: upload.filename,
		createdAt: upload.createdAt,
		sheets: upload.sheets.map((sheet, index) => ({ number: index + 1, name: sheet.name })),
		sheet: plan.sheetIndex + 1,
		headerRow: plan.layout.headerRow === null ? null : plan.layout.headerRow + 1,
		hashtagRow: plan.layout.hashtagRow === null ? null : plan.layout.hashtagRow + 1,
		columns: plan.layout.columns.map(({ letter, header, hashtag }) => ({ letter, header, hashtag })),
		fields: plan.fields.map((field) => ({
			key: field.key,
			label: field.label({}, { locale }),
			required: field.required,
			column: letter(plan.mapping[field.key] ?? null)
		})),
		missing: plan.missing.map((field) => ({ field: field.key, message: missingMessage(field, locale) })),
		counts: {
			rows: plan.checked.total,
			valid: plan.checked.valid.length,
			invalid: plan.checked.invalidRows,
			matching: duplicates.length
		},
		errors: plan.checked.errors.slice(0, PREVIEW_LIST_LIMIT),
		errorCount: plan.checked.errors.length,
		duplicates: duplicates.slice(0, PREVIEW_LIST_LIMIT),
		duplicateCount: duplicates.length
	};
}
