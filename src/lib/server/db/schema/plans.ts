import { sql } from 'drizzle-orm';
import {
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
import { cluster, location } from './core';
import { created, updated, oneOf } from './columns';

export const PLAN_KINDS = ['hrp', 'flash-appeal', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_STATUSES = ['draft', 'published', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A sex and age group of the needs grid, with the HXL attributes that name it in a file. */
export interface SexAgeGroup {
	code: string;
	nameFr: string;
	nameEn: string;
	hxl: string[];
}

/** A response plan of a country for a period: its clusters hold chapters, needs and a framework. */
export const plan = pgTable(
	'plan',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		countryId: uuid('country_id')
			.notNull()
			.references(() => location.id),
		year: integer('year').notNull(),
		kind: text('kind').$type<PlanKind>().notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		status: text('status').$type<PlanStatus>().notNull().default('draft'),
		/** The sex and age groups that needs are split by, in the order of the grid's columns. */
		sexAgeGroups: jsonb('sex_age_groups').$type<SexAgeGroup[]>().notNull(),
		/** Published headline figures of the whole plan, with where they come from. */
		peopleInNeed: bigint('people_in_need', { mode: 'number' }),
		peopleTargeted: bigint('people_targeted', { mode: 'number' }),
		requirementsUsd: numeric('requirements_usd', { precision: 16, scale: 2 }),
		figuresSource: text('figures_source'),
		/** Bumped by every write to the plan's content; forms carry the one they were read at. */
		revision: integer('revision').notNull().default(0),
		publishedRevision: integer('published_revision'),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('plan_year_idx').on(t.year),
		oneOf('plan_kind_check', 'kind', PLAN_KINDS),
		oneOf('plan_status_check', 'status', PLAN_STATUSES),
		check('plan_period_check', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

/** A cluster taking part in a plan, with what it asks for. */
export const planCluster = pgTable(
	'plan_cluster',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plan.id, { onDelete: 'cascade' }),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		requirementsUsd: numeric('requirements_usd', { precision: 16, scale: 2 }),
		createdAt: created()
	},
	(t) => [uniqueIndex('plan_cluster_unique_idx').on(t.planId, t.clusterId)]
);

export const CHAPTER_KINDS = ['needs-overview', 'response-strategy', 'scenarios', 'section'] as const;
export type ChapterKind = (typeof CHAPTER_KINDS)[number];

/** A chapter of a cluster's part of the plan: sanitised HTML in French and, if written, English. */
export const planChapter = pgTable(
	'plan_chapter',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planClusterId: uuid('plan_cluster_id')
			.notNull()
			.references(() => planCluster.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<ChapterKind>().notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		bodyFr: text('body_fr').notNull().default(''),
		bodyEn: text('body_en'),
		position: integer('position').notNull(),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('plan_chapter_plan_cluster_idx').on(t.planClusterId, t.position),
		oneOf('plan_chapter_kind_check', 'kind', CHAPTER_KINDS)
	]
);

/** The population groups a cluster counts needs by (displaced, returnees, host community, …). */
export const populationGroup = pgTable(
	'population_group',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		nameFr: text('name_fr').notNull(),
		nameEn: text('name_en').notNull(),
		position: integer('position').notNull(),
		createdAt: created()
	},
	(t) => [uniqueIndex('population_group_code_idx').on(t.clusterId, t.code)]
);

/**
 * A set of needs figures of a cluster in a plan as entered or imported at one time, with its source:
 * each save makes a new revision, so that any two can be compared.
 */
export const needRevision = pgTable(
	'need_revision',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planClusterId: uuid('plan_cluster_id')
			.notNull()
			.references(() => planCluster.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		source: text('source').notNull(),
		sourceDate: date('source_date', { mode: 'string' }).notNull(),
		note: text('note'),
		/** True when the figures are not from a published source (the example workspace's). */
		illustrative: boolean('illustrative').notNull().default(false),
		createdByUserId: uuid('created_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: created()
	},
	(t) => [uniqueIndex('need_revision_number_idx').on(t.planClusterId, t.number)]
);

/** People in need and targeted in one place and population group, by sex and age group code. */
export const needFigure = pgTable(
	'need_figure',
	{
		revisionId: uuid('revision_id')
			.notNull()
			.references(() => needRevision.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id),
		populationGroupId: uuid('population_group_id')
			.notNull()
			.references(() => populationGroup.id),
		inNeed: jsonb('in_need').$type<Record<string, number>>().notNull(),
		targeted: jsonb('targeted').$type<Record<string, number>>().notNull()
	},
	(t) => [primaryKey({ columns: [t.revisionId, t.locationId, t.populationGroupId] })]
);

/** A strategic objective of the whole plan: SO1, SO2, … */
export const strategicObjective = pgTable(
	'strategic_objective',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plan.id, { onDelete: 'cascade' }),
		/** Given once and kept: the code stays when objectives are reordered. */
		number: integer('number').notNull(),
		position: integer('position').notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [uniqueIndex('strategic_objective_number_idx').on(t.planId, t.number)]
);

/** A cluster's objective, coded under its first strategic objective: CO1.2 is the 2nd under SO1. */
export const clusterObjective = pgTable(
	'cluster_objective',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planClusterId: uuid('plan_cluster_id')
			.notNull()
			.references(() => planCluster.id, { onDelete: 'cascade' }),
		strategicObjectiveId: uuid('strategic_objective_id')
			.notNull()
			.references(() => strategicObjective.id, { onDelete: 'restrict' }),
		number: integer('number').notNull(),
		position: integer('position').notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		uniqueIndex('cluster_objective_number_idx').on(t.planClusterId, t.strategicObjectiveId, t.number),
		index('cluster_objective_strategic_idx').on(t.strategicObjectiveId)
	]
);

/** The further strategic objectives a cluster objective serves, beyond the one that codes it. */
export const clusterObjectiveLink = pgTable(
	'cluster_objective_link',
	{
		clusterObjectiveId: uuid('cluster_objective_id')
			.notNull()
			.references(() => clusterObjective.id, { onDelete: 'cascade' }),
		strategicObjectiveId: uuid('strategic_objective_id')
			.notNull()
			.references(() => strategicObjective.id, { onDelete: 'restrict' })
	},
	(t) => [primaryKey({ columns: [t.clusterObjectiveId, t.strategicObjectiveId] })]
);

/** An activity under the cluster objective that codes it: A1.2.3. */
export const activity = pgTable(
	'activity',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterObjectiveId: uuid('cluster_objective_id')
			.notNull()
			.references(() => clusterObjective.id, { onDelete: 'restrict' }),
		number: integer('number').notNull(),
		position: integer('position').notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [uniqueIndex('activity_number_idx').on(t.clusterObjectiveId, t.number)]
);

/** The further cluster objectives an activity serves. */
export const activityObjective = pgTable(
	'activity_objective',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		clusterObjectiveId: uuid('cluster_objective_id')
			.notNull()
			.references(() => clusterObjective.id, { onDelete: 'restrict' })
	},
	(t) => [primaryKey({ columns: [t.activityId, t.clusterObjectiveId] })]
);

