import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context';
import { importUpload, type ImportKind } from '../db/schema';
import { authorize } from '../access/policy';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';

export type StagedRow = typeof importUpload.$inferSelect;

/**
 * A file staged between an import's preview and its confirmation, of one of these kinds. Only the
 * user who sent it sees it; anyone else is told it does not exist.
 */
export async function findStagedUpload(
	ctx: Ctx,
	id: string,
	kinds: readonly ImportKind[]
): Promise<StagedRow> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select()
		.from(importUpload)
		.where(
			and(
				eq(importUpload.id, id),
				eq(importUpload.userId, ctx.actor.userId),
				inArray(importUpload.kind, [...kinds])
			)
		);
	if (!row) throw new NotFoundError();
	return row;
}
