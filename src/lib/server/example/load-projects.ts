/**
 * Loads the example's projects (data/projects.ts) into the example's transaction THROUGH the projects
 * module's operations, as the example's users would have done it: the coordinator sets the review
 * criteria and opens the submission window, partners (or the coordinator for a partner without an
 * account) create and fill in sheets and submit them, the coordinator starts reviews, assigns
 * reviewers, returns, approves, rejects and publishes, reviewers score. So statuses, versions,
 * transitions, section comments, audit events and mails are the real ones. The mail stays in the
 * outbox: the example sets `mail.hold` before this runs, and every recipient is an example account.
 *
 * The steps run in the order of their dates (October–November 2016), passed as `now` where an
 * operation takes one (window, moves). Operations that do not take one stamp the transaction's time;
 * after each step the rows it made are dated to the step's day (`dateStep`), so that the history
 * users read tells the story. Audit events keep the time of the load: they record what the loader did.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context';
import type { Database, Executor } from '../db/client';
import {
	activity,
	clusterObjective,
	indicator,
	location,
	person,
	plan,
	planCluster,
	populationGroup,
	project,
	projectReview,
	projectSectionComment,
	projectTransition,
	projectVersion,
	reviewCriterion,
	strategicObjective,
	user
} from '../db/schema';
import { loadActor } from '../access/actor';
import { DEFAULT_SEX_AGE_GROUPS } from '../plans/defaults';
import { activityCode, indicatorCode } from '../plans/framework/codes';
import { createProject, updateSheet } from '../projects/edit';
import { openWindow } from '../projects/window';
import { moveProject } from '../projects/workflow';
import { useDefaultCriteria } from '../projects/reviews/criteria';
import { assignReviewer } from '../projects/reviews/assignments';
import { saveMyReview } from '../projects/reviews/scoring';
import { EXAMPLE_PLAN } from './data/plan';
import {
	EXAMPLE_COORDINATOR,
	EXAMPLE_PROJECTS,
	EXAMPLE_WINDOW,
	type ExampleProject,
	type ExampleSheet,
	type ExampleStep
} from './data/projects';

/** Anything stamped after this was stamped by the load, not by the story. */
const STORY_ENDS = new Date('2017-01-01T00:00:00Z');

export async function loadExampleProjects(
	tx: Executor,
	{ clusterId, orgId, publicUrl }: { clusterId: string; orgId: (key: string) => string; publicUrl: string }
): Promise<{ projects: number }> {
	const db = tx as unknown as Database;
	const [planRow] = await tx
		.select({ id: plan.id })
		.from(plan)
		.where(and(eq(plan.year, EXAMPLE_PLAN.year), eq(plan.titleFr, EXAMPLE_PLAN.titleFr)));
	if (!planRow) throw new Error('example projects: the example plan is not loaded');
	const planId = planRow.id;

	const contexts = new Map<string, Ctx>();
	const as = async (email: string): Promise<Ctx> => {
		const known = contexts.get(email);
		if (known) return known;
		const [account] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
		const actor = account ? await loadActor(tx, account.id) : null;
		if (!actor) throw new Error(`example projects: no account ${email}`);
		const ctx: Ctx = { db, actor, locale: 'fr' };
		contexts.set(email, ctx);
		return ctx;
	};
	const coordinator = await as(EXAMPLE_COORDINATOR);

	const ids = await lookups(tx, planId, clusterId, orgId);

	const opened = new Date(EXAMPLE_WINDOW.openedAt);
	const criteria = await useDefaultCriteria(coordinator, clusterId);
	await tx
		.update(reviewCriterion)
		.set({ createdAt: opened })
		.where(
			inArray(
				reviewCriterion.id,
				criteria.map((c) => c.id)
			)
		);
	await openWindow(coordinator, planId, 'ER', { deadline: EXAMPLE_WINDOW.deadline }, opened);

	// Every step of every project, in the order of their dates (a stable sort keeps a project's order).
	const steps = EXAMPLE_PROJECTS.flatMap((p, index) => p.story.map((step) => ({ index, step }))).sort(
		(a, b) => a.step.on.localeCompare(b.step.on)
	);
	const projectIds: string[] = [];
	for (const { index, step } of steps) {
		const example = EXAMPLE_PROJECTS[index]!;
		const at = new Date(step.on);
		if (step.step === 'create') {
			const created = await createProject(await as(example.editor), {
				planId,
				clusterId,
				organisationId: orgId(example.organisation),
				titleFr: example.sheet.titleFr,
				titleEn: example.sheet.titleEn
			});
			projectIds[index] = created.id;
		} else {
			const projectId = projectIds[index];
			if (!projectId)
				throw new Error(`example projects: "${example.sheet.titleFr}" used before it is created`);
			await playStep(step, projectId, example, {
				as,
				coordinator,
				publicUrl,
				sheetInput: (sheet) => sheetInput(sheet, ids),
				criterionIds: criteria.map((c) => c.id)
			});
		}
		await dateStep(tx, projectIds[index]!, step.step, at);
	}
	return { projects: EXAMPLE_PROJECTS.length };
}

