/**
 * What a step of the sheet editor shows: the project around it, the step bar (each section with
 * what it still lacks), the coordinator's comment on the section if the project was returned, the
 * submission window, and what the step offers to choose from.
 */
import type { Ctx } from '../context';
import { authorize } from '../access/policy';
import { findProject } from './find';
import { editsProject, vetsProject, worksForOrganisation, type FoundProject, type Project } from './access';
import { readSheet, type Sheet } from './sheet';
import { sheetContext } from './edit';
import { sheetLabels } from './sheet-labels';
import { missingForSubmission } from './sheet-rules';
import { SHEET_SECTIONS, type SheetSection } from './sheet-schema';
import { getWindow } from './window';
import { listAttachments } from './attachments';
import { latestReturnComments, projectSetting, type ProjectSetting } from './project-page';
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
} from './sheet-choices';
import { labelIn, titleIn } from '$lib/plan-labels';
import { list, type FormValues } from '$lib/form-values';

/**
 * The project whose sheet the user opens: 404 if they may not see it, 403 if they see it without
 * working on it (a reviewer, an observer). Null once it can no longer change — submitted, or its
 * plan closed — where the page sends them back to the project.
 */
export async function findEditedProject(ctx: Ctx, id: string): Promise<FoundProject | null> {
	const p = await findProject(ctx, id);
	authorize(ctx.actor, worksForOrganisation(ctx.actor, p.organisationId) || vetsProject(ctx.actor, p));
	return editsProject(ctx.actor, p) ? p : null;
}

/** Each section with how many things it still lacks for submission, in the order of the steps. */
function stepBar(missing: { section: SheetSection }[]) {
	return SHEET_SECTIONS.map((section) => ({
		section,
		missing: missing.filter((item) => item.section === section).length
	}));
}

/** A step of the editor, for a project `findEditedProject` gave. */
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
			title: titleIn(p, locale),
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
					label: labelIn(q, locale),
					kind: q.kind,
					required: q.required,
					choices: q.choices.map((c) => ({
						code: c.code,
						label: labelIn(c, locale)
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
