import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedWorld, type World } from '../../../../tests/actors';
import { apiToken } from '../db/schema';
import { createApiToken, listApiTokens, revokeApiToken, userIdForToken } from './api-tokens';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../errors';

describe(`API tokens [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	it('issues a token that resolves to its owner, shown once and stored only as a hash', async () => {
		const focal = await world.as('focalPointA');
		const issued = await createApiToken(focal, { name: 'Tableur de suivi' });
		expect(issued.token).toMatch(/^cto_[A-Za-z0-9_-]{20,}$/);
		expect(issued.prefix).toBe(issued.token.slice(0, 8));
		expect(await userIdForToken(t.db, issued.token)).toBe(world.users.focalPointA);

		const [stored] = await t.db.select().from(apiToken).where(eq(apiToken.id, issued.id));
		expect(stored!.tokenHash).not.toContain(issued.token.slice(4));
		expect(JSON.stringify(stored)).not.toContain(issued.token);
		expect(stored!.lastUsedAt).toBeInstanceOf(Date);

		const listed = await listApiTokens(focal);
		expect(listed).toEqual([expect.objectContaining({ id: issued.id, name: 'Tableur de suivi' })]);
		expect(JSON.stringify(listed)).not.toContain(issued.token);
	});

	it('resolves nothing for an unknown, altered or foreign-looking token', async () => {
		const issued = await createApiToken(await world.as('observer'), { name: 'x' });
		expect(await userIdForToken(t.db, `${issued.token}x`)).toBeNull();
		expect(await userIdForToken(t.db, 'cto_unknown')).toBeNull();
		expect(await userIdForToken(t.db, issued.token.slice(4))).toBeNull();
		expect(await userIdForToken(t.db, '')).toBeNull();
	});

	it('another user cannot revoke a token: it is not found, and keeps working', async () => {
		const issued = await createApiToken(await world.as('focalPointA'), { name: 'À garder' });
		for (const who of ['focalPointB', 'admin'] as const) {
			await expect(revokeApiToken(await world.as(who), issued.id)).rejects.toBeInstanceOf(NotFoundError);
		}
		expect(await userIdForToken(t.db, issued.token)).toBe(world.users.focalPointA);
	});

	it('a revoked token resolves to nobody and leaves the list; revoking twice is not found', async () => {
		const owner = await world.as('coordinator');
		const issued = await createApiToken(owner, { name: 'Ancien script' });
		await revokeApiToken(owner, issued.id);
		expect(await userIdForToken(t.db, issued.token)).toBeNull();
		expect((await listApiTokens(owner)).map((x) => x.id)).not.toContain(issued.id);
		await expect(revokeApiToken(owner, issued.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('a visitor cannot issue or revoke tokens, and a token needs a name', async () => {
		const visitor = await world.as('visitor');
		await expect(createApiToken(visitor, { name: 'x' })).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(revokeApiToken(visitor, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		const error = await createApiToken(await world.as('observer'), { name: '  ' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors[0]!.path).toBe('name');
	});
});
