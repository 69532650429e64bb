import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { created, updated } from './columns';

export const ORGANISATION_TYPES = [
	'un-agency',
	'international-ngo',
	'national-ngo',
	'government',
	'private-sector',
	'donor',
	'red-cross',
	'academic',
	'other'
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const organisation = pgTable(
	'organisation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		acronym: text('acronym'),
		type: text('type').$type<OrganisationType>().notNull(),
		website: text('website'),
		country: text('country'),
		emailDomains: text('email_domains')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		address: text('address'),
		phone: text('phone'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('organisation_name_idx').on(t.name),
		index('organisation_name_sort_idx').on(sql`concerto_fold(${t.name})`, t.name),
		index('organisation_name_trgm_idx').using('gin', sql`concerto_fold(${t.name}) gin_trgm_ops`),
		index('organisation_acronym_trgm_idx').using('gin', sql`concerto_fold(${t.acronym}) gin_trgm_ops`),
		check(
			'organisation_type_check',
			sql.raw(`type in (${ORGANISATION_TYPES.map((v) => `'${v}'`).join(', ')})`)
		)
	]
);

export const person = pgTable(
	'person',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		jobTitle: text('job_title'),
		email: text('email'),
		phone: text('phone'),
		organisationId: uuid('organisation_id').references(() => organisation.id, {
			onDelete: 'set null'
		}),
		userId: uuid('user_id')
			.unique()
			.references(() => user.id, { onDelete: 'set null' }),
		/** ISO 639-1 codes: the languages one can write to this person in. */
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** Set when the person asked to be forgotten: personal fields are blanked, links kept. */
		erasedAt: timestamp('erased_at', { withTimezone: true }),
		/**
		 * Name, e-mail and function folded (lower case, no accents) in one indexed column: a search
		 * then reads one trigram index instead of folding three columns of every row.
		 */
		searchText: text('search_text').generatedAlwaysAs(
			sql`concerto_fold(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(job_title, ''))`
		),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('person_organisation_idx').on(t.organisationId),
		index('person_email_idx').on(t.email),
		index('person_name_trgm_idx').using('gin', sql`concerto_fold(${t.name}) gin_trgm_ops`),
		index('person_email_trgm_idx').using('gin', sql`concerto_fold(${t.email}) gin_trgm_ops`),
		index('person_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
		// Lists are sorted by folded name: this lets a page of a large directory be read in order.
		index('person_name_sort_idx').on(sql`concerto_fold(${t.name})`, t.name)
	]
);

export const cluster = pgTable('cluster', {
	id: uuid('id').primaryKey().defaultRandom(),
	code: text('code').notNull().unique(),
	nameFr: text('name_fr').notNull(),
	nameEn: text('name_en').notNull(),
	leadOrganisationId: uuid('lead_organisation_id').references(() => organisation.id, {
		onDelete: 'set null'
	}),
	coLeadOrganisationId: uuid('co_lead_organisation_id').references(() => organisation.id, {
		onDelete: 'set null'
	}),
	createdAt: created(),
	updatedAt: updated()
});

export const ROLES = ['admin', 'coordinator', 'information-manager', 'focal-point', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const roleGrant = pgTable(
	'role_grant',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role').$type<Role>().notNull(),
		clusterId: uuid('cluster_id').references(() => cluster.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id').references(() => organisation.id, {
			onDelete: 'cascade'
		}),
		createdAt: created()
	},
	(t) => [
		uniqueIndex('role_grant_unique_idx').on(
			t.userId,
			t.role,
			sql`coalesce(${t.clusterId}, '00000000-0000-0000-0000-000000000000')`,
			sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000')`
		),
		check('role_grant_role_check', sql.raw(`role in (${ROLES.map((r) => `'${r}'`).join(', ')})`))
	]
);

export const location = pgTable(
	'location',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pcode: text('pcode').notNull().unique(),
		name: text('name').notNull(),
		level: integer('level').notNull(),
		parentId: uuid('parent_id').references((): AnyPgColumn => location.id),
		validFrom: text('valid_from'),
		/** GeoJSON geometry as imported (COD-AB boundaries). */
		geometry: jsonb('geometry'),
		/** The same geometry simplified for maps: a few KB per place instead of hundreds. */
		displayGeometry: jsonb('display_geometry'),
		/** Set when a newer P-code list no longer has this place: kept for the records that use it. */
		retiredAt: timestamp('retired_at', { withTimezone: true }),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [
		index('location_parent_idx').on(t.parentId),
		index('location_name_trgm_idx').using('gin', sql`concerto_fold(${t.name}) gin_trgm_ops`)
	]
);

export const apiToken = pgTable('api_token', {
	id: uuid('id').primaryKey().defaultRandom(),
	userId: uuid('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	prefix: text('prefix').notNull(),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdAt: created()
});

export const invitation = pgTable('invitation', {
	id: uuid('id').primaryKey().defaultRandom(),
	userId: uuid('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	acceptedAt: timestamp('accepted_at', { withTimezone: true }),
	invitedBy: uuid('invited_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: created()
});

/** Failed sign-ins per e-mail address, shared by every app instance. */
export const signInThrottle = pgTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
	lockedUntil: timestamp('locked_until', { withTimezone: true })
});

export const MAIL_STATUSES = ['held', 'queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		recipient: text('recipient').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		status: text('status').$type<MailStatus>().notNull(),
		attempts: integer('attempts').notNull().default(0),
		error: text('error'),
		createdAt: created(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		claimedAt: timestamp('claimed_at', { withTimezone: true })
	},
	(t) => [index('mail_outbox_created_idx').on(t.createdAt)]
);

export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorUserId: uuid('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
		actorLabel: text('actor_label').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id'),
		before: jsonb('before'),
		after: jsonb('after')
	},
	(t) => [index('audit_event_at_idx').on(t.at), index('audit_event_entity_idx').on(t.entityType, t.entityId)]
);

/** Small facts about this installation (example loaded, schema of the backup format). */
export const setting = pgTable('setting', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: updated()
});
