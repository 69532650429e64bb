/**
 * Creating a project and saving its sheet. Every save locks the project, refuses a save made on an
 * older revision naming what changed since and who changed it, checks the whole sheet against the
 * plan, and stores it with an audit event of the fields it changed.
 */
import { and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { whereAlpha2 } from 'iso-3166-1';
import type { Ctx } from '../context';
import type { Actor } from '../access/actor';
import type { Executor } from '../db/client';
import {
	auditEvent,
	cluster,
	location,
	organisation,
	plan,
	planCluster,
	planQuestion,
	project,
	projectCluster,
	projectCounter,
	projectTransition
} from '../db/schema';
import { authorize } from '../access/policy';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { assertOpen, findPlan, type Plan } from '../plans/access';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import {
	isEditableStatus,
	vetsProject,
	worksForOrganisation,
	type FoundProject,
	type Project
} from './access';
import { findProject } from './find';
import { changedFields, readSheet, storeSheet, type Sheet } from './sheet';
import { newProjectInput, SECTION_FIELDS, sheetPatch, type SheetPatch } from './sheet-schema';
import { checkSheet } from './sheet-rules';
import { carriedSheet } from './carry-over';
import { normaliseAnswers } from './questions';

/** Starts a draft in a plan's cluster for an organisation: its focal points, or the cluster's coordinators. */
export async function createProject(ctx: Ctx, input: unknown): Promise<Project> {
	const values = parseInput(newProjectInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const p = await findPlan(ctx, values.planId, tx);
		authorize(
			ctx.actor,
			worksForOrganisation(ctx.actor, values.organisationId) ||
				vetsProject(ctx.actor, { clusterId: values.clusterId })
		);
		assertOpen(p, ctx.locale);
		const [part] = await tx
			.select({ code: cluster.code })
			.from(planCluster)
			.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
			.where(and(eq(planCluster.planId, p.id), eq(planCluster.clusterId, values.clusterId)));
		if (!part)
			throw new ValidationError([
				{ path: 'clusterId', message: m.projects_error_cluster_not_in_plan({}, { locale: ctx.locale }) }
			]);
		const [org] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.id, values.organisationId));
		if (!org)
			throw new ValidationError([
				{ path: 'organisationId', message: m.projects_error_organisation({}, { locale: ctx.locale }) }
			]);

		const number = await nextNumber(tx, p.id, values.clusterId);
		const [created] = await tx
			.insert(project)
			.values({
				code: await projectCode(tx, p, part.code, number),
				planId: p.id,
				clusterId: values.clusterId,
				number,
				organisationId: values.organisationId,
				titleFr: values.titleFr,
				titleEn: values.titleEn,
				carriedFromId: values.carriedFromId ?? null,
				createdByUserId: ctx.actor.userId
			})
			.returning();
		await tx
			.insert(projectCluster)
			.values({ projectId: created!.id, clusterId: values.clusterId, sharePercent: '100.00' });
		let row = created!;
		if (values.carriedFromId) {
			const source = await findProject(ctx, values.carriedFromId, tx);
			const sheet = await carriedSheet(tx, source, row, p, ctx.locale);
			row = await storeSheet(tx, row, {
				...sheet,
				titleFr: values.titleFr,
				titleEn: values.titleEn ?? sheet.titleEn
			});
		}
		await tx.insert(projectTransition).values({
			projectId: row.id,
			toStatus: 'draft',
			actorUserId: ctx.actor.userId,
			actorLabel: ctx.actor.name || ctx.actor.email
		});
		await recordAudit(tx, ctx.actor, {
			action: 'project.create',
			entityType: 'project',
			entityId: row.id,
			after: row
		});
		return row;
	});
}

/** The next number of a plan's cluster, handed out by one statement (two partners never get the same). */
export async function nextNumber(db: Executor, planId: string, clusterId: string): Promise<number> {
	const [row] = await db
		.insert(projectCounter)
		.values({ planId, clusterId, last: 1 })
		.onConflictDoUpdate({
			target: [projectCounter.planId, projectCounter.clusterId],
			set: { last: sql`${projectCounter.last} + 1` }
		})
		.returning({ last: projectCounter.last });
	return row!.last;
}

/** `MLI-17/ER/0001`: the country's ISO code, the plan's year on two digits, the cluster, the number. */
async function projectCode(db: Executor, p: Plan, clusterCode: string, number: number): Promise<string> {
	const [country] = await db
		.select({ pcode: location.pcode })
		.from(location)
		.where(eq(location.id, p.countryId));
	const alpha2 = country!.pcode.slice(0, 2).toUpperCase();
	const iso3 = whereAlpha2(alpha2)?.alpha3 ?? alpha2;
	return `${iso3}-${String(p.year % 100).padStart(2, '0')}/${clusterCode}/${String(number).padStart(4, '0')}`;
}

/** The plan, the lead cluster's extra questions and the locale: what the sheet's rules need. */
export async function sheetContext(db: Executor, p: Project, locale: Locale) {
	const planRow = await findPlanRow(db, p.planId);
	const questions = await db
		.select(getTableColumns(planQuestion))
		.from(planQuestion)
		.innerJoin(planCluster, eq(planCluster.id, planQuestion.planClusterId))
		.where(and(eq(planCluster.planId, p.planId), eq(planCluster.clusterId, p.clusterId)))
		.orderBy(asc(planQuestion.position));
	return { project: p, plan: planRow, questions, locale };
}

async function findPlanRow(db: Executor, planId: string): Promise<Plan> {
	const [row] = await db.select().from(plan).where(eq(plan.id, planId));
	if (!row) throw new NotFoundError();
	return row;
}

/**
 * Saves part or all of the sheet. `revision` is the one the form was read at: a save over a newer
 * one is refused, naming the fields changed since and by whom.
 */
