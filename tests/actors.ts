import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Database } from '$lib/server/db/client';
import { auditEvent, cluster, organisation, type OrganisationType } from '$lib/server/db/schema';
import { insertUser, type NewUser } from '$lib/server/accounts/users';
import { loadActor } from '$lib/server/access/actor';
import type { Ctx } from '$lib/server/context';
import type { Locale } from '$lib/server/i18n';

/** The context a domain operation gets for this user (or a visitor when `userId` is null). */
export async function ctxFor(db: Database, userId: string | null, locale: Locale = 'fr'): Promise<Ctx> {
	if (userId === null) return { db, actor: null, locale };
	const actor = await loadActor(db, userId);
	if (!actor) throw new Error(`no user ${userId}`);
	return { db, actor, locale };
}

/** Inserts a user the way the command line does and returns their id. */
export async function addUser(db: Database, user: NewUser): Promise<string> {
	const row = await insertUser(db, null, user, 'fr');
	return row.id;
}

export async function addOrganisation(
	db: Database,
	values: { name: string; acronym?: string; type?: OrganisationType }
): Promise<string> {
	const [row] = await db
		.insert(organisation)
		.values({ type: 'international-ngo', ...values })
		.returning({ id: organisation.id });
	return row!.id;
}

export async function addCluster(db: Database, code: string): Promise<string> {
	const [row] = await db
		.insert(cluster)
		.values({ code, nameFr: `Cluster ${code}`, nameEn: `${code} cluster` })
		.returning({ id: cluster.id });
	return row!.id;
}

export const PASSWORD = 'correct horse battery staple';

export type Who = 'admin' | 'coordinator' | 'focalPointA' | 'focalPointB' | 'observer' | 'visitor';

/**
 * A small world to act in: organisations A and B, clusters ER (early recovery) and WASH, and one user
 * per role — an administrator, the coordinator of ER, the focal points of A and of B, an observer of ER.
 * `as(who, locale)` builds the Ctx a page or API call would have; `visitor` is not signed in.
 */
export async function seedWorld(db: Database, options: { passwords?: boolean } = {}) {
	const suffix = randomBytes(3).toString('hex');
	const orgA = await addOrganisation(db, { name: `Organisation A ${suffix}`, acronym: 'OA' });
	const orgB = await addOrganisation(db, { name: `Organisation B ${suffix}`, acronym: 'OB' });
	const clusterEr = await addCluster(db, `ER${suffix.slice(0, 4).toUpperCase()}`);
	const clusterWash = await addCluster(db, `WA${suffix.slice(0, 4).toUpperCase()}`);
	const password = options.passwords ? PASSWORD : undefined;
	const user = (name: string, grants: NewUser['grants']) =>
		addUser(db, { email: `${name}-${suffix}@example.org`, name: `${name} ${suffix}`, password, grants });
	const users: Record<Exclude<Who, 'visitor'>, string> = {
		admin: await user('admin', [{ role: 'admin' }]),
		coordinator: await user('coordinator', [{ role: 'coordinator', clusterId: clusterEr }]),
		focalPointA: await user('focal-a', [{ role: 'focal-point', organisationId: orgA }]),
		focalPointB: await user('focal-b', [{ role: 'focal-point', organisationId: orgB }]),
		observer: await user('observer', [{ role: 'observer', clusterId: clusterEr }])
	};
	return {
		orgA,
		orgB,
		clusterEr,
		clusterWash,
		users,
		as: (who: Who, locale: Locale = 'fr') => ctxFor(db, who === 'visitor' ? null : users[who], locale)
	};
}

export type World = Awaited<ReturnType<typeof seedWorld>>;

/** How many audit events are stored: a refused or invalid write must not add one. */
export async function auditCount(db: Database): Promise<number> {
	const [row] = await db.select({ n: count() }).from(auditEvent);
	return row?.n ?? 0;
}
