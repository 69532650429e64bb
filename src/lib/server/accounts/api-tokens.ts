import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { apiToken } from '../db/schema';
import type { Actor } from '../access/actor';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { tokenInput } from './schema';

const PREFIX = 'cto_';

function digest(token: string) {
	return createHash('sha256').update(token).digest('hex');
}

/** Returns the token once; only its hash is stored. */
export async function issueApiToken(db: Executor, actor: Actor, name: string) {
	const token = PREFIX + randomBytes(24).toString('base64url');
	const [row] = await db
		.insert(apiToken)
		.values({ userId: actor.userId, name, tokenHash: digest(token), prefix: token.slice(0, 8) })
		.returning({
			id: apiToken.id,
			name: apiToken.name,
			prefix: apiToken.prefix,
			createdAt: apiToken.createdAt
		});
	await recordAudit(db, actor, {
		action: 'create',
		entityType: 'api-token',
		entityId: row!.id,
		after: { name }
	});
	return { ...row!, token };
}

export async function createApiToken(ctx: Ctx, input: unknown) {
	authorize(ctx.actor, true);
	const { name } = parseInput(tokenInput, input, ctx.locale);
	return ctx.db.transaction((tx) => issueApiToken(tx, ctx.actor!, name));
}

export async function listApiTokens(ctx: Ctx) {
	authorize(ctx.actor, true);
	return ctx.db
		.select({
			id: apiToken.id,
			name: apiToken.name,
			prefix: apiToken.prefix,
			createdAt: apiToken.createdAt,
			lastUsedAt: apiToken.lastUsedAt
		})
		.from(apiToken)
		.where(and(eq(apiToken.userId, ctx.actor.userId), isNull(apiToken.revokedAt)))
		.orderBy(desc(apiToken.createdAt));
}

/** A user revokes only their own tokens; someone else's is "not found". */
export async function revokeApiToken(ctx: Ctx, id: string) {
	authorize(ctx.actor, true);
	if (!isId(id)) throw new NotFoundError();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(apiToken)
			.set({ revokedAt: new Date() })
			.where(and(eq(apiToken.id, id), eq(apiToken.userId, ctx.actor!.userId), isNull(apiToken.revokedAt)))
			.returning();
		if (!row) throw new NotFoundError();
		await recordAudit(tx, ctx.actor, {
			action: 'revoke',
			entityType: 'api-token',
			entityId: id,
			before: { name: row.name }
		});
	});
}

/** The user a bearer token belongs to, or null when it is unknown or revoked. */
export async function userIdForToken(db: Executor, token: string): Promise<string | null> {
	if (!token.startsWith(PREFIX)) return null;
	const [row] = await db
		.update(apiToken)
		.set({ lastUsedAt: new Date() })
		.where(and(eq(apiToken.tokenHash, digest(token)), isNull(apiToken.revokedAt)))
		.returning({ userId: apiToken.userId });
	return row?.userId ?? null;
}
