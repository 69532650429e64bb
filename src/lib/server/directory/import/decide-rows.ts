import { editsOrganisation } from '../../access/policy';
import { ValidationError } from '../../errors';
import type { Locale } from '../../i18n';
import type { CheckedRow } from './check-rows';
import type { Match } from './find-matches';
import type { Plan } from './plan-import';
import type { ImportOptions } from './schema';
import type { WritePlan } from './write-import';
import { m } from '$lib/paraglide/messages';

/** What to do with a valid row: create a record, leave the row out, or complete a stored record. */
export type Decision = 'create' | 'skip' | `update:${string}`;

/** Whether the actor may update this stored record: any organisation; a person of an organisation they edit. */
export function editable(plan: Plan, match: Match): boolean {
	return plan.kind === 'organisations' || editsOrganisation(plan.actor, match.organisationId);
}

/** Update the likeliest match when it is surely the same record and the user may change it; else create. */
export function defaultDecision(plan: Plan, matches: Match[]): Decision {
	const best = matches[0];
	return best && best.exact && editable(plan, best) ? `update:${best.id}` : 'create';
}

/**
 * The decision for each valid row: the user's, checked against the row's matches, or the default.
 * A decision for a row that is not valid is ignored (the row is not imported anyway).
 */
export function decide(
	plan: Plan,
	choices: ImportOptions['decisions'],
	locale: Locale
): Map<number, Decision> {
	const decisions = new Map<number, Decision>();
	const errors = [];
	const given = new Map(
		Object.entries(choices ?? {}).map(([row, value]) => [Number(row), value.toLowerCase()])
	);
	for (const { row } of plan.checked.valid) {
		const matches = plan.matches.get(row) ?? [];
		const choice = given.get(row);
		if (choice === undefined) {
			decisions.set(row, defaultDecision(plan, matches));
			continue;
		}
		if (choice === 'create' || choice === 'skip') {
			decisions.set(row, choice);
			continue;
		}
		const wanted =
			choice === 'update'
				? (matches.find((mt) => mt.exact) ?? matches[0])
				: matches.find((mt) => `update:${mt.id}` === choice);
		if (!wanted) {
			errors.push({ path: `decisions.${row}`, message: m.imports_error_no_match({ row }, { locale }) });
			continue;
		}
		if (!editable(plan, wanted)) {
			errors.push({
				path: `decisions.${row}`,
				message: m.imports_error_not_editable({ row, name: wanted.name }, { locale })
			});
			continue;
		}
		decisions.set(row, `update:${wanted.id}`);
	}
	if (errors.length) throw new ValidationError(errors);
	return decisions;
}

export function toWritePlan<T>(valid: CheckedRow<T>[], decisions: Map<number, Decision>): WritePlan<T> {
	const creates: CheckedRow<T>[] = [];
	const updates = new Map<string, CheckedRow<T>[]>();
	for (const row of valid) {
		const decision = decisions.get(row.row)!;
		if (decision === 'skip') continue;
		if (decision === 'create') creates.push(row);
		else {
			const id = decision.slice('update:'.length);
			updates.set(id, [...(updates.get(id) ?? []), row]);
		}
	}
	return { creates, updates: [...updates].map(([id, rows]) => ({ id, rows })) };
}
