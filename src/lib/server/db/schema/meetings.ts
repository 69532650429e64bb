import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cluster, organisation, person } from './core';
import { created, updated, oneOf } from './columns';

export const MEETING_KINDS = ['cluster-meeting', 'workshop', 'training', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATES = ['planned', 'held', 'published'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** A meeting of a cluster: planned, then held, then its minutes published. */
export const meeting = pgTable(
	'meeting',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		title: text('title').notNull(),
		kind: text('kind').$type<MeetingKind>().notNull(),
		/** Null only in a draft whose date could not be read. */
		heldOn: date('held_on', { mode: 'string' }),
		startTime: text('start_time'),
		endTime: text('end_time'),
		place: text('place'),
		/** Sanitised HTML. */
		objectives: text('objectives').notNull().default(''),
		state: text('state').$type<MeetingState>().notNull().default('planned'),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('meeting_cluster_held_idx').on(t.clusterId, t.heldOn),
		oneOf('meeting_kind_check', 'kind', MEETING_KINDS),
		oneOf('meeting_state_check', 'state', MEETING_STATES),
		check(
			'meeting_times_check',
			sql`${t.endTime} is null or ${t.startTime} is null or ${t.endTime} > ${t.startTime}`
		)
	]
);

/** An item of the agenda (subject / context / status), in order, grouped in sections ("Divers"). */
export const agendaItem = pgTable(
	'agenda_item',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		section: text('section'),
		subject: text('subject').notNull(),
		/** Sanitised HTML. */
		context: text('context').notNull().default(''),
		/** Sanitised HTML. */
		status: text('status').notNull().default('')
	},
	(t) => [index('agenda_item_meeting_idx').on(t.meetingId, t.position)]
);

export const MEETING_NOTE_KINDS = ['lesson', 'consensus', 'perspective'] as const;
export type MeetingNoteKind = (typeof MEETING_NOTE_KINDS)[number];

/** The lists of the minutes: lessons learned, consensus (decisions), perspectives. */
export const meetingNote = pgTable(
	'meeting_note',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<MeetingNoteKind>().notNull(),
		position: integer('position').notNull(),
		text: text('text').notNull()
	},
	(t) => [
		index('meeting_note_meeting_idx').on(t.meetingId, t.kind, t.position),
		oneOf('meeting_note_kind_check', 'kind', MEETING_NOTE_KINDS)
	]
);

export const ATTENDANCE_STATUSES = ['invited', 'present', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Who was invited to or came to a meeting, with their name, function and organisation as they were
 * on the day: the person's record may change later, the minutes do not.
 */
export const attendance = pgTable(
	'attendance',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		personId: uuid('person_id').references(() => person.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		organisationName: text('organisation_name').notNull().default(''),
		function: text('function').notNull().default(''),
		email: text('email'),
		status: text('status').$type<AttendanceStatus>().notNull(),
		position: integer('position').notNull()
	},
	(t) => [
		index('attendance_meeting_idx').on(t.meetingId, t.position),
		index('attendance_person_idx').on(t.personId),
		oneOf('attendance_status_check', 'status', ATTENDANCE_STATUSES)
	]
);

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * An action item of a cluster: what, who (an organisation, a person, or a role written as text such
 * as "Coordinateur CRP"), by when, and where it came from.
 */
export const actionItem = pgTable(
	'action_item',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'restrict' }),
		meetingId: uuid('meeting_id').references(() => meeting.id, { onDelete: 'set null' }),
		agendaItemId: uuid('agenda_item_id').references(() => agendaItem.id, { onDelete: 'set null' }),
		description: text('description').notNull(),
		responsibleText: text('responsible_text').notNull().default(''),
		responsibleOrganisationId: uuid('responsible_organisation_id').references(() => organisation.id, {
			onDelete: 'set null'
		}),
		responsiblePersonId: uuid('responsible_person_id').references(() => person.id, { onDelete: 'set null' }),
		dueOn: date('due_on', { mode: 'string' }),
		status: text('status').$type<ActionStatus>().notNull().default('open'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('action_item_cluster_status_due_idx').on(t.clusterId, t.status, t.dueOn),
		index('action_item_organisation_idx').on(t.responsibleOrganisationId),
		index('action_item_meeting_idx').on(t.meetingId),
		// The reminders job reads open items by due date across clusters.
		index('action_item_status_due_idx').on(t.status, t.dueOn),
		// The tracker's order: a page of 20,000 items is read in order instead of sorted whole.
		index('action_item_due_order_idx').on(t.dueOn, t.createdAt, t.id),
		index('action_item_description_trgm_idx').using('gin', sql`concerto_fold(${t.description}) gin_trgm_ops`),
		oneOf('action_item_status_check', 'status', ACTION_STATUSES)
	]
);
