import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { openTestApp } from '../../../../tests/app';
import { roleGrant, user } from '../db/schema';
import { loadActor } from '../access/actor';
import { createFirstAdmin, needsSetup } from './setup';
import { signIn } from './sign-in';
import { ConflictError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

describe(`first administrator [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const userCount = async () => (await t.db.select({ n: count() }).from(user))[0]!.n;

	it('refuses bad input on an empty installation and saves nothing', async () => {
		expect(await needsSetup(t.db)).toBe(true);
		const error = await createFirstAdmin(t.db, { email: 'admin@', name: '', password: 'court' }, 'fr').catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual([
			'email',
			'name',
			'password'
		]);
		expect(await userCount()).toBe(0);
		expect(await needsSetup(t.db)).toBe(true);
	});

	it('two visitors racing on an empty installation make exactly one administrator, who can sign in', async () => {
		// On PostgreSQL the racers use two connections, as two app instances would.
		const other = await t.connectAgain();
		const racers = [t.db, other.db, t.db, other.db].map((db, i) => ({
			db,
			email: `racer${i}@example.org`,
			password: `racing password ${i}`
		}));
		const results = await Promise.allSettled(
			racers.map((r, i) =>
				createFirstAdmin(r.db, { email: r.email, name: `Racer ${i}`, password: r.password }, 'fr')
			)
		);
		const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
		expect(won).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
		expect(await userCount()).toBe(1);
		expect(await t.db.select({ n: count() }).from(roleGrant)).toEqual([{ n: 1 }]);
		expect(await needsSetup(t.db)).toBe(false);

		const admin = won[0]!;
		expect((await loadActor(t.db, admin.id))!.grants).toEqual([
			{ role: 'admin', clusterId: null, organisationId: null }
		]);
		const winner = racers.find((r) => r.email === admin.email)!;
		const app = await openTestApp(t.connection);
		const result = await signIn(
			app,
			{ email: winner.email.toUpperCase(), password: winner.password, headers: new Headers() },
			'fr'
		);
		expect(result.ok).toBe(true);
	});

	it('once there is an administrator, set-up is refused in the user language', async () => {
		const again = await createFirstAdmin(
			t.db,
			{ email: 'second@example.org', name: 'Second', password: 'un autre mot de passe' },
			'en'
		).catch((e: unknown) => e);
		expect(again).toBeInstanceOf(ConflictError);
		expect((again as ConflictError).errors).toEqual([
			{ path: 'email', message: m.setup_done({}, { locale: 'en' }) }
		]);
		expect(await userCount()).toBe(1);
	});
});
