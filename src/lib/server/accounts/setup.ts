import { count } from 'drizzle-orm';
import type { Database } from '../db/client';
import { user } from '../db/schema';
import { ConflictError } from '../errors';
import { insertUser } from './users';
import { newUserInput } from './schema';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

export async function needsSetup(db: Database): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(user);
	return (row?.n ?? 0) === 0;
}

/** An empty installation's first visitor creates its first administrator, and only then. */
export async function createFirstAdmin(
	db: Database,
	input: { email: unknown; name: unknown; password: unknown },
	locale: Locale
) {
	return db.transaction(async (tx) => {
		// Serialises two visitors racing for the same empty installation.
		await tx.execute('lock table "user" in exclusive mode');
		const [row] = await tx.select({ n: count() }).from(user);
		if ((row?.n ?? 0) > 0)
			throw new ConflictError([{ path: 'email', message: m.setup_done({}, { locale }) }]);
		// The first administrator must be able to sign in: here the password is required.
		const values = parseInput(
			newUserInput.required({ password: true }),
			{ ...(input as object), locale, grants: [{ role: 'admin' }] },
			locale
		);
		return insertUser(tx, null, values, locale);
	});
}
