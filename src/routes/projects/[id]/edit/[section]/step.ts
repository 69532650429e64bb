/**
 * What a step of the sheet editor shows: the project around it, the step bar (each section with
 * what it still lacks), the coordinator's comment on the section if the project was returned, the
 * submission window, and what the step offers to choose from.
 */
import { error, redirect } from '@sveltejs/kit';
import type { Ctx } from '$lib/server/context';
import { authorize } from '$lib/server/access/policy';
import { m } from '$lib/paraglide/messages';
import { findProject } from '$lib/server/projects/find';
import {
	isEditableStatus,
	vetsProject,
	worksForOrganisation,
	type Project
} from '$lib/server/projects/access';
import { readSheet, type Sheet } from '$lib/server/projects/sheet';
import { sheetContext } from '$lib/server/projects/edit';
import { sheetLabels } from '$lib/server/projects/sheet-labels';
import { missingForSubmission } from '$lib/server/projects/sheet-rules';
import { SHEET_SECTIONS, type SheetSection } from '$lib/server/projects/sheet-schema';
import { questionLabel } from '$lib/server/projects/questions';
import { getWindow } from '$lib/server/projects/window';
import { listAttachments } from '$lib/server/projects/attachments';
import { latestReturnComments, projectSetting, type ProjectSetting } from '$lib/server/projects/project-page';
import {
	findOrganisations,
	findPeople,
	frameworkChoices,
	organisationNames,
	organisationPeople,
	personNames,
	placeChoices,
	planClusterChoices,
	populationGroupChoices
} from '$lib/server/projects/sheet-choices';
import { list, type FormValues } from './form-values';
import type { FrameworkParents } from './step-form';

/** The section named in the address, or a 404. */
export function sectionOf(name: string, locale: 'fr' | 'en'): SheetSection {
	if (!(SHEET_SECTIONS as readonly string[]).includes(name)) error(404, m.error_not_found({}, { locale }));
	return name as SheetSection;
}

/**
 * The project, if the user may change its sheet: 404 if they may not see it, 403 if they see it
 * without working on it (a reviewer, an observer), and back to its page once it is submitted.
 */
export async function editedProject(ctx: Ctx, id: string): Promise<Project> {
	const p = await findProject(ctx, id);
	authorize(ctx.actor, worksForOrganisation(ctx.actor, p.organisationId) || vetsProject(ctx.actor, p));
	if (!isEditableStatus(p.status)) redirect(303, `/projects/${p.id}?locked`);
	return p;
}

/** Each section with how many things it still lacks for submission, in the order of the steps. */
function stepBar(missing: { section: SheetSection }[]) {
	return SHEET_SECTIONS.map((section) => ({
		section,
		missing: missing.filter((item) => item.section === section).length
	}));
}

export async function readStep(ctx: Ctx, p: Project, section: SheetSection) {
	const db = ctx.db;
	const locale = ctx.locale;
	const sheet = await readSheet(db, p);
	const [setting, context, comments, window] = await Promise.all([
		projectSetting(db, p, locale),
		sheetContext(db, p, locale),
		latestReturnComments(db, p),
		getWindow(db, p.planId, p.clusterId)
	]);
	const missing = missingForSubmission(sheet, context);
	return {
		project: {
			id: p.id,
			code: p.code,
			title: locale === 'en' && p.titleEn ? p.titleEn : p.titleFr,
			status: p.status,
			revision: p.revision
		},
		...setting,
		section,
		sheet,
		steps: stepBar(missing),
		missing: missing.filter((item) => item.section === section),
		comment: comments.find((c) => c.section === section) ?? null,
		commented: comments.map((c) => c.section),
		window,
		choices: await stepChoices(ctx, p, section, sheet, setting, context.questions)
	};
}

export type Step = Awaited<ReturnType<typeof readStep>>;

/** What the step offers to choose from. */
async function stepChoices(
	ctx: Ctx,
	p: Project,
	section: SheetSection,
	sheet: Sheet,
	setting: ProjectSetting,
	questions: Awaited<ReturnType<typeof sheetContext>>['questions']
) {
	const db = ctx.db;
	const locale = ctx.locale;
	const clusterIds = sheet.clusters.length ? sheet.clusters.map((c) => c.clusterId) : [p.clusterId];
	switch (section) {
		case 'general':
			return { section, partners: await organisationNames(db, sheet.partnerIds) };
		case 'clusters':
			return { section, clusters: await planClusterChoices(db, p.planId, p.clusterId, locale) };
		case 'framework': {
			const labels = await sheetLabels(db, { ...sheet, partnerIds: [], contactIds: [] });
			return {
				section,
				objectives: await frameworkChoices(db, p.planId, clusterIds, locale),
				places: sheet.places.map((place) => ({
					id: place.locationId,
					name: labels[place.locationId] ?? place.locationId
				}))
			};
		}
		case 'places':
			return {
				section,
				regions: await placeChoices(
					db,
					setting.plan.countryId,
					sheet.places.map((place) => place.locationId)
				)
			};
		case 'beneficiaries':
			return {
				section,
				groups: await populationGroupChoices(db, clusterIds, locale),
				placesTotal: sheet.places.reduce((sum, place) => sum + place.peopleTargeted, 0)
			};
		case 'budget':
			return { section };
		case 'questions':
			return {
				section,
				questions: questions.map((q) => ({
					id: q.id,
					label: questionLabel(q, locale),
					kind: q.kind,
					required: q.required,
					choices: q.choices.map((c) => ({
						code: c.code,
						label: locale === 'en' && c.labelEn ? c.labelEn : c.labelFr
					}))
				}))
			};
		case 'contacts':
			return {
				section,
				contacts: await personNames(db, sheet.contactIds),
				staff: await organisationPeople(db, p.organisationId)
			};
		case 'attachments':
			return { section, attachments: await listAttachments(ctx, p.id) };
	}
}

/** The framework's items with the item above each: what `inputFromForm` adds to a choice. */
export function frameworkParents(step: Step): FrameworkParents {
	const parents: FrameworkParents = {};
	if (step.choices.section !== 'framework') return parents;
	for (const o of step.choices.objectives)
		for (const a of o.activities) {
			parents[a.id] = o.id;
			for (const i of a.indicators) parents[i.id] = a.id;
		}
	return parents;
}

/**
 * The names of the organisations (general step) or people (contacts step) a posted form holds,
 * and what a search found: a form sent back shows every choice with its name.
 */
export async function directoryChoices(ctx: Ctx, section: SheetSection, values: FormValues, search: boolean) {
	const q = search
		? String(values.find ?? '')
				.trim()
				.slice(0, 200)
		: '';
	if (section === 'general')
		return {
			chosen: await organisationNames(ctx.db, list(values.partnerIds)),
			found: q ? await findOrganisations(ctx.db, q) : [],
			q
		};
	if (section === 'contacts')
		return {
			chosen: await personNames(ctx.db, list(values.contactIds)),
			found: q ? await findPeople(ctx.db, q) : [],
			q
		};
	return null;
}
