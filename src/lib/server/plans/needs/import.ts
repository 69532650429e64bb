/**
 * Importing a cluster's needs from a file (CSV, XLSX, ODS, HXL): the preview reads and checks every
 * row and reports what it would save, writing nothing; a file with any error is refused whole,
 * with each error's row and column, and is not kept. A clean file waits (a day at most) in
 * import_upload for the user to confirm it — confirming its warnings too, when people targeted
 * exceed people in need — and then becomes a new revision, unless someone saved another meanwhile.
 */
import { findStagedUpload } from '../../uploads/staged-upload';
import { and, eq, lt } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { importUpload, type ImportKind } from '../../db/schema';
import { NotFoundError } from '../../errors';
import type { Locale } from '../../i18n';
import { readTable, type Sheet } from '../../spreadsheets/read-table';
import { fileError } from '../../spreadsheets/file-error';
import { normalisePcode } from '../../locations/pcode';
import type { Upload } from '../../uploads/read-upload';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { findPlanPartForWrite, type PlanPart } from '../access';
import { checkRows, type CheckResult, type NeedIssue } from './check-rows';
import { diffFigures, totalsOf, type Totals } from './compare';
import { readNeedsSheet, type NeedsSheet, type SheetColumn } from './read-needs-table';
import { readRevision } from './revisions';
import { assertSavable, checkContext } from './save';
import { confirmImportInput, importOptions } from './schema';
import { writeRevision, type RevisionMeta } from './write-revision';

/** The staging table's kind for needs files. */
const KIND: ImportKind = 'needs';

/** Files left unconfirmed this long are dropped at the next upload. */
const KEEP_UPLOADS_MS = 24 * 60 * 60 * 1000;
/** Errors and warnings listed in a report; the counts give the rest. */
const LISTED = 200;

export interface ReportIssue {
	/** The row as the spreadsheet numbers it, header rows counted; null for a whole column. */
	row: number | null;
	column: string | null;
	header: string | null;
	message: string;
}

export interface NeedsImportReport {
	/** The staged file to confirm; null when the file is refused (nothing was kept). */
	uploadId: string | null;
	planId: string;
	cluster: string;
	filename: string;
	sheet: string;
	columns: SheetColumn[];
	/** Data rows read, rows to be saved, and rows without any count, left out. */
	rows: number;
	figures: number;
	skipped: number;
	errors: ReportIssue[];
	errorCount: number;
	warnings: ReportIssue[];
	warningCount: number;
	totals: Totals;
	/** The revision the import would replace, and how the figures differ from it. */
	current: { number: number; totals: Totals } | null;
	changes: { added: number; removed: number; changed: number };
	meta: RevisionMeta;
}

interface Staged {
	report: NeedsImportReport;
	baseRevision: number;
	rows: CheckResult['rows'];
}

/**
 * Reads and checks a file against the plan part, and stages it when it has no error. `read` is
 * called only once the caller may write the needs, so nobody else makes the server read a large
 * body; it gives the file, and the source, date and note when a form sends them with it.
 */
export async function previewNeedsImport(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	read: () => Promise<Upload & { options?: unknown }>,
	options: unknown = {}
): Promise<NeedsImportReport> {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const { filename, bytes, options: sent } = await read();
	const meta = parseInput(importOptions, sent ?? options, ctx.locale);
	const sheets = await readTable(bytes, filename, ctx.locale);
	const { sheet, layout } = chooseSheet(sheets, part, ctx.locale);
	const context = await checkContext(ctx.db, part, ctx.locale);
	const result = await checkRows(ctx.db, context, layout.candidates);
	for (const [row, c] of layout.candidates.entries()) {
		const place = context.places.get(normalisePcode(c.pcode));
		if (c.region && place && place.regionPcode !== normalisePcode(c.region))
			result.errors.push({
				row,
				field: { kind: 'region' },
				message: m.needs_error_pcode_region({ pcode: place.pcode, region: c.region }, { locale: ctx.locale })
			});
	}
	result.errors.sort((a, b) => a.row - b.row);
	const current = await readRevision(ctx, part);
	const report = present(part, filename, sheet, layout, result, meta, current);
	if (report.errorCount > 0) return report;
	const staged: Staged = { report, baseRevision: current?.revision.number ?? 0, rows: result.rows };
	const actor = ctx.actor!;
	const [row] = await ctx.db.transaction(async (tx) => {
		await tx
			.delete(importUpload)
			.where(
				and(eq(importUpload.kind, KIND), lt(importUpload.createdAt, new Date(Date.now() - KEEP_UPLOADS_MS)))
			);
		return tx
			.insert(importUpload)
			.values({ userId: actor.userId, kind: KIND, filename, content: staged })
			.returning({ id: importUpload.id });
	});
	return { ...report, uploadId: row!.id };
}

