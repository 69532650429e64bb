/**
 * A plan part's framework as a logframe spreadsheet: one row per item in the framework's order and
 * one column per place, with a read-me sheet that lists the allowed values and carries the plan's
 * revision, so that a file filled in offline is checked against what changed since.
 */
import * as XLSX from '@e965/xlsx';
import { z } from 'zod';
import type { Ctx } from '../../context';
import type { Download } from '../../downloads';
import type { Locale } from '../../i18n';
import { hint, parseInput } from '../../validation';
import type { Cell } from '../../spreadsheets/write-csv';
import { writeTable } from '../../spreadsheets/write-table';
import { findPlanPart, type PlanPart } from '../access';
import { LEVELS } from '../framework/codes';
import {
	COLUMN_KEYS,
	DISAGGREGATION_WORDS,
	LEVEL_CODE,
	PERIOD_RULE_WORDS,
	PLACE_RULE_WORDS,
	UNITS,
	columnHeader,
	levelWord
} from './columns';
import { readState, type FrameworkState, type StoredItem } from './state';
import { m } from '$lib/paraglide/messages';

export const logframeExportQuery = z.object({
	format: z.enum(['xlsx', 'csv'], hint('logframe_error_format')).default('xlsx')
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportLogframe(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	query: Record<string, unknown> = {}
): Promise<Download> {
	const { format } = parseInput(logframeExportQuery, query, ctx.locale);
	const part = await findPlanPart(ctx, planId, clusterCode);
	const state = await readState(ctx.db, part);
	const table = logframeTable(state, part, ctx.locale);
	const name = `${m.logframe_filename({}, { locale: ctx.locale })}-${part.cluster.code}-${part.plan.year}`;
	if (format === 'csv') {
		const file = writeTable(
			'csv',
			table.headers.map((header) => ({ header })),
			table.rows
		);
		return { ...file, filename: `${name}.csv` };
	}
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(
		book,
		sheet([table.headers, ...table.rows], true),
		m.logframe_sheet({}, { locale: ctx.locale })
	);
	XLSX.utils.book_append_sheet(
		book,
		sheet(readMe(state, part, ctx.locale), false),
		m.logframe_readme_sheet({}, { locale: ctx.locale })
	);
	const body = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }));
	return { body, contentType: XLSX_TYPE, filename: `${name}.xlsx` };
}

/** Every admin1 of the country, and the admin2 that have a target: the columns a coordinator fills. */
function placeColumns(state: FrameworkState, countryId: string): string[] {
	const used = new Set(state.items.flatMap((item) => [...(item.targets?.keys() ?? [])]));
	return [...state.places.values()]
		.filter((p) => p.parentId === countryId || used.has(p.pcode))
		.map((p) => p.pcode)
		.sort();
}

function logframeTable(state: FrameworkState, part: PlanPart, locale: Locale) {
	const pcodes = placeColumns(state, part.plan.countryId);
	const headers = [...COLUMN_KEYS.map((key) => columnHeader(key, locale)), ...pcodes];
	const rows = state.items.map((item) => [...itemCells(item, state, locale), ...targetCells(item, pcodes)]);
	return { headers, rows };
}

function itemCells(item: StoredItem, state: FrameworkState, locale: Locale): Cell[] {
	const codeOf = (id: string) => state.byId.get(id)?.code ?? '';
	const i = item.indicator;
	const number = (value: string | null | undefined) => (value == null ? null : Number(value));
	return [
		levelWord(item.level, locale),
		item.code,
		item.parentId ? codeOf(item.parentId) : null,
		item.also.map(codeOf).sort().join(', ') || null,
		item.titleFr,
		item.titleEn,
		i?.unit ?? null,
		i?.periodRule ?? null,
		i?.placeRule ?? null,
		i?.disaggregation ?? null,
		number(i?.baseline),
		number(i?.target)
	];
}

function targetCells(item: StoredItem, pcodes: string[]): Cell[] {
	return pcodes.map((pcode) => item.targets?.get(pcode) ?? null);
}

function readMe(state: FrameworkState, part: PlanPart, locale: Locale): Cell[][] {
	const l = { locale };
	const title = locale === 'en' && part.plan.titleEn ? part.plan.titleEn : part.plan.titleFr;
	const cluster = locale === 'en' ? part.cluster.nameEn : part.cluster.nameFr;
	const values = <T extends string>(
		heading: string,
		codes: readonly T[],
		label: (c: T, l: Locale) => string
	) => [[heading], ...codes.map((code) => [code, label(code, 'fr'), label(code, 'en')])];
	const regions = new Map([...state.places.values()].map((p) => [p.id, p.pcode]));
	return [
		[m.logframe_readme_title({ cluster, plan: title }, l)],
		[],
		[m.logframe_readme_plan_id({}, l), part.plan.id],
		[m.logframe_readme_cluster({}, l), part.cluster.code],
		[m.logframe_readme_revision({}, l), part.plan.revision],
		[m.logframe_readme_exported({}, l), new Date().toISOString().slice(0, 16).replace('T', ' ')],
		[],
		[m.logframe_readme_how({}, l)],
		...[
			m.logframe_readme_rows,
			m.logframe_readme_codes,
			m.logframe_readme_new,
			m.logframe_readme_parent,
			m.logframe_readme_also,
			m.logframe_readme_places,
			m.logframe_readme_kept,
			m.logframe_readme_numbers,
			m.logframe_readme_vocabulary,
			m.logframe_readme_stale,
			m.logframe_readme_all_or_nothing
		].map((line) => [line({}, l)]),
		[],
		[m.logframe_readme_values({}, l)],
		[m.logframe_readme_code({}, l), m.logframe_readme_french({}, l), m.logframe_readme_english({}, l)],
		[columnHeader('level', locale)],
		...LEVELS.map((level) => [LEVEL_CODE[level], levelWord(level, 'fr'), levelWord(level, 'en')]),
		...values(columnHeader('unit', locale), UNITS.codes, UNITS.label),
		...values(columnHeader('periodRule', locale), PERIOD_RULE_WORDS.codes, PERIOD_RULE_WORDS.label),
		...values(columnHeader('placeRule', locale), PLACE_RULE_WORDS.codes, PLACE_RULE_WORDS.label),
		...values(columnHeader('disaggregation', locale), DISAGGREGATION_WORDS.codes, DISAGGREGATION_WORDS.label),
		[],
		[m.logframe_readme_place_list({}, l)],
		...[...state.places.values()]
			.sort((a, b) => a.pcode.localeCompare(b.pcode))
			.map((p) => [
				p.pcode,
				p.name,
				p.parentId === part.plan.countryId ? null : (regions.get(p.parentId!) ?? null)
			])
	];
}

/** As write-xlsx does for one sheet: text stays text, numbers numbers; a filter on the logframe's headers. */
function sheet(rows: Cell[][], filter: boolean): XLSX.WorkSheet {
	const ws = XLSX.utils.aoa_to_sheet(rows);
	const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
	if (filter && rows.length > 0 && width > 0)
		ws['!autofilter'] = {
			ref: XLSX.utils.encode_range({ r: 0, c: 0 }, { r: rows.length - 1, c: width - 1 })
		};
	ws['!cols'] = Array.from({ length: width }, (_, c) => ({
		wch: Math.min(60, Math.max(8, ...rows.slice(0, 200).map((row) => String(row[c] ?? '').length + 2)))
	}));
	return ws;
}
