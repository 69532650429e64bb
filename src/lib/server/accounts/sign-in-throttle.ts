import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { signInThrottle } from '../db/schema';

/** After this many failures each further attempt waits a little longer. */
export const SLOW_AFTER = 3;
/** After this many failures the address is refused for LOCK_MINUTES. */
export const LOCK_AFTER = 10;
export const LOCK_MINUTES = 15;
const MAX_DELAY_MS = 4000;

export type ThrottleState = { locked: false; delayMs: number } | { locked: true; retryAfterMinutes: number };

/** Counted in the database so that every app instance sees the same count. */
export async function throttleState(db: Executor, email: string, now = new Date()): Promise<ThrottleState> {
	const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, email));
	if (!row) return { locked: false, delayMs: 0 };
	if (row.lockedUntil && row.lockedUntil > now) {
		return {
			locked: true,
			retryAfterMinutes: Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60000)
		};
	}
	// A lock that has run out starts the count again (recordFailure resets it on the next failure).
	if (row.lockedUntil) return { locked: false, delayMs: 0 };
	const extra = row.failures - SLOW_AFTER + 1;
	return { locked: false, delayMs: extra > 0 ? Math.min(extra * 500, MAX_DELAY_MS) : 0 };
}

export async function recordFailure(db: Executor, email: string, now = new Date()) {
	const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60000);
	await db
		.insert(signInThrottle)
		.values({ key: email, failures: 1, lastFailureAt: now })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: {
				// A lock that has run out starts the count again.
				failures: sql`case when ${signInThrottle.lockedUntil} is not null and ${signInThrottle.lockedUntil} <= ${now} then 1 else ${signInThrottle.failures} + 1 end`,
				lastFailureAt: now,
				lockedUntil: sql`case when ${signInThrottle.lockedUntil} is null and ${signInThrottle.failures} + 1 >= ${LOCK_AFTER} then ${lockUntil}::timestamptz when ${signInThrottle.lockedUntil} <= ${now} then null else ${signInThrottle.lockedUntil} end`
			}
		});
}

export async function clearFailures(db: Executor, email: string) {
	await db.delete(signInThrottle).where(eq(signInThrottle.key, email));
}
