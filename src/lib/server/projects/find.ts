import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { plan, project, projectReview } from '../db/schema';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { readsProject, type FoundProject } from './access';

/** Whether the user is assigned to review the project. */
export async function isReviewer(
	db: Executor,
	userId: string | undefined,
	projectId: string
): Promise<boolean> {
	if (!userId) return false;
	const [row] = await db
		.select({ id: projectReview.projectId })
		.from(projectReview)
		.where(and(eq(projectReview.projectId, projectId), eq(projectReview.reviewerUserId, userId)));
	return !!row;
}

/**
 * The project, if the user may know it exists (404 otherwise, as for a project that is not there).
 * `forUpdate` locks the row for a write in the same transaction.
 */
export async function findProject(
	ctx: Ctx,
	id: string,
	db: Executor = ctx.db,
	forUpdate = false
): Promise<FoundProject> {
	if (!isId(id)) throw new NotFoundError();
	const query = db
		.select({ project, planStatus: plan.status })
		.from(project)
		.innerJoin(plan, eq(plan.id, project.planId))
		.where(eq(project.id, id));
	const [row] = forUpdate ? await query.for('update', { of: project }) : await query;
	if (!row) throw new NotFoundError();
	const reviewer = await isReviewer(db, ctx.actor?.userId, id);
	if (!readsProject(ctx.actor, row.project, { reviewer, planPublished: row.planStatus !== 'draft' }))
		throw new NotFoundError();
	return { ...row.project, planStatus: row.planStatus };
}
