// What the command line does, as functions of a database (tests call these; main.ts parses arguments).
import { randomBytes } from 'node:crypto';
import { eq, or, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db/client';
import { cluster, organisation, ROLES, user, type Role } from '$lib/server/db/schema';
import { insertUser } from '$lib/server/accounts/users';
import { issueApiToken } from '$lib/server/accounts/api-tokens';
import { tokenInput } from '$lib/server/accounts/schema';
import { loadActor } from '$lib/server/access/actor';
import { parseInput } from '$lib/server/validation';
import type { Locale } from '$lib/server/i18n';

/** A mistake in how the command was called: the message says what to change. */
export class UsageError extends Error {}

export interface UserCreateOptions {
	email: string;
	name: string;
	role: string;
	/** Cluster code, for coordinator, information-manager (required) and observer (optional). */
	cluster?: string;
	/** Acronym or name, for focal-point. */
	organisation?: string;
	/** Absent: one is generated and returned. */
	password?: string;
	/** The user's language. */
	locale?: Locale;
}

export interface CreatedUser {
	id: string;
	email: string;
	role: Role;
	scope: string | null;
	/** Set when the password was generated: show it once. */
	generatedPassword: string | null;
}

const NEEDS_CLUSTER: Role[] = ['coordinator', 'information-manager'];

/** Creates a user with one role, in one transaction (trusted: the command line runs as the system). */
export async function createUser(db: Database, options: UserCreateOptions): Promise<CreatedUser> {
	const role = options.role as Role;
	if (!ROLES.includes(role))
		throw new UsageError(`unknown role "${options.role}": use one of ${ROLES.join(', ')}`);
	if (NEEDS_CLUSTER.includes(role) && !options.cluster)
		throw new UsageError(`the role ${role} needs --cluster CODE`);
	if (role === 'focal-point' && !options.organisation)
		throw new UsageError('the role focal-point needs --organisation ACRONYM-or-NAME');
	if (options.cluster && !NEEDS_CLUSTER.includes(role) && role !== 'observer')
		throw new UsageError(`--cluster does not apply to the role ${role}`);
	if (options.organisation && role !== 'focal-point')
		throw new UsageError(`--organisation applies only to the role focal-point`);
	const locale = options.locale ?? 'fr';
	const generatedPassword = options.password === undefined ? randomBytes(12).toString('base64url') : null;

	return db.transaction(async (tx) => {
		let clusterId: string | null = null;
		let organisationId: string | null = null;
		let scope: string | null = null;
		if (options.cluster) {
			const [row] = await tx
				.select({ id: cluster.id, code: cluster.code })
				.from(cluster)
				.where(eq(sql`upper(${cluster.code})`, options.cluster.trim().toUpperCase()));
			if (!row) throw new UsageError(`no cluster with the code "${options.cluster}"`);
			clusterId = row.id;
			scope = `cluster ${row.code}`;
		}
		if (options.organisation) {
			const wanted = options.organisation.trim();
			const rows = await tx
				.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
				.from(organisation)
				.where(
					or(
						sql`concerto_fold(${organisation.acronym}) = concerto_fold(${wanted})`,
						sql`concerto_fold(${organisation.name}) = concerto_fold(${wanted})`
					)
				);
			if (rows.length === 0) throw new UsageError(`no organisation with the acronym or name "${wanted}"`);
			if (rows.length > 1)
				throw new UsageError(
					`"${wanted}" names several organisations (${rows.map((r) => r.name).join('; ')}): give the full name`
				);
			organisationId = rows[0]!.id;
			scope = `organisation ${rows[0]!.acronym ?? rows[0]!.name}`;
		}
		const created = await insertUser(
			tx,
			null,
			{
				email: options.email,
				name: options.name,
				locale,
				password: options.password ?? generatedPassword!,
				grants: [{ role, clusterId, organisationId }]
			},
			'en'
		);
		return { id: created.id, email: created.email, role, scope, generatedPassword };
	});
}

/** Issues a personal API token for the user with this address; returns the token (shown once). */
export async function createToken(db: Database, options: { email: string; name?: string }): Promise<string> {
	const email = options.email.trim().toLowerCase();
	const { name } = parseInput(tokenInput, { name: options.name ?? 'concerto command line' }, 'en');
	return db.transaction(async (tx) => {
		const [row] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
		if (!row) throw new UsageError(`no user with the e-mail address ${email}`);
		const actor = await loadActor(tx, row.id);
		const issued = await issueApiToken(tx, actor!, name);
		return issued.token;
	});
}
