import { sql } from 'drizzle-orm';
import {
	check,
	index,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { cluster, location, organisation, person } from './core';

export const MEMBERSHIP_STAGES = ['prospect', 'contacted', 'interested', 'member', 'inactive'] as const;
export type MembershipStage = (typeof MEMBERSHIP_STAGES)[number];

/** An organisation in a cluster, at one step of the pipeline from prospect to member. */
export const membership = pgTable(
	'membership',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		clusterId: uuid('cluster_id')
			.notNull()
			.references(() => cluster.id, { onDelete: 'cascade' }),
		stage: text('stage').$type<MembershipStage>().notNull(),
		/** The organisation's focal point for this cluster. */
		focalPointId: uuid('focal_point_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('membership_organisation_cluster_idx').on(t.organisationId, t.clusterId),
		index('membership_cluster_stage_idx').on(t.clusterId, t.stage),
		check(
			'membership_stage_check',
			sql.raw(`stage in (${MEMBERSHIP_STAGES.map((v) => `'${v}'`).join(', ')})`)
		)
	]
);

/** Each move of a membership: when, by whom, why. */
export const membershipStep = pgTable(
	'membership_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		membershipId: uuid('membership_id')
			.notNull()
			.references(() => membership.id, { onDelete: 'cascade' }),
		stage: text('stage').$type<MembershipStage>().notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		byUserId: uuid('by_user_id').references(() => user.id, { onDelete: 'set null' }),
		note: text('note')
	},
	(t) => [index('membership_step_membership_idx').on(t.membershipId, t.at)]
);

/** Where an organisation is present. */
export const organisationLocation = pgTable(
	'organisation_location',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id)
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.locationId] }),
		index('organisation_location_location_idx').on(t.locationId)
	]
);

/** A small image, base64 in a text column so that backups stay plain JSON. */
export const organisationLogo = pgTable('organisation_logo', {
	organisationId: uuid('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	mime: text('mime').notNull(),
	data: text('data').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const IMPORT_KINDS = ['organisations', 'people', 'places', 'needs', 'logframe', 'minutes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * A file read and waiting for the user to confirm its import: the preview and the confirmation are
 * two requests, and nothing reaches the directory before the second. Purged after a day.
 */
export const importUpload = pgTable('import_upload', {
	id: uuid('id').primaryKey().defaultRandom(),
	userId: uuid('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	kind: text('kind').$type<ImportKind>().notNull(),
	filename: text('filename').notNull(),
	/** The sheets as read: `{ name, rows: string[][] }[]`. */
	content: jsonb('content').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