interface StepTools {
	as: (email: string) => Promise<Ctx>;
	coordinator: Ctx;
	publicUrl: string;
	sheetInput: (sheet: ExampleSheet) => Record<string, unknown>;
	criterionIds: string[];
}

async function playStep(step: ExampleStep, projectId: string, example: ExampleProject, tools: StepTools) {
	const { as, coordinator, publicUrl } = tools;
	const now = new Date(step.on);
	switch (step.step) {
		case 'create':
			return;
		case 'fill': {
			const sheet = step.sheet === 'first' ? { ...example.sheet, ...example.firstSheet } : example.sheet;
			await updateSheet(await as(example.editor), projectId, tools.sheetInput(sheet));
			return;
		}
		case 'submit':
		case 'request-withdrawal':
			await moveProject(
				await as(example.editor),
				projectId,
				step.step,
				{ comment: 'comment' in step ? step.comment : '' },
				publicUrl,
				now
			);
			return;
		case 'start-review':
		case 'reopen':
			await moveProject(coordinator, projectId, step.step, {}, publicUrl, now);
			return;
		case 'approve':
		case 'reject':
		case 'publish':
			await moveProject(coordinator, projectId, step.step, { comment: step.comment }, publicUrl, now);
			return;
		case 'return':
			await moveProject(
				coordinator,
				projectId,
				'return',
				{ comment: step.comment, sections: step.sections },
				publicUrl,
				now
			);
			return;
		case 'assign':
			for (const reviewer of step.reviewers) {
				const reviewerCtx = await as(reviewer);
				await assignReviewer(coordinator, projectId, { userId: reviewerCtx.actor!.userId }, publicUrl);
			}
			return;
		case 'review': {
			const scores = Object.fromEntries(
				step.scores.flatMap((score, i) => (score === null ? [] : [[tools.criterionIds[i]!, score]]))
			);
			await saveMyReview(await as(step.reviewer), projectId, {
				scores,
				comment: step.comment,
				recommendation: step.recommendation,
				submit: step.handIn
			});
			return;
		}
	}
}

/**
 * Dates what the step just stamped with the load's time to the step's day: the rows each kind of step
 * makes (anything stamped after the story ends was stamped by the load). Moves date the project and
 * its withdrawal request themselves (`now`).
 */
async function dateStep(tx: Executor, projectId: string, step: ExampleStep['step'], at: Date) {
	const since = (column: PgColumn) => gt(column, STORY_ENDS);
	const ofProject = (column: PgColumn) => eq(column, projectId);
	const transition = () =>
		tx
			.update(projectTransition)
			.set({ at })
			.where(and(ofProject(projectTransition.projectId), since(projectTransition.at)));
	switch (step) {
		case 'create':
			await tx.update(project).set({ createdAt: at, updatedAt: at }).where(ofProject(project.id));
			return transition();
		case 'fill':
			await tx.update(project).set({ updatedAt: at }).where(ofProject(project.id));
			return;
		case 'submit':
			await tx
				.update(projectVersion)
				.set({ createdAt: at })
				.where(and(ofProject(projectVersion.projectId), since(projectVersion.createdAt)));
			return transition();
		case 'return':
			await tx
				.update(projectSectionComment)
				.set({ createdAt: at })
				.where(and(ofProject(projectSectionComment.projectId), since(projectSectionComment.createdAt)));
			return transition();
		case 'start-review':
		case 'approve':
		case 'reject':
		case 'publish':
			return transition();
		case 'assign':
			return tx
				.update(projectReview)
				.set({ assignedAt: at, updatedAt: at })
				.where(and(ofProject(projectReview.projectId), since(projectReview.assignedAt)));
		case 'review':
			// Saved as it goes, or handed in: either way the review was last touched on that day.
			return tx
				.update(projectReview)
				.set({
					updatedAt: at,
					submittedAt: sql`case when ${projectReview.submittedAt} > ${STORY_ENDS} then ${at} else ${projectReview.submittedAt} end`
				})
				.where(and(ofProject(projectReview.projectId), since(projectReview.updatedAt)));
		case 'reopen':
		case 'request-withdrawal':
			return;
	}
}

interface Lookups {
	organisation: (key: string) => string;
	place: (pcode: string) => string;
	group: (code: string) => string;
	person: (email: string) => string;
	activity: (code: string) => { id: string; objectiveId: string };
	indicator: (code: string) => string;
}