export async function updateSheet(ctx: Ctx, id: string, input: unknown, revision?: number): Promise<Project> {
	const patch: SheetPatch = parseInput(sheetPatch, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const p = await lockForEdit(ctx, tx, id);
		if (revision !== undefined && revision > p.revision)
			throw new ValidationError([
				{
					path: 'revision',
					message: m.projects_error_revision_unknown({ current: p.revision }, { locale: ctx.locale })
				}
			]);
		if (revision !== undefined && revision !== p.revision)
			throw await staleSave(tx, p.id, revision, ctx.locale);
		const before = await readSheet(tx, p);
		const after: Sheet = { ...before, ...definedOnly(patch) };
		// New lines without a stated total: the total is their sum.
		if (patch.budgetLines !== undefined && patch.budgetUsd === undefined) after.budgetUsd = null;
		const context = await sheetContext(tx, p, ctx.locale);
		// A draft whose answers a question's change made wrong is still saved step by step: its answers
		// are checked when they are saved, and all at submission.
		const errors = await checkSheet(tx, after, {
			...context,
			questions: patch.answers === undefined ? [] : context.questions
		});
		if (errors.length) throw new ValidationError(errors);
		if (patch.answers !== undefined) after.answers = normaliseAnswers(context.questions, after.answers);
		const fields = changedFields(before, after);
		if (!fields.length) return p;
		const row = await storeSheet(tx, p, after);
		await recordAudit(tx, ctx.actor, {
			action: 'project.update',
			entityType: 'project',
			entityId: p.id,
			before: pick(before, fields),
			after: { ...pick(after, fields), revision: row.revision }
		});
		return row;
	});
}

/** Locks the project for a write to its sheet: 404 if unseen, 403 if not theirs, 409 once submitted. */
export async function lockForEdit(ctx: Ctx, tx: Executor, id: string): Promise<FoundProject> {
	const p = await findProject(ctx, id, tx, true);
	assertEditable(ctx, p);
	return p;
}

/**
 * Whether the user may change the project's sheet or files now: 403 if it is not theirs (the
 * partner's or the cluster's), 409 saying why once submitted or its plan closed.
 */
export function assertEditable(ctx: Ctx, p: FoundProject): asserts ctx is Ctx & { actor: Actor } {
	authorize(ctx.actor, worksForOrganisation(ctx.actor, p.organisationId) || vetsProject(ctx.actor, p));
	assertOpen({ status: p.planStatus }, ctx.locale);
	if (!isEditableStatus(p.status))
		throw new ConflictError([
			{ path: '', message: m.projects_error_not_editable({}, { locale: ctx.locale }) }
		]);
}

/** The refusal of a save made on an older revision: what changed since, and who changed it. */
async function staleSave(tx: Executor, projectId: string, revision: number, locale: Locale) {
	const events = await tx
		.select({ actor: auditEvent.actorLabel, after: auditEvent.after })
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.entityType, 'project'),
				eq(auditEvent.entityId, projectId),
				eq(auditEvent.action, 'project.update'),
				gt(sql`(${auditEvent.after}->>'revision')::int`, revision)
			)
		);
	const fields = new Set<string>();
	const actors = new Set<string>();
	for (const e of events) {
		for (const key of Object.keys((e.after ?? {}) as object)) if (key !== 'revision') fields.add(key);
		actors.add(e.actor);
	}
	if (!fields.size)
		return new ConflictError([{ path: 'revision', message: m.projects_error_stale_reload({}, { locale }) }]);
	return new ConflictError([
		{
			path: 'revision',
			message: m.projects_error_stale(
				{
					fields: inSheetOrder([...fields])
						.map((f) => fieldLabel(f, locale))
						.join(', '),
					who: [...actors].join(', ')
				},
				{ locale }
			)
		}
	]);
}

/** What a user reads for a sheet field in messages (the stale-save refusal, the version comparison). */
export function fieldLabel(field: string, locale: Locale): string {
	const labels: Record<string, () => string> = {
		titleFr: () => m.projects_field_title_fr({}, { locale }),
		titleEn: () => m.projects_field_title_en({}, { locale }),
		objectives: () => m.projects_field_objectives({}, { locale }),
		description: () => m.projects_field_description({}, { locale }),
		startsOn: () => m.projects_field_starts_on({}, { locale }),
		endsOn: () => m.projects_field_ends_on({}, { locale }),
		genderAgeMarker: () => m.projects_field_marker({}, { locale }),
		partnerIds: () => m.projects_field_partners({}, { locale }),
		clusters: () => m.projects_field_clusters({}, { locale }),
		objectiveIds: () => m.projects_field_objective_ids({}, { locale }),
		activityIds: () => m.projects_field_activities({}, { locale }),
		targets: () => m.projects_field_targets({}, { locale }),
		places: () => m.projects_field_places({}, { locale }),
		beneficiaries: () => m.projects_field_beneficiaries({}, { locale }),
		budgetUsd: () => m.projects_field_budget({}, { locale }),
		budgetLines: () => m.projects_field_budget_lines({}, { locale }),
		answers: () => m.projects_field_answers({}, { locale }),
		contactIds: () => m.projects_field_contacts({}, { locale })
	};
	return labels[field]?.() ?? field;
}

const SHEET_ORDER: string[] = Object.values(SECTION_FIELDS).flat();
const inSheetOrder = (fields: string[]) =>
	fields.sort((a, b) => SHEET_ORDER.indexOf(a) - SHEET_ORDER.indexOf(b));

function definedOnly<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pick<T extends object>(value: T, keys: (keyof T)[]): Partial<T> {
	return Object.fromEntries(keys.map((k) => [k, value[k]])) as Partial<T>;
}
