/**
 * The grid's form, posted without script: `cols` lists the sex and age group codes of the columns,
 * `r3` is row 3's "P-code/group", `3i0` and `3t0` its in-need and targeted counts in column 0. A
 * grid that shows some places only (one admin1, or a page of it) saves a whole revision too: the
 * rows of the places it did not show are kept as they were in the revision the user started from.
 */
import type { Ctx } from '../../context';
import { ValidationError, type FieldError } from '../../errors';
import { normalisePcode } from '../../locations/pcode';
import { parseInput, refuseUnstorable } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { findPlanPartForWrite, type PlanPart } from '../access';
import type { Candidate, NeedIssue } from './check-rows';
import { buildGridView, cellPath, type GridInput } from './grid';
import { explainPlaces } from './places';
import { gridContext } from './read-grid';
import { figuresOf, latestRevision, revisionByNumber } from './revisions';
import { saveChecked } from './save';
import { saveNeedsInput } from './schema';

/** More rows than any grid page shows: a post beyond it is not a grid. */
const MAX_ROWS = 20_000;

export interface GridPost {
	cols: string[];
	rows: GridInput[];
	region: string | null;
	page: number;
}

export function readGridPost(values: Record<string, unknown>): GridPost {
	const text = (v: unknown) => (typeof v === 'string' ? v : '');
	const cols = text(values.cols).split(',').filter(Boolean);
	const rows: GridInput[] = [];
	for (let i = 0; i < MAX_ROWS; i++) {
		const key = values[`r${i}`];
		if (typeof key !== 'string') break;
		const [pcode = '', group = ''] = key.split('/');
		rows.push({
			pcode,
			group,
			inNeed: cols.map((_, j) => text(values[`${i}i${j}`])),
			targeted: cols.map((_, j) => text(values[`${i}t${j}`]))
		});
	}
	return {
		cols,
		rows,
		region: text(values.region) || null,
		page: Number.parseInt(text(values.page), 10) || 1
	};
}

const gridSaveInput = saveNeedsInput.omit({ rows: true });
const EMPTY_META = { source: '', sourceDate: '', note: null, illustrative: false };

function fieldErrorsOf(values: Record<string, unknown>, locale: Ctx['locale']): FieldError[] {
	try {
		parseInput(gridSaveInput, values, locale);
		return [];
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
}

/** The grid's save: a new revision of the figures posted (and, for one admin1, the others kept). */
export async function saveGrid(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	values: Record<string, unknown>
) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	refuseUnstorable(values, ctx.locale);
	// Mistakes in the source fields and in the cells are told together: the user fixes all at once.
	const parsed = gridSaveInput.safeParse(values);
	const inputErrors = parsed.success ? [] : fieldErrorsOf(values, ctx.locale);
	const { baseRevision, confirm, ...meta } = parsed.success
		? parsed.data
		: { baseRevision: Number(values.baseRevision) || 0, confirm: false, ...EMPTY_META };
	const post = readGridPost(values);
	assertColumns(part, post.cols, ctx.locale);
	const candidates: Candidate[] = post.rows.map((r, i) => ({
		line: i + 1,
		pcode: r.pcode,
		group: r.group,
		inNeed: Object.fromEntries(post.cols.map((c, j) => [c, r.inNeed[j]])),
		targeted: Object.fromEntries(post.cols.map((c, j) => [c, r.targeted[j]]))
	}));
	const shown = candidates.length;
	candidates.push(...(await keptRows(ctx, part, post, baseRevision)));
	const pathOf = (issue: NeedIssue, all: Candidate[]) => {
		const { pcode, group } = all[issue.row]!;
		const field = issue.field;
		if (field.kind === 'cell') return cellPath(normalisePcode(pcode), group, field.part, field.code);
		return field.kind === 'row'
			? cellPath(normalisePcode(pcode), group)
			: `${cellPath(normalisePcode(pcode), group)}.${field.kind}`;
	};
	// Warnings about kept rows were confirmed when they were saved, and are not on the page to confirm again.
	return saveChecked(ctx, part, { meta, baseRevision, confirm }, candidates, pathOf, {
		warnRows: shown,
		inputErrors
	});
}

