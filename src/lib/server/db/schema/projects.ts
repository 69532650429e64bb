import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	bigint,
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	numeric,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { cluster, location, organisation, person } from './core';
import { activity, clusterObjective, indicator, plan, planCluster } from './plans';
import { created, updated, oneOf } from './columns';

export const PROJECT_STATUSES = [
	'draft',
	'submitted',
	'under-review',
	'revision-requested',
	'approved',
	'not-approved',
	'published',
	'withdrawn'
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The IASC Gender with Age Marker codes ((T) targeted action, (M) mainstreamed). */
export const GENDER_AGE_MARKERS = ['4T', '4M', '3T', '3M', '2T', '2M', '1T', '1M', '0', 'NA'] as const;
export type GenderAgeMarker = (typeof GENDER_AGE_MARKERS)[number];

export const BUDGET_CATEGORIES = [
	'staff',
	'supplies',
	'equipment',
	'contractual',
	'travel',
	'transfers',
	'operating',
	'support'
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** A line of a project's budget; amounts are decimal strings in USD (never floats). */
export interface BudgetLine {
	category: BudgetCategory;
	description: string;
	amountUsd: string;
}

/** People a project targets in one population group, by the plan's sex and age group codes. */
export interface BeneficiaryRow {
	populationGroupId: string;
	values: Record<string, number>;
}

/** An answer to one of the plan's own questions: text, a number, or the code of a choice. */
export type QuestionAnswer = string | number | null;

/**
 * A partner's project in a plan (the "OPS" sheet). Its code `MLI-17/ER/0001` is given on creation
 * (country, plan year, lead cluster, number) and never changes. Lists the sheet holds whole (budget
 * lines, beneficiaries, answers) are JSON; what lists and maps filter on has its own table.
 */
export const project = pgTable(
	'project',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		code: text('code').notNull().unique(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plan.id, { onDelete: 'restrict' }),
		/** The cluster that vets the project and whose code is in the project's code. */
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		number: integer('number').notNull(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'restrict' }),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		objectives: text('objectives').notNull().default(''),
		description: text('description').notNull().default(''),
		startsOn: date('starts_on', { mode: 'string' }),
		endsOn: date('ends_on', { mode: 'string' }),
		genderAgeMarker: text('gender_age_marker').$type<GenderAgeMarker>(),
		budgetLines: jsonb('budget_lines').$type<BudgetLine[]>().notNull().default([]),
		/** The sum of the budget lines, kept by every write (lists add it up without reading JSON). */
		budgetUsd: numeric('budget_usd', { precision: 16, scale: 2 }).notNull().default('0'),
		beneficiaries: jsonb('beneficiaries').$type<BeneficiaryRow[]>().notNull().default([]),
		/** The sum of the people targeted per place, kept by every write. */
		peopleTargeted: bigint('people_targeted', { mode: 'number' }).notNull().default(0),
		answers: jsonb('answers').$type<Record<string, QuestionAnswer>>().notNull().default({}),
		status: text('status').$type<ProjectStatus>().notNull().default('draft'),
		/** Bumped by every write; a form carries the one it was read at, and a stale save is refused. */
		revision: integer('revision').notNull().default(0),
		/** Set by a coordinator to let this one project be submitted after the window closed. */
		reopened: boolean('reopened').notNull().default(false),
		withdrawalRequestedAt: timestamp('withdrawal_requested_at', { withTimezone: true }),
		withdrawalReason: text('withdrawal_reason'),
		/** The project of an earlier plan this one was started from. */
		carriedFromId: uuid('carried_from_id').references((): AnyPgColumn => project.id, {
			onDelete: 'set null'
		}),
		createdByUserId: uuid('created_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		uniqueIndex('project_number_idx').on(t.planId, t.clusterId, t.number),
		index('project_plan_status_idx').on(t.planId, t.status),
		index('project_organisation_idx').on(t.organisationId),
		index('project_title_trgm_idx').using('gin', sql`concerto_fold(${t.titleFr}) gin_trgm_ops`),
		oneOf('project_status_check', 'status', PROJECT_STATUSES),
		oneOf('project_gender_age_marker_check', 'gender_age_marker', GENDER_AGE_MARKERS),
		check(
			'project_period_check',
			sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`
		)
	]
);

/** The last number given to a project of a plan's cluster: codes are handed out with one UPSERT. */
export const projectCounter = pgTable(
	'project_counter',
	{
		planId: uuid('plan_id')
			.notNull()
			.references(() => plan.id, { onDelete: 'cascade' }),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'cascade' }),
		last: integer('last').notNull()
	},
	(t) => [primaryKey({ columns: [t.planId, t.clusterId] })]
);

/** The clusters a project spans, with the share of its budget each gets (percent, summing to 100). */
export const projectCluster = pgTable(
	'project_cluster',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		sharePercent: numeric('share_percent', { precision: 5, scale: 2 }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.clusterId] }),
		index('project_cluster_cluster_idx').on(t.clusterId)
	]
);

/** Implementing partners (organisations of the directory other than the appealing one). */
export const projectPartner = pgTable(
	'project_partner',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.organisationId] }),
		index('project_partner_organisation_idx').on(t.organisationId)
	]
);

/** The project's contacts, people of the directory, in the order the sheet lists them. */
export const projectContact = pgTable(
	'project_contact',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'restrict' }),
		position: integer('position').notNull()
	},
	(t) => [primaryKey({ columns: [t.projectId, t.personId] })]
);

/** A place the project works in (admin1 or admin2 of the plan's country), with the people targeted there. */
export const projectLocation = pgTable(
	'project_location',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id, { onDelete: 'restrict' }),
		peopleTargeted: integer('people_targeted').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.locationId] }),
		index('project_location_location_idx').on(t.locationId),
		check('project_location_people_check', sql`${t.peopleTargeted} >= 0`)
	]
);

/** The cluster objectives a project serves. */
export const projectObjective = pgTable(
	'project_objective',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		clusterObjectiveId: uuid('cluster_objective_id')
			.notNull()
			.references(() => clusterObjective.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.clusterObjectiveId] }),
		index('project_objective_objective_idx').on(t.clusterObjectiveId)
	]
);

/** The activities of the framework a project carries out (the "what" of who does what where). */
export const projectActivity = pgTable(
	'project_activity',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.activityId] }),
		index('project_activity_activity_idx').on(t.activityId)
	]
);

/** The project's own target for an indicator of its cluster in one place. */
export const projectTarget = pgTable(
	'project_target',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		indicatorId: uuid('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'restrict' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id, { onDelete: 'restrict' }),
		value: numeric('value', { precision: 16, scale: 2 }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.indicatorId, t.locationId] }),
		index('project_target_indicator_idx').on(t.indicatorId)
	]
);

export const WINDOW_STATUSES = ['open', 'closed'] as const;
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

/** Whether partners may submit projects to a plan's cluster, and until when. */
export const submissionWindow = pgTable(
	'submission_window',
	{
		planClusterId: uuid('plan_cluster_id')
			.primaryKey()
			.references(() => planCluster.id, { onDelete: 'cascade' }),
		status: text('status').$type<WindowStatus>().notNull(),
		/** The last day partners may submit (shown on their pages); the window closes by hand. */
		deadline: date('deadline', { mode: 'string' }),
		openedAt: timestamp('opened_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		updatedAt: updated()
	},
	() => [oneOf('submission_window_status_check', 'status', WINDOW_STATUSES)]
);

export const QUESTION_KINDS = ['text', 'number', 'choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A choice of a choice question: a stable code and what users read. */
export interface QuestionChoice {
	code: string;
	labelFr: string;
	labelEn: string;
}

/** A question of the plan's cluster that every project sheet of that cluster answers. */
export const planQuestion = pgTable(
	'plan_question',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planClusterId: uuid('plan_cluster_id')
			.notNull()
			.references(() => planCluster.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		labelFr: text('label_fr').notNull(),
		labelEn: text('label_en'),
		kind: text('kind').$type<QuestionKind>().notNull(),
		choices: jsonb('choices').$type<QuestionChoice[]>().notNull().default([]),
		required: boolean('required').notNull().default(false),
		createdAt: created()
	},
	(t) => [
		index('plan_question_plan_cluster_idx').on(t.planClusterId, t.position),
		oneOf('plan_question_kind_check', 'kind', QUESTION_KINDS)
	]
);

/** A file attached to a project: kept in the database (base64, as logos) so backups stay whole. */
export const projectAttachment = pgTable(
	'project_attachment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		/** The name shown and offered on download; never used as a path. */
		fileName: text('file_name').notNull(),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		data: text('data').notNull(),
		uploadedByUserId: uuid('uploaded_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: created()
	},
	(t) => [index('project_attachment_project_idx').on(t.projectId)]
);

/** The sheet as it was when submitted: versions are compared field by field. */
export const projectVersion = pgTable(
	'project_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		sheet: jsonb('sheet').$type<Record<string, unknown>>().notNull(),
		submittedByUserId: uuid('submitted_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		submittedByLabel: text('submitted_by_label').notNull(),
		createdAt: created()
	},
	(t) => [uniqueIndex('project_version_number_idx').on(t.projectId, t.number)]
);

/** Every change of status, who made it and why: the project's history and its decisions. */
export const projectTransition = pgTable(
	'project_transition',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		fromStatus: text('from_status').$type<ProjectStatus>(),
		toStatus: text('to_status').$type<ProjectStatus>().notNull(),
		comment: text('comment').notNull().default(''),
		actorUserId: uuid('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
		actorLabel: text('actor_label').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('project_transition_project_idx').on(t.projectId, t.at)]
);

/** A coordinator's comment on one section of a returned project, shown beside that section. */
export const projectSectionComment = pgTable(
	'project_section_comment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		/** The version that was returned. */
		versionNumber: integer('version_number').notNull(),
		section: text('section').notNull(),
		body: text('body').notNull(),
		authorUserId: uuid('author_user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: created()
	},
	(t) => [index('project_section_comment_project_idx').on(t.projectId, t.versionNumber)]
);

/** A criterion a cluster's review committee scores projects on. */
export const reviewCriterion = pgTable(
	'review_criterion',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		labelFr: text('label_fr').notNull(),
		labelEn: text('label_en'),
		/** Scores run from 0 to this. */
		maxScore: integer('max_score').notNull().default(5),
		/** Kept for the reviews that scored it, no longer offered. */
		archived: boolean('archived').notNull().default(false),
		createdAt: created()
	},
	(t) => [
		index('review_criterion_cluster_idx').on(t.clusterId, t.position),
		check('review_criterion_max_check', sql`${t.maxScore} between 1 and 100`)
	]
);

export const REVIEW_RECOMMENDATIONS = ['approve', 'revise', 'reject'] as const;
export type ReviewRecommendation = (typeof REVIEW_RECOMMENDATIONS)[number];

/** A reviewer assigned to a project, and their scores (criterion id → score) once given. */
export const projectReview = pgTable(
	'project_review',
	{
		projectId: uuid('project_id')
			.notNull()
			.references(() => project.id, { onDelete: 'cascade' }),
		reviewerUserId: uuid('reviewer_user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		assignedByUserId: uuid('assigned_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
		scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
		comment: text('comment').notNull().default(''),
		recommendation: text('recommendation').$type<ReviewRecommendation>(),
		/** Null while the reviewer has not handed the review in. */
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		updatedAt: updated()
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.reviewerUserId] }),
		index('project_review_reviewer_idx').on(t.reviewerUserId),
		oneOf('project_review_recommendation_check', 'recommendation', REVIEW_RECOMMENDATIONS)
	]
);
