import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { person, roleGrant, user, type Role } from '../db/schema';
import { toLocale, type Locale } from '../i18n';

export interface Grant {
	role: Role;
	clusterId: string | null;
	organisationId: string | null;
}

/** A signed-in user as the policy sees them: who they are and what they hold. */
export interface Actor {
	userId: string;
	email: string;
	name: string;
	locale: Locale;
	personId: string | null;
	organisationId: string | null;
	grants: Grant[];
}

export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
	const [row] = await db
		.select({
			userId: user.id,
			email: user.email,
			name: user.name,
			locale: user.locale,
			personId: person.id,
			organisationId: person.organisationId
		})
		.from(user)
		.leftJoin(person, eq(person.userId, user.id))
		.where(eq(user.id, userId));
	if (!row) return null;
	const grants = await db
		.select({
			role: roleGrant.role,
			clusterId: roleGrant.clusterId,
			organisationId: roleGrant.organisationId
		})
		.from(roleGrant)
		.where(eq(roleGrant.userId, userId));
	return { ...row, locale: toLocale(row.locale), grants };
}
