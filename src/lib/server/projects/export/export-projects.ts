/**
 * Every project the list's filters select (not one page of them) as a file: CSV, HXL, XLSX or IATI
 * XML. Each is a stream fed by pages of 500 projects read as the client takes the bytes, so a plan
 * of any size costs the server the memory of one page.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { today } from '../../calendar/agenda';
import type { Download } from '../../downloads';
import { location } from '../../db/schema';
import type { Locale } from '../../i18n';
import { parseInput } from '../../validation';
import { writeCsv, type Cell } from '../../spreadsheets/write-csv';
import { streamXlsx } from '../../spreadsheets/write-xlsx-stream';
import { countryPrefix } from '../../locations/pcode';
import { resolveProjectFilter } from '../list-filter';
import { projectExportQuery, type ProjectExportFormat } from '../list-schema';
import { projectPages, type ExportProject } from './project-pages';
import { projectTableColumns, projectTableRows } from './project-table';
import { IATI_TAIL, iatiActivity, iatiHead, type IatiPlan } from './iati';
import { m } from '$lib/paraglide/messages';

const CSV = 'text/csv; charset=utf-8';
const TYPES: Record<ProjectExportFormat, string> = {
	csv: CSV,
	hxl: CSV,
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	iati: 'application/xml; charset=utf-8'
};
const EXTENSIONS: Record<ProjectExportFormat, string> = {
	csv: 'csv',
	hxl: 'hxl.csv',
	xlsx: 'xlsx',
	iati: 'iati.xml'
};

export async function exportProjects(ctx: Ctx, query: Record<string, unknown>): Promise<Download> {
	const { format, ...filters } = parseInput(projectExportQuery, query, ctx.locale);
	const { plan, where } = await resolveProjectFilter(ctx, filters);
	const [country] = await ctx.db
		.select({ pcode: location.pcode })
		.from(location)
		.where(eq(location.id, plan.countryId));
	const iatiPlan: IatiPlan = { ...plan, countryCode: countryPrefix(country?.pcode ?? 'ML') };
	// The first page is read before answering: a failure then is an error page, not a cut file.
	const pages = where ? await readingAhead(projectPages(ctx.db, where)) : noPages();
	return {
		body: projectFile(ctx.locale, format, pages, iatiPlan),
		contentType: TYPES[format],
		filename: `projects-${iatiPlan.countryCode}-${plan.year}-${today()}.${EXTENSIONS[format]}`
	};
}

/** The file's bytes as a stream, fed by the pages as the reader takes them. */
export function projectFile(
	locale: Locale,
	format: ProjectExportFormat,
	pages: AsyncIterable<ExportProject[]>,
	plan: IatiPlan
): ReadableStream<Uint8Array> {
	switch (format) {
		case 'csv':
		case 'hxl': {
			const columns = projectTableColumns(locale);
			const head: Cell[][] = [columns.map((c) => c.header)];
			if (format === 'hxl') head.push(columns.map((c) => c.hashtag ?? ''));
			// writeCsv starts each piece with the byte-order mark: only the file's first keeps it.
			return streamPieces(
				writeCsv(head),
				mapPages(pages, (p) => tableRows(p, locale, format === 'hxl')),
				(rows) => (rows.length ? writeCsv(rows).subarray(3) : new Uint8Array())
			);
		}
		case 'xlsx':
			return streamXlsx(
				projectTableColumns(locale).map((c) => ({ header: c.header })),
				mapPages(pages, (p) => tableRows(p, locale, false)),
				m.projectlist_sheet({}, { locale })
			);
		case 'iati': {
			const day = today();
			return streamPieces(
				iatiHead(new Date()),
				mapPages(pages, (p) => p.map((one) => iatiActivity(one, plan, day)).join('')),
				(xml) => xml,
				IATI_TAIL
			);
		}
	}
}

function tableRows(page: ExportProject[], locale: Locale, codes: boolean): Cell[][] {
	return page.flatMap((p) => projectTableRows(p, locale, codes));
}

async function* noPages(): AsyncGenerator<ExportProject[]> {}

/** The same pages, the first of them already read. */
async function readingAhead<T>(pages: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
	const first = await pages.next();
	return (async function* () {
		if (first.done) return;
		yield first.value;
		yield* pages;
	})();
}

async function* mapPages<T, U>(pages: AsyncIterable<T>, shape: (page: T) => U): AsyncGenerator<U> {
	for await (const page of pages) yield shape(page);
}

const encoder = new TextEncoder();
const bytes = (piece: Uint8Array | string) => (typeof piece === 'string' ? encoder.encode(piece) : piece);

/** A head, one piece per page (read when the reader wants more), a tail. */
function streamPieces<T>(
	head: Uint8Array | string,
	pages: AsyncIterable<T>,
	encode: (page: T) => Uint8Array | string,
	tail: Uint8Array | string = ''
): ReadableStream<Uint8Array> {
	const iterator = pages[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(bytes(head));
		},
		async pull(controller) {
			const next = await iterator.next();
			if (next.done) {
				const end = bytes(tail);
				if (end.length) controller.enqueue(end);
				controller.close();
				return;
			}
			const piece = bytes(encode(next.value));
			if (piece.length) controller.enqueue(piece);
		},
		async cancel() {
			await iterator.return?.(undefined);
		}
	});
}