/** The ids behind the data's keys, codes, P-codes and addresses; an unknown one is a mistake in the data. */
async function lookups(
	tx: Executor,
	planId: string,
	clusterId: string,
	orgId: (key: string) => string
): Promise<Lookups> {
	const places = new Set<string>();
	const emails = new Set<string>();
	for (const { sheet } of EXAMPLE_PROJECTS) {
		for (const p of sheet.places ?? []) places.add(p.place);
		for (const t of sheet.targets ?? []) places.add(t.place);
		for (const e of sheet.contacts ?? []) emails.add(e);
	}
	const placeRows = await tx
		.select({ id: location.id, pcode: location.pcode })
		.from(location)
		.where(inArray(location.pcode, [...places]));
	const personRows = await tx
		.select({ id: person.id, email: person.email })
		.from(person)
		.where(inArray(person.email, [...emails]));
	const groupRows = await tx
		.select({ id: populationGroup.id, code: populationGroup.code })
		.from(populationGroup)
		.where(eq(populationGroup.clusterId, clusterId));
	// The framework's codes, read one query after another: a transaction's queries may not overlap.
	const framework = await tx
		.select({
			objectiveId: clusterObjective.id,
			so: strategicObjective.number,
			co: clusterObjective.number,
			activityId: activity.id,
			a: activity.number,
			indicatorId: indicator.id,
			i: indicator.number
		})
		.from(clusterObjective)
		.innerJoin(planCluster, eq(planCluster.id, clusterObjective.planClusterId))
		.innerJoin(strategicObjective, eq(strategicObjective.id, clusterObjective.strategicObjectiveId))
		.innerJoin(activity, eq(activity.clusterObjectiveId, clusterObjective.id))
		.leftJoin(indicator, eq(indicator.activityId, activity.id))
		.where(and(eq(planCluster.planId, planId), eq(planCluster.clusterId, clusterId)));
	const activities = new Map<string, { id: string; objectiveId: string }>();
	const indicators = new Map<string, string>();
	for (const row of framework) {
		activities.set(activityCode(row.so, row.co, row.a), { id: row.activityId, objectiveId: row.objectiveId });
		if (row.indicatorId) indicators.set(indicatorCode(row.so, row.co, row.a, row.i!), row.indicatorId);
	}
	const finder =
		<T>(what: string, map: Map<string, T>) =>
		(key: string): T => {
			const found = map.get(key);
			if (found === undefined) throw new Error(`example projects: unknown ${what} ${key}`);
			return found;
		};
	return {
		organisation: orgId,
		place: finder('place', new Map(placeRows.map((r) => [r.pcode, r.id]))),
		group: finder('population group', new Map(groupRows.map((r) => [r.code, r.id]))),
		person: finder('person', new Map(personRows.map((r) => [r.email ?? '', r.id]))),
		activity: finder('activity', activities),
		indicator: finder('indicator', indicators)
	};
}

/** The sheet as the sheet editor would post it: only the fields the data fills in. */
function sheetInput(sheet: ExampleSheet, ids: Lookups): Record<string, unknown> {
	const input: Record<string, unknown> = { titleFr: sheet.titleFr, titleEn: sheet.titleEn ?? null };
	const set = <T>(field: string, value: T | undefined, map: (v: T) => unknown = (v) => v) => {
		if (value !== undefined) input[field] = map(value);
	};
	set('objectives', sheet.objectives);
	set('description', sheet.description);
	set('startsOn', sheet.startsOn);
	set('endsOn', sheet.endsOn);
	set('genderAgeMarker', sheet.genderAgeMarker);
	set('partnerIds', sheet.partners, (keys) => keys.map(ids.organisation));
	set('activityIds', sheet.activities, (codes) => codes.map((code) => ids.activity(code).id));
	set('objectiveIds', sheet.activities, (codes) => [
		...new Set(codes.map((code) => ids.activity(code).objectiveId))
	]);
	set('targets', sheet.targets, (targets) =>
		targets.map((t) => ({
			indicatorId: ids.indicator(t.indicator),
			locationId: ids.place(t.place),
			value: t.value
		}))
	);
	set('places', sheet.places, (places) =>
		places.map((p) => ({ locationId: ids.place(p.place), peopleTargeted: p.peopleTargeted }))
	);
	set('beneficiaries', sheet.beneficiaries, (rows) =>
		rows.map((row) => ({
			populationGroupId: ids.group(row.group),
			values: Object.fromEntries(DEFAULT_SEX_AGE_GROUPS.map((g, i) => [g.code, row.counts[i]!]))
		}))
	);
	set('budgetLines', sheet.budgetLines, (lines) =>
		lines.map((l) => ({ category: l.category, description: l.description, amountUsd: l.amountUsd }))
	);
	// The partner states the total; the sheet refuses it unless the lines add up to it.
	set('budgetUsd', sheet.budgetLines, (lines) => lines.reduce((sum, l) => sum + l.amountUsd, 0));
	set('contactIds', sheet.contacts, (emails) => emails.map(ids.person));
	return input;
}
