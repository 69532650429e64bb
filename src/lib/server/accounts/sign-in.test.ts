import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, PASSWORD } from '../../../../tests/actors';
import { cookiesFrom, openTestApp } from '../../../../tests/app';
import type { App } from '../app';
import { auditEvent, signInThrottle } from '../db/schema';
import { signIn } from './sign-in';
import { LOCK_AFTER, LOCK_MINUTES, SLOW_AFTER, recordFailure, throttleState } from './sign-in-throttle';
import { m } from '$lib/paraglide/messages';

describe(`sign-in [${databaseKind}]`, () => {
	const t = useTestDatabase();
	/** Two app instances on the same database, each through its own connection. */
	let first: App;
	let second: App;

	beforeAll(async () => {
		first = await openTestApp(t.connection);
		second = await openTestApp(await t.connectAgain());
	});

	const attempt = (app: App, email: string, password: string, locale: 'fr' | 'en' = 'fr') =>
		signIn(app, { email, password, headers: new Headers() }, locale);

	async function failuresOf(email: string) {
		const [row] = await t.db.select().from(signInThrottle).where(eq(signInThrottle.key, email));
		return row?.failures ?? 0;
	}

	it('signs in with the right password and opens a session stored in the database', async () => {
		const id = await addUser(t.db, { email: 'awa@example.org', name: 'Awa', password: PASSWORD });
		const result = await attempt(first, ' Awa@Example.org ', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// The other instance knows the session: it lives in the database, not in memory.
		const session = await second.auth.api.getSession({ headers: cookiesFrom(result.headers) });
		expect(session?.user.id).toBe(id);
		const signIns = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'sign-in'), eq(auditEvent.entityId, id)));
		expect(signIns).toHaveLength(1);
	});

	it('refuses a wrong password and an unknown address alike, in the user language', async () => {
		await addUser(t.db, { email: 'binta@example.org', name: 'Binta', password: PASSWORD });
		const wrong = await attempt(first, 'binta@example.org', 'not the password', 'fr');
		const unknown = await attempt(first, 'nobody@example.org', PASSWORD, 'fr');
		expect(wrong).toEqual({ ok: false, message: m.sign_in_failed({}, { locale: 'fr' }) });
		expect(unknown).toEqual(wrong);
		const english = await attempt(first, 'binta@example.org', 'not the password', 'en');
		expect(english).toEqual({ ok: false, message: m.sign_in_failed({}, { locale: 'en' }) });
		expect(english).not.toEqual(wrong);
		expect(await attempt(first, 'not an address', PASSWORD)).toMatchObject({ ok: false });
		expect(await attempt(first, 'binta@example.org', '')).toMatchObject({ ok: false });
	});

	it('slows down after repeated failures, then locks the address, counted across instances', async () => {
		const email = 'chaka@example.org';
		await addUser(t.db, { email, name: 'Chaka', password: PASSWORD });
		for (let i = 0; i < SLOW_AFTER; i++) {
			expect(await attempt(i % 2 ? second : first, email, 'wrong password')).toMatchObject({ ok: false });
		}
		expect(await failuresOf(email)).toBe(SLOW_AFTER);

		// The other instance sees the count and makes the next attempt wait.
		const state = await throttleState(second.db, email);
		expect(state.locked).toBe(false);
		const delayMs = state.locked ? 0 : state.delayMs;
		expect(delayMs).toBeGreaterThan(0);
		const started = performance.now();
		expect(await attempt(second, email, 'wrong password')).toMatchObject({ ok: false });
		expect(performance.now() - started).toBeGreaterThanOrEqual(delayMs - 5);
		expect(await failuresOf(email)).toBe(SLOW_AFTER + 1);

		// Up to the lock (recorded directly: the growing delays would only make the test slow).
		for (let n = SLOW_AFTER + 1; n < LOCK_AFTER; n++) await recordFailure(first.db, email);
		const locked = await throttleState(first.db, email);
		expect(locked).toEqual({ locked: true, retryAfterMinutes: LOCK_MINUTES });

		// Locked: even the right password is refused, on either instance, with the wait in minutes.
		for (const [app, locale] of [
			[first, 'fr'],
			[second, 'en']
		] as const) {
			expect(await attempt(app, email, PASSWORD, locale)).toEqual({
				ok: false,
				message: m.sign_in_locked({ minutes: LOCK_MINUTES }, { locale })
			});
		}
		// Other addresses are not affected.
		await addUser(t.db, { email: 'dado@example.org', name: 'Dado', password: PASSWORD });
		expect(await attempt(second, 'dado@example.org', PASSWORD)).toMatchObject({ ok: true });

		// Once the lock has run out, the right password works and the count is cleared.
		await t.db
			.update(signInThrottle)
			.set({ lockedUntil: sql`now() - interval '1 minute'` })
			.where(eq(signInThrottle.key, email));
		expect(await attempt(second, email, PASSWORD)).toMatchObject({ ok: true });
		expect(await failuresOf(email)).toBe(0);
	});

	it('a success clears the failures', async () => {
		const email = 'fanta@example.org';
		await addUser(t.db, { email, name: 'Fanta', password: PASSWORD });
		await attempt(first, email, 'wrong password');
		await attempt(second, email, 'wrong password');
		expect(await failuresOf(email)).toBe(2);
		expect(await attempt(first, email, PASSWORD)).toMatchObject({ ok: true });
		expect(await failuresOf(email)).toBe(0);
		expect(await throttleState(second.db, email)).toEqual({ locked: false, delayMs: 0 });
	});

	it('a lock that has run out starts the count again: no delay left from before the lock', async () => {
		const email = 'gaoussou@example.org';
		const now = new Date();
		for (let n = 0; n < LOCK_AFTER; n++) await recordFailure(t.db, email, now);
		expect((await throttleState(t.db, email, now)).locked).toBe(true);
		const afterLock = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
		expect(await throttleState(t.db, email, afterLock)).toEqual({ locked: false, delayMs: 0 });
		// The next failure counts as the first one.
		await recordFailure(t.db, email, afterLock);
		expect(await failuresOf(email)).toBe(1);
	});
});
