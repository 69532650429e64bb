/**
 * A cluster's needs figures are a series of revisions, each a whole set of figures with its source:
 * the current figures are the latest revision. These are the reads; save.ts and import.ts write.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { location, needFigure, needRevision, populationGroup, user } from '../../db/schema';
import { NotFoundError } from '../../errors';
import { findPlanPart, type PlanPart } from '../access';
import type { Counts } from './counts';

export interface Revision {
	id: string;
	number: number;
	source: string;
	sourceDate: string;
	note: string | null;
	illustrative: boolean;
	/** Who saved it; null once that account is gone. */
	author: string | null;
	createdAt: Date;
}

export interface Figure {
	pcode: string;
	/** The population group's code. */
	group: string;
	inNeed: Counts;
	targeted: Counts;
}

const revisionColumns = {
	id: needRevision.id,
	number: needRevision.number,
	source: needRevision.source,
	sourceDate: needRevision.sourceDate,
	note: needRevision.note,
	illustrative: needRevision.illustrative,
	author: user.name,
	createdAt: needRevision.createdAt
};

export async function latestRevision(db: Executor, planClusterId: string): Promise<Revision | null> {
	const [row] = await db
		.select(revisionColumns)
		.from(needRevision)
		.leftJoin(user, eq(user.id, needRevision.createdByUserId))
		.where(eq(needRevision.planClusterId, planClusterId))
		.orderBy(desc(needRevision.number))
		.limit(1);
	return row ?? null;
}

export async function revisionByNumber(
	db: Executor,
	planClusterId: string,
	number: number
): Promise<Revision | null> {
	const [row] = await db
		.select(revisionColumns)
		.from(needRevision)
		.leftJoin(user, eq(user.id, needRevision.createdByUserId))
		.where(and(eq(needRevision.planClusterId, planClusterId), eq(needRevision.number, number)));
	return row ?? null;
}

export async function figuresOf(db: Executor, revisionId: string): Promise<Figure[]> {
	return db
		.select({
			pcode: location.pcode,
			group: populationGroup.code,
			inNeed: needFigure.inNeed,
			targeted: needFigure.targeted
		})
		.from(needFigure)
		.innerJoin(location, eq(location.id, needFigure.locationId))
		.innerJoin(populationGroup, eq(populationGroup.id, needFigure.populationGroupId))
		.where(eq(needFigure.revisionId, revisionId));
}

/** A revision of a plan part the user may read: the given number, or the latest (null if none yet). */
export async function readRevision(
	ctx: Ctx,
	part: PlanPart,
	number?: number
): Promise<{ revision: Revision; figures: Figure[] } | null> {
	const revision =
		number === undefined
			? await latestRevision(ctx.db, part.planCluster.id)
			: await revisionByNumber(ctx.db, part.planCluster.id, number);
	if (!revision) {
		if (number !== undefined) throw new NotFoundError();
		return null;
	}
	return { revision: withAuthorFor(ctx, revision), figures: await figuresOf(ctx.db, revision.id) };
}

export interface RevisionSummary extends Revision {
	rows: number;
}

/** Every revision of a cluster's needs, newest first, with how many rows each holds. */
export async function listRevisions(
	ctx: Ctx,
	planId: string,
	clusterCode: string
): Promise<{ part: PlanPart; items: RevisionSummary[] }> {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const items = await ctx.db
		.select({ ...revisionColumns, rows: count(needFigure.revisionId) })
		.from(needRevision)
		.leftJoin(user, eq(user.id, needRevision.createdByUserId))
		.leftJoin(needFigure, eq(needFigure.revisionId, needRevision.id))
		.where(eq(needRevision.planClusterId, part.planCluster.id))
		.groupBy(needRevision.id, user.name)
		.orderBy(desc(needRevision.number));
	return { part, items: items.map((r) => withAuthorFor(ctx, r)) };
}

/** Who saved a revision is told to signed-in users only: a published plan's visitors see figures. */
export function withAuthorFor<R extends Revision>(ctx: Ctx, revision: R): R {
	return ctx.actor ? revision : { ...revision, author: null };
}

export const byPlaceAndGroup = (f: Pick<Figure, 'pcode' | 'group'>) => `${f.pcode}/${f.group}`;
