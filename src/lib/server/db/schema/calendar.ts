import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { cluster, organisation } from './core';
import { actionItem } from './meetings';
import { created, updated, oneOf } from './columns';

export const EVENT_KINDS = ['meeting', 'training', 'deadline', 'milestone', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * An event of a cluster's calendar that is not one of its meetings with minutes: "OPS training,
 * Friday 21 October 10:00, NRC office", "project submissions close 31 October". Days and times
 * are local to the cluster's country.
 */
export const calendarEvent = pgTable(
	'calendar_event',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		kind: text('kind').$type<EventKind>().notNull(),
		title: text('title').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		/** Null for an all-day event. */
		startTime: text('start_time'),
		/** Null for a one-day event. */
		endsOn: date('ends_on', { mode: 'string' }),
		endTime: text('end_time'),
		place: text('place'),
		notes: text('notes').notNull().default(''),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('calendar_event_cluster_starts_idx').on(t.clusterId, t.startsOn),
		oneOf('calendar_event_kind_check', 'kind', EVENT_KINDS),
		check('calendar_event_days_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)
	]
);

/** A cluster's quarterly work plan (the "plan trimestriel"). */
export const workPlan = pgTable(
	'work_plan',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		year: integer('year').notNull(),
		quarter: integer('quarter').notNull(),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		unique('work_plan_cluster_quarter_key').on(t.clusterId, t.year, t.quarter),
		check('work_plan_quarter_check', sql`${t.quarter} between 1 and 4`)
	]
);

export const WORK_PLAN_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export type WorkPlanStatus = (typeof WORK_PLAN_STATUSES)[number];

/** An activity of a work plan, with who leads it and when; shown on the calendar. */
export const workPlanActivity = pgTable(
	'work_plan_activity',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workPlanId: uuid('work_plan_id')
			.notNull()
			.references(() => workPlan.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		activity: text('activity').notNull(),
		responsibleText: text('responsible_text').notNull().default(''),
		responsibleOrganisationId: uuid('responsible_organisation_id').references(() => organisation.id, {
			onDelete: 'set null'
		}),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		status: text('status').$type<WorkPlanStatus>().notNull().default('planned'),
		notes: text('notes').notNull().default(''),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('work_plan_activity_plan_idx').on(t.workPlanId, t.position),
		index('work_plan_activity_days_idx').on(t.startsOn, t.endsOn),
		oneOf('work_plan_activity_status_check', 'status', WORK_PLAN_STATUSES),
		check('work_plan_activity_days_check', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

/**
 * The secret address of a user's calendar feed, for calendar apps that cannot sign in. Only its
 * hash is kept: a new address replaces the old one.
 */
export const calendarFeed = pgTable('calendar_feed', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: created(),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true })
});

/**
 * A recurring background job. Any app instance may run it: the one that moves `locked_until`
 * forward first runs it, the others skip it.
 */
export const scheduledJob = pgTable('scheduled_job', {
	name: text('name').primaryKey(),
	nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
	lockedUntil: timestamp('locked_until', { withTimezone: true }),
	lastRunAt: timestamp('last_run_at', { withTimezone: true }),
	lastError: text('last_error')
});

export const REMINDER_STEPS = ['before', 'overdue'] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/** A reminder sent for an action item: its key makes sure each step goes once per due date. */
export const actionReminder = pgTable(
	'action_reminder',
	{
		actionItemId: uuid('action_item_id')
			.notNull()
			.references(() => actionItem.id, { onDelete: 'cascade' }),
		step: text('step').$type<ReminderStep>().notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		recipients: integer('recipients').notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.actionItemId, t.step, t.dueOn] }),
		oneOf('action_reminder_step_check', 'step', REMINDER_STEPS)
	]
);
