import { error, fail, isActionFailure, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { Ctx } from '$lib/server/context';
import { load as guard, submit, type FormFailure } from '$lib/server/forms';
import { ValidationError } from '$lib/server/errors';
import { updateSheet } from '$lib/server/projects/edit';
import { directoryChoices, findEditedProject, readStep } from '$lib/server/projects/edit-step';
import { SHEET_SECTIONS, type SheetSection } from '$lib/server/projects/sheet-schema';
import { m } from '$lib/paraglide/messages';
import { text, type FormValues } from '$lib/form-values';
import {
	MORE_BUDGET_ROWS,
	beneficiaryTotals,
	budgetRowCount,
	budgetSumCents,
	errorsOnFields,
	formFromSheet,
	frameworkParents,
	inputFromForm,
	type EditedSection
} from './step-form';

/** The section named in the address, or a 404. */
function sectionOf(name: string, locale: 'fr' | 'en'): SheetSection {
	if (!(SHEET_SECTIONS as readonly string[]).includes(name)) error(404, m.error_not_found({}, { locale }));
	return name as SheetSection;
}

/** The project if its sheet may change now; back to its page once it may not (submitted, plan closed). */
async function editedProject(ctx: Ctx, id: string) {
	const p = await findEditedProject(ctx, id);
	if (!p) redirect(303, `/projects/${id}?locked`);
	return p;
}

/** Sums and row counts the step shows, from the values in its fields (stored or as posted). */
function view(section: SheetSection, values: FormValues) {
	if (section === 'budget') return { rows: budgetRowCount(values), sumCents: budgetSumCents(values) };
	if (section === 'beneficiaries') return { totals: beneficiaryTotals(values) };
	return {};
}

const nextOf = (section: SheetSection) => SHEET_SECTIONS[SHEET_SECTIONS.indexOf(section) + 1];

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const section = sectionOf(event.params.section, ctx.locale);
		const p = await editedProject(ctx, event.params.id);
		// The stored sheet goes out as the form's fields only.
		const { sheet, ...shown } = await readStep(ctx, p, section);
		const values =
			section === 'attachments' ? {} : formFromSheet(section as EditedSection, sheet, ctx.locale);
		return {
			...shown,
			values: { ...values, revision: String(p.revision) },
			view: view(section, values),
			directory: await directoryChoices(ctx, section, values, false),
			next: nextOf(section) ?? null,
			saved: event.url.searchParams.has('saved')
		};
	});

export const actions: Actions = {
	/**
	 * One form per step. `then` says what its button asks: save and go on (`next`, also the Enter
	 * key's), save and stay (`stay`), or only show the form again with more budget rows (`more`) or
	 * what a directory search found (`find`) — nothing saved, what was typed kept.
	 */
	default: async (event) => {
		const { ctx } = event.locals;
		const section = sectionOf(event.params.section, ctx.locale);
		const result = await submit(event, async (values) => {
			// Enter in the search box presses the form's first button, "save and go on": a search typed
			// and not yet run is what the user asked for.
			const typedSearch = text(values.find) !== '' && text(values.find) !== text(values.searched);
			const then = text(values.then) === 'next' && typedSearch ? 'find' : text(values.then);
			const p = await editedProject(ctx, event.params.id);
			if (section === 'attachments') redirect(303, `/projects/${p.id}`);
			if (then === 'more' || then === 'find') {
				const rows = then === 'more' ? budgetRowCount(values) + MORE_BUDGET_ROWS : undefined;
				const shown = rows ? { ...values, rows: String(rows) } : values;
				return {
					values: shown,
					view: view(section, shown),
					directory: await directoryChoices(ctx, section, values, then === 'find'),
					errors: []
				};
			}
			const parents =
				section === 'framework' ? frameworkParents((await readStep(ctx, p, section)).choices) : {};
			const step = inputFromForm(section as EditedSection, values, { parents, locale: ctx.locale });
			if (step.errors.length) throw new ValidationError(step.errors);
			const revision = Number(text(values.revision));
			try {
				await updateSheet(
					ctx,
					p.id,
					step.input,
					text(values.revision) && Number.isInteger(revision) ? revision : undefined
				);
			} catch (e) {
				if (e instanceof ValidationError) throw new ValidationError(errorsOnFields(e.errors, step.fields));
				throw e;
			}
			const next = nextOf(section);
			redirect(
				303,
				then === 'next' && next ? `/projects/${p.id}/edit/${next}` : `/projects/${p.id}/edit/${section}?saved`
			);
		});
		const refused: unknown = result;
		if (!isActionFailure(refused)) return result;
		// A refused save comes back with what was typed, its sums, and the names of the chosen.
		const data = refused.data as unknown as FormFailure;
		const values = data.values;
		return fail(refused.status, {
			...data,
			view: view(section, values),
			directory: await directoryChoices(ctx, section, values, false)
		});
	}
};
