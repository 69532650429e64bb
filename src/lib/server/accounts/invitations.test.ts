import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { openTestApp, TEST_PUBLIC_URL } from '../../../../tests/app';
import type { App } from '../app';
import { invitation, mailOutbox, user } from '../db/schema';
import { loadActor } from '../access/actor';
import { acceptInvitation, findOpenInvitation, INVITATION_DAYS, inviteUser } from './invitations';
import { signIn } from './sign-in';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

describe(`invitations [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let app: App;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		app = await openTestApp(t.connection);
	});

	const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
	const signInWith = (email: string, password: string) =>
		signIn(app, { email, password, headers: new Headers() }, 'fr');

	async function invite(email: string, locale: 'fr' | 'en' = 'fr') {
		const admin = await world.as('admin');
		return inviteUser(
			admin,
			{
				email,
				name: `Invité ${email}`,
				locale,
				grants: [{ role: 'focal-point', organisationId: world.orgA }]
			},
			TEST_PUBLIC_URL
		);
	}

	it('mails the invited person a link, valid 7 days, that sets a password usable to sign in', async () => {
		const started = Date.now();
		const { user: invited, link } = await invite('hawa@example.org');
		expect(link).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/invitation\\?token=`));

		const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, 'hawa@example.org'));
		expect(mail!.subject).toBe(m.mail_invitation_subject({}, { locale: 'fr' }));
		expect(mail!.body).toContain(link);
		const [stored] = await t.db.select().from(invitation).where(eq(invitation.userId, invited.id));
		const days = (stored!.expiresAt.getTime() - started) / 86_400_000;
		expect(days).toBeGreaterThan(INVITATION_DAYS - 0.01);
		expect(days).toBeLessThan(INVITATION_DAYS + 0.01);
		// The token travels in the mail only: the database keeps its hash.
		expect(stored!.tokenHash).not.toBe(tokenOf(link));

		// No password yet: nobody can sign in to the account before the invitation is accepted.
		expect(await signInWith('hawa@example.org', 'anything at all')).toMatchObject({ ok: false });
		const actor = await loadActor(t.db, invited.id);
		expect(actor!.grants).toEqual([{ role: 'focal-point', clusterId: null, organisationId: world.orgA }]);

		await acceptInvitation(t.db, tokenOf(link), 'un mot de passe solide', 'fr');
		expect(await signInWith('hawa@example.org', 'un mot de passe solide')).toMatchObject({ ok: true });
	});

	it('writes the mail in the language of the invited person', async () => {
		const { link } = await invite('ibrahim@example.org', 'en');
		const [mail] = await t.db
			.select()
			.from(mailOutbox)
			.where(eq(mailOutbox.recipient, 'ibrahim@example.org'));
		expect(mail!.subject).toBe(m.mail_invitation_subject({}, { locale: 'en' }));
		expect(mail!.body).toContain(link);
	});

	it('a used invitation cannot be used again', async () => {
		const { link } = await invite('jeanne@example.org');
		await acceptInvitation(t.db, tokenOf(link), 'premier mot de passe', 'fr');
		const error = await acceptInvitation(t.db, tokenOf(link), 'second mot de passe', 'en').catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'token', message: m.invitation_invalid({}, { locale: 'en' }) }
		]);
		expect(await signInWith('jeanne@example.org', 'second mot de passe')).toMatchObject({ ok: false });
		expect(await signInWith('jeanne@example.org', 'premier mot de passe')).toMatchObject({ ok: true });
	});

	it('an invitation older than 7 days is refused', async () => {
		const { user: invited, link } = await invite('kadia@example.org');
		await t.db
			.update(invitation)
			.set({ expiresAt: sql`now() - interval '1 minute'` })
			.where(eq(invitation.userId, invited.id));
		expect(await findOpenInvitation(t.db, tokenOf(link))).toBeNull();
		await expect(acceptInvitation(t.db, tokenOf(link), 'trop tard pour moi', 'fr')).rejects.toBeInstanceOf(
			ValidationError
		);
		expect(await signInWith('kadia@example.org', 'trop tard pour moi')).toMatchObject({ ok: false });
	});

	it('a made-up token is refused', async () => {
		await expect(acceptInvitation(t.db, 'made-up-token', 'un mot de passe', 'fr')).rejects.toBeInstanceOf(
			ValidationError
		);
	});

	it('a password too short is refused and the invitation stays open', async () => {
		const { link } = await invite('lamine@example.org');
		const error = await acceptInvitation(t.db, tokenOf(link), 'court', 'fr').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect(await findOpenInvitation(t.db, tokenOf(link))).not.toBeNull();
		await acceptInvitation(t.db, tokenOf(link), 'assez long maintenant', 'fr');
		expect(await signInWith('lamine@example.org', 'assez long maintenant')).toMatchObject({ ok: true });
	});

	it('only administrators invite, and an address already in use is a conflict with nothing saved', async () => {
		const users = async () => (await t.db.select({ n: count() }).from(user))[0]!.n;
		const mails = async () => (await t.db.select({ n: count() }).from(mailOutbox))[0]!.n;
		const before = { users: await users(), mails: await mails(), audit: await auditCount(t.db) };
		const input = { email: 'moussa@example.org', name: 'Moussa' };
		await expect(inviteUser(await world.as('coordinator'), input, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(inviteUser(await world.as('visitor'), input, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		const admin = await world.as('admin');
		const taken = { email: 'HAWA@example.org', name: 'Hawa again' };
		await expect(inviteUser(admin, taken, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(ConflictError);
		const bad = await inviteUser(admin, { email: 'pas une adresse', name: '' }, TEST_PUBLIC_URL).catch(
			(e: unknown) => e
		);
		expect(bad).toBeInstanceOf(ValidationError);
		expect((bad as ValidationError).errors.map((e) => e.path).sort()).toEqual(['email', 'name']);
		expect({ users: await users(), mails: await mails(), audit: await auditCount(t.db) }).toEqual(before);
	});
});