/** The sheet holding the figures: the first one with a place column, else the first one. */
function chooseSheet(sheets: Sheet[], part: PlanPart, locale: Locale): { sheet: Sheet; layout: NeedsSheet } {
	const read = sheets.map((sheet) => ({
		sheet,
		layout: readNeedsSheet(sheet, part.plan.sexAgeGroups, locale)
	}));
	const found = read.find((r) => !r.layout.missing) ?? read[0]!;
	if (found.layout.missing) throw fileError(found.layout.missing);
	return found;
}

function present(
	part: PlanPart,
	filename: string,
	sheet: Sheet,
	layout: NeedsSheet,
	result: CheckResult,
	meta: RevisionMeta,
	current: Awaited<ReturnType<typeof readRevision>>
): NeedsImportReport {
	const issue = (i: NeedIssue): ReportIssue => {
		const candidate = layout.candidates[i.row]!;
		const f = i.field;
		const index =
			f.kind === 'cell'
				? layout.columnOf({ kind: 'count', part: f.part, code: f.code })
				: f.kind === 'pcode'
					? layout.columnOf({ kind: candidate.fromAdm2 ? 'adm2-code' : 'adm1-code' })
					: f.kind === 'group'
						? (layout.columnOf({ kind: 'group-code' }) ?? layout.columnOf({ kind: 'group-name' }))
						: f.kind === 'row'
							? null
							: layout.columnOf({ kind: 'adm1-code' });
		const column = index === null ? null : layout.columns[index]!;
		return {
			row: candidate.line,
			column: column?.letter ?? null,
			header: column ? (column.hashtag ?? column.header) : null,
			message: i.message
		};
	};
	const columnErrors: ReportIssue[] = layout.columnIssues.map((c) => ({ row: null, ...c }));
	const errors = [...columnErrors, ...result.errors.map(issue)];
	const changes = diffFigures(current?.figures ?? [], result.rows, part.plan.sexAgeGroups);
	return {
		uploadId: null,
		planId: part.plan.id,
		cluster: part.cluster.code,
		filename,
		sheet: sheet.name,
		columns: layout.columns,
		rows: layout.candidates.length,
		figures: result.rows.length,
		skipped: result.skipped,
		errors: errors.slice(0, LISTED),
		errorCount: errors.length,
		warnings: result.warnings.slice(0, LISTED).map(issue),
		warningCount: result.warnings.length,
		totals: totalsOf(result.rows),
		current: current ? { number: current.revision.number, totals: totalsOf(current.figures) } : null,
		changes: {
			added: changes.filter((c) => c.kind === 'added').length,
			removed: changes.filter((c) => c.kind === 'removed').length,
			changed: changes.filter((c) => c.kind === 'changed').length
		},
		meta
	};
}

/** The report of a file waiting for confirmation. */
export async function getNeedsImport(ctx: Ctx, id: string): Promise<NeedsImportReport> {
	return (await findUpload(ctx, id)).staged.report;
}

/**
 * Saves a staged file as a new revision: checked again against the places and groups as they are
 * now, refused if a revision was saved since the preview, and taken out of the staging table in
 * the same transaction, so that a second confirmation finds nothing.
 */
export async function confirmNeedsImport(ctx: Ctx, id: string, input: unknown = {}) {
	const { id: uploadId, staged, filename } = await findUpload(ctx, id);
	const { report } = staged;
	const part = await findPlanPartForWrite(ctx, report.planId, report.cluster);
	const { confirm } = parseInput(confirmImportInput, input, ctx.locale);
	const context = await checkContext(ctx.db, part, ctx.locale);
	const candidates = staged.rows.map((r) => ({ line: r.row, ...r }));
	const result = await checkRows(ctx.db, context, candidates);
	assertSavable(result, confirm, ctx.locale, (issue) => `rows.${candidates[issue.row]!.line}`);
	return writeRevision(ctx, part, context.places, {
		meta: report.meta,
		rows: result.rows,
		baseRevision: staged.baseRevision,
		audit: { filename, uploadId },
		before: async (tx) => {
			const [claimed] = await tx
				.delete(importUpload)
				.where(eq(importUpload.id, uploadId))
				.returning({ id: importUpload.id });
			if (!claimed) throw new NotFoundError();
		}
	});
}

export async function discardNeedsImport(ctx: Ctx, id: string): Promise<void> {
	const { id: uploadId } = await findUpload(ctx, id);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, uploadId));
}

/** Only the user who sent a file sees it; anyone else is told it does not exist. */
async function findUpload(ctx: Ctx, id: string) {
	const row = await findStagedUpload(ctx, id, [KIND]);
	const staged = row.content as Staged;
	return {
		id: row.id,
		filename: row.filename,
		staged: { ...staged, report: { ...staged.report, uploadId: row.id } }
	};
}
