import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type { BudgetCategory, GenderAgeMarker } from '$lib/server/db/schema';
import type { SheetSection } from '$lib/server/projects/sheet-schema';
import type { ProjectMove } from '$lib/server/projects/workflow';

/** The sheet's sections as headings (the project page, the versions) … */
export const sectionLabel = labelOf<SheetSection>({
	general: m.projectpage_section_general,
	clusters: m.projectpage_section_clusters,
	framework: m.projectpage_section_framework,
	places: m.projectpage_section_places,
	beneficiaries: m.projectpage_section_beneficiaries,
	budget: m.projectpage_section_budget,
	questions: m.projectpage_section_questions,
	contacts: m.projectpage_section_contacts,
	attachments: m.projectpage_section_attachments
});

/** … and as the editor's step bar names them, shorter. */
export const stepLabel = labelOf<SheetSection>({
	general: m.projectpage_step_general,
	clusters: m.projectpage_step_clusters,
	framework: m.projectpage_step_framework,
	places: m.projectpage_step_places,
	beneficiaries: m.projectpage_step_beneficiaries,
	budget: m.projectpage_step_budget,
	questions: m.projectpage_step_questions,
	contacts: m.projectpage_step_contacts,
	attachments: m.projectpage_step_attachments
});

/** The kinds of budget lines, in the order of the select box (types only from the schema: pages import this). */
const categories: Record<BudgetCategory, () => string> = {
	staff: m.projectpage_category_staff,
	supplies: m.projectpage_category_supplies,
	equipment: m.projectpage_category_equipment,
	contractual: m.projectpage_category_contractual,
	travel: m.projectpage_category_travel,
	transfers: m.projectpage_category_transfers,
	operating: m.projectpage_category_operating,
	support: m.projectpage_category_support
};
export const budgetCategoryLabel = labelOf<BudgetCategory>(categories);
export const BUDGET_CATEGORY_ORDER = Object.keys(categories) as BudgetCategory[];

/** The IASC Gender with Age Marker codes, strongest first. */
const markers: Record<GenderAgeMarker, () => string> = {
	'4T': m.projectpage_marker_4t,
	'4M': m.projectpage_marker_4m,
	'3T': m.projectpage_marker_3t,
	'3M': m.projectpage_marker_3m,
	'2T': m.projectpage_marker_2t,
	'2M': m.projectpage_marker_2m,
	'1T': m.projectpage_marker_1t,
	'1M': m.projectpage_marker_1m,
	'0': m.projectpage_marker_0,
	NA: m.projectpage_marker_na
};
export const markerLabel = labelOf<GenderAgeMarker>(markers);
export const MARKER_ORDER = Object.keys(markers) as GenderAgeMarker[];

/** The buttons of the workflow's moves. */
export const moveLabel = labelOf<ProjectMove>({
	submit: m.projectpage_move_submit,
	'start-review': m.projectpage_move_start_review,
	return: m.projectpage_move_return,
	approve: m.projectpage_move_approve,
	reject: m.projectpage_move_reject,
	publish: m.projectpage_move_publish,
	'request-withdrawal': m.projectpage_move_request_withdrawal,
	'confirm-withdrawal': m.projectpage_move_confirm_withdrawal,
	'decline-withdrawal': m.projectpage_move_decline_withdrawal,
	reopen: m.projectpage_move_reopen
});

/** What the page says once a move is made. */
export const movedLabel = labelOf<ProjectMove>({
	submit: m.projectpage_moved_submit,
	'start-review': m.projectpage_moved_start_review,
	return: m.projectpage_moved_return,
	approve: m.projectpage_moved_approve,
	reject: m.projectpage_moved_reject,
	publish: m.projectpage_moved_publish,
	'request-withdrawal': m.projectpage_moved_request_withdrawal,
	'confirm-withdrawal': m.projectpage_moved_confirm_withdrawal,
	'decline-withdrawal': m.projectpage_moved_decline_withdrawal,
	reopen: m.projectpage_moved_reopen
});

/** What the reader calls an id of the sheet: its English name where it has one (sheet-labels.ts). */
export const sheetName = (labels: Record<string, string>, id: string, locale: string) =>
	(locale === 'en' ? labels[`en:${id}`] : undefined) ?? labels[id] ?? id;
