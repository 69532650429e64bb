/**
 * Saving needs figures as a new revision: from the API's JSON rows here, from the grid's form in
 * grid-form.ts, from a file in import.ts — all through `saveChecked`, so all refuse the same
 * mistakes with the same words.
 */
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { ValidationError, type FieldError } from '../../errors';
import type { Locale } from '../../i18n';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { findPlanPartForWrite, type PlanPart } from '../access';
import { checkRows, type Candidate, type CheckContext, type CheckResult, type NeedIssue } from './check-rows';
import { placesOfCountry } from './places';
import { groupsOfCluster } from './population-groups';
import { saveNeedsInput } from './schema';
import { writeRevision, type RevisionMeta } from './write-revision';

/** Only warnings stand in the way: the same save with `confirm` goes through. */
export class UnconfirmedWarnings extends ValidationError {}

export async function checkContext(db: Executor, part: PlanPart, locale: Locale): Promise<CheckContext> {
	const [places, groups] = [
		await placesOfCountry(db, part.plan.countryId),
		await groupsOfCluster(db, part.cluster.id)
	];
	return { countryId: part.plan.countryId, places, groups, sexAgeGroups: part.plan.sexAgeGroups, locale };
}

export interface SaveRequest {
	meta: RevisionMeta;
	baseRevision: number;
	confirm: boolean;
	/** Audit details of where the figures came from (an import's file). */
	audit?: Record<string, unknown>;
}

/** Checks the rows and writes them, or throws: errors first, then warnings not confirmed. */
export async function saveChecked(
	ctx: Ctx,
	part: PlanPart,
	request: SaveRequest,
	candidates: Candidate[],
	pathOf: (issue: NeedIssue, candidates: Candidate[]) => string,
	options: { warnRows?: number; inputErrors?: FieldError[] } = {}
) {
	const context = await checkContext(ctx.db, part, ctx.locale);
	const result = await checkRows(ctx.db, context, candidates);
	if (options.warnRows !== undefined)
		result.warnings = result.warnings.filter((w) => w.row < options.warnRows!);
	assertSavable(
		result,
		request.confirm,
		ctx.locale,
		(issue) => pathOf(issue, candidates),
		options.inputErrors
	);
	return writeRevision(ctx, part, context.places, { ...request, rows: result.rows });
}

export function assertSavable(
	result: CheckResult,
	confirmed: boolean,
	locale: Locale,
	pathOf: (issue: NeedIssue) => string,
	inputErrors: FieldError[] = []
) {
	const errors = (issues: NeedIssue[]): FieldError[] =>
		issues.map((issue) => ({ path: pathOf(issue), message: issue.message }));
	if (inputErrors.length || result.errors.length)
		throw new ValidationError([...inputErrors, ...errors(result.errors)]);
	if (result.warnings.length && !confirmed)
		throw new UnconfirmedWarnings([
			{ path: 'confirm', message: m.needs_warning_confirm({ count: result.warnings.length }, { locale }) },
			...errors(result.warnings)
		]);
}

/** The API's save: `rows.3.inNeed.girls` names a cell of the body. */
export async function saveNeeds(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const { baseRevision, confirm, rows, ...meta } = parseInput(saveNeedsInput, input, ctx.locale);
	const candidates = rows.map((r, i) => ({ line: i + 1, ...r }));
	return saveChecked(ctx, part, { meta, baseRevision, confirm }, candidates, (issue) => {
		const field = issue.field;
		const at = `rows.${issue.row}`;
		return field.kind === 'cell'
			? `${at}.${field.part}.${field.code}`
			: field.kind === 'row'
				? at
				: `${at}.${field.kind}`;
	});
}
