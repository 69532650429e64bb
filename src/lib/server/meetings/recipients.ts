/** Who is written to about a meeting or an action item, each in their own language. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { person, roleGrant, user } from '../db/schema';
import { toLocale, type Locale } from '../i18n';

export interface Recipient {
	email: string;
	locale: Locale;
}

/** One entry per address (case folded); people without an account are written to in French. */
function distinct(rows: { email: string | null; locale: string | null }[]): Recipient[] {
	const seen = new Map<string, Recipient>();
	for (const row of rows) {
		const email = row.email?.trim().toLowerCase();
		if (email && !seen.has(email)) seen.set(email, { email, locale: toLocale(row.locale ?? 'fr') });
	}
	return [...seen.values()];
}

/** The languages of the accounts holding these addresses. */
export async function recipientsFor(db: Executor, emails: (string | null)[]): Promise<Recipient[]> {
	const wanted = distinct(emails.map((email) => ({ email, locale: null })));
	if (!wanted.length) return [];
	const accounts = await db
		.select({ email: user.email, locale: user.locale })
		.from(user)
		.where(
			inArray(
				user.email,
				wanted.map((r) => r.email)
			)
		);
	const locales = new Map(accounts.map((a) => [a.email.toLowerCase(), a.locale]));
	return wanted.map((r) => ({ email: r.email, locale: toLocale(locales.get(r.email) ?? 'fr') }));
}

/**
 * Whoever answers for an action item: the person named, else the focal points of the organisation
 * named, else — a role such as "Coordinateur CRP" — the cluster's coordinators.
 */
export async function actionRecipients(
	db: Executor,
	item: { clusterId: string; responsibleOrganisationId: string | null; responsiblePersonId: string | null }
): Promise<Recipient[]> {
	if (item.responsiblePersonId) {
		const rows = await db
			.select({ email: person.email, locale: user.locale })
			.from(person)
			.leftJoin(user, eq(user.id, person.userId))
			.where(and(eq(person.id, item.responsiblePersonId), isNull(person.erasedAt)));
		const found = distinct(rows);
		if (found.length) return found;
	}
	if (item.responsibleOrganisationId) {
		const found = await holders(
			db,
			'focal-point',
			eq(roleGrant.organisationId, item.responsibleOrganisationId)
		);
		if (found.length) return found;
	}
	return holders(db, 'coordinator', eq(roleGrant.clusterId, item.clusterId));
}

async function holders(db: Executor, role: 'focal-point' | 'coordinator', scope: ReturnType<typeof eq>) {
	const rows = await db
		.select({ email: user.email, locale: user.locale })
		.from(roleGrant)
		.innerJoin(user, eq(user.id, roleGrant.userId))
		.where(and(eq(roleGrant.role, role), scope));
	return distinct(rows);
}