/**
 * The rows of the places the grid did not show (another admin1, another page of this one), as in
 * the revision the user started from. A place shown with its cells emptied is not kept: that is
 * how a place is taken out.
 */
async function keptRows(ctx: Ctx, part: PlanPart, post: GridPost, base: number): Promise<Candidate[]> {
	const revision = base > 0 ? await revisionByNumber(ctx.db, part.planCluster.id, base) : null;
	if (!revision) return [];
	const shown = new Set(post.rows.map((r) => normalisePcode(r.pcode)));
	return (await figuresOf(ctx.db, revision.id))
		.filter((f) => !shown.has(f.pcode))
		.map((f) => ({ line: 0, ...f }));
}

function assertColumns(part: PlanPart, cols: string[], locale: Ctx['locale']) {
	const codes = part.plan.sexAgeGroups.map((g) => g.code);
	if (cols.length === 0 || cols.some((c) => !codes.includes(c)))
		throw new ValidationError([{ path: 'cols', message: m.needs_error_columns_changed({}, { locale }) }]);
}

/**
 * The grid as posted, with rows for one more place, or just its totals computed again when no
 * place is given (the grid's default button, for Enter pressed without script): nothing is saved.
 */
export async function addPlaceRows(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	values: Record<string, unknown>
) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const locale = ctx.locale;
	const pcode = normalisePcode(typeof values.add === 'string' ? values.add : '');
	const place = (await gridContext(ctx.db, part, locale)).places.get(pcode);
	const refuse = (message: string) => new ValidationError([{ path: 'add', message }]);
	if (!pcode) return postedView(ctx, part, values, []);
	if (place?.retired) throw refuse(m.needs_error_pcode_retired({ pcode, name: place.name }, { locale }));
	if (!place) {
		const reason = (await explainPlaces(ctx.db, part.plan.countryId, [pcode])).get(pcode);
		const message =
			reason === 'other-country'
				? m.needs_error_pcode_other_country
				: reason === 'level'
					? m.needs_error_pcode_level
					: m.needs_error_pcode_unknown;
		throw refuse(message({ pcode }, { locale }));
	}
	return postedView(ctx, part, values, [], { add: pcode });
}

/**
 * The grid as the user posted it, with the messages of a refused save beside their cells. After a
 * conflict the grid starts from the latest revision, so that saving it again is a choice made
 * having seen what the other person changed.
 */
export async function postedView(
	ctx: Ctx,
	part: PlanPart,
	values: Record<string, unknown>,
	errors: FieldError[],
	options: { conflict?: boolean; add?: string } = {}
) {
	const context = await gridContext(ctx.db, part, ctx.locale);
	const post = readGridPost(values);
	const order = part.plan.sexAgeGroups.map((g) => post.cols.indexOf(g.code));
	const rows = post.rows.map((r) => ({
		...r,
		inNeed: order.map((j) => (j < 0 ? '' : r.inNeed[j]!)),
		targeted: order.map((j) => (j < 0 ? '' : r.targeted[j]!))
	}));
	const posted = Number(values.baseRevision);
	const base = options.conflict
		? ((await latestRevision(ctx.db, part.planCluster.id))?.number ?? 0)
		: Number.isInteger(posted) && posted >= 0
			? posted
			: 0;
	return buildGridView(context, rows, {
		places: options.add ? [options.add] : [],
		baseRevision: base,
		region: post.region,
		page: post.page,
		errors
	});
}

/** For the page: the plan part of a grid post, its writer's check made. */
export function partForGrid(ctx: Ctx, planId: string, clusterCode: string) {
	return findPlanPartForWrite(ctx, planId, clusterCode);
}