export const INDICATOR_UNITS = ['people', 'number', 'percent', 'usd', 'yes-no'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const PERIOD_RULES = ['sum', 'average', 'max', 'latest'] as const;
export type PeriodRule = (typeof PERIOD_RULES)[number];
export const PLACE_RULES = ['sum', 'average', 'max'] as const;
export type PlaceRule = (typeof PLACE_RULES)[number];
export const DISAGGREGATIONS = ['none', 'sex', 'sex-age'] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];

/** An indicator of an activity: I1.2.3.1, with how it adds up and its targets. */
export const indicator = pgTable(
	'indicator',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'restrict' }),
		number: integer('number').notNull(),
		position: integer('position').notNull(),
		titleFr: text('title_fr').notNull(),
		titleEn: text('title_en'),
		unit: text('unit').$type<IndicatorUnit>().notNull(),
		periodRule: text('period_rule').$type<PeriodRule>().notNull(),
		placeRule: text('place_rule').$type<PlaceRule>().notNull(),
		disaggregation: text('disaggregation').$type<Disaggregation>().notNull(),
		baseline: numeric('baseline', { precision: 16, scale: 2 }),
		/** The total target as typed; the roll-up of the targets per place may differ, and is shown. */
		target: numeric('target', { precision: 16, scale: 2 }),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		uniqueIndex('indicator_number_idx').on(t.activityId, t.number),
		oneOf('indicator_unit_check', 'unit', INDICATOR_UNITS),
		oneOf('indicator_period_rule_check', 'period_rule', PERIOD_RULES),
		oneOf('indicator_place_rule_check', 'place_rule', PLACE_RULES),
		oneOf('indicator_disaggregation_check', 'disaggregation', DISAGGREGATIONS)
	]
);

/** An indicator's target in one place. */
export const indicatorTarget = pgTable(
	'indicator_target',
	{
		indicatorId: uuid('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id),
		value: numeric('value', { precision: 16, scale: 2 }).notNull()
	},
	(t) => [primaryKey({ columns: [t.indicatorId, t.locationId] })]
);

/**
 * One field of one item changed by one write: the plan's versions are its revisions, and two
 * versions are compared by replaying the changes between them.
 */
export const planChange = pgTable(
	'plan_change',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plan.id, { onDelete: 'cascade' }),
		revision: integer('revision').notNull(),
		/** The cluster whose part changed; null for the plan's own fields and strategic objectives. */
		clusterId: uuid('cluster_id'),
		entityType: text('entity_type').notNull(),
		entityId: uuid('entity_id').notNull(),
		/** What a user reads: the item's code and title when the change was made. */
		label: text('label').notNull(),
		field: text('field').notNull(),
		before: jsonb('before'),
		after: jsonb('after'),
		actorUserId: uuid('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
		actorLabel: text('actor_label').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_change_plan_revision_idx').on(t.planId, t.revision)]
);
