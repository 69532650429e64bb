/**
 * The project a review is about, as the review module reads it, and the one rule for refusing:
 * who may not know the project exists gets "not found", who knows it but may not do this "forbidden".
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import type { Executor } from '../../db/client';
import { cluster, organisation, plan, project, projectReview, type ProjectStatus } from '../../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors';
import { isId } from '../../directory/schema';
import { readsProject } from '../access';

/** Reviewers are assigned, score and correct while the project waits for the coordinator's decision. */
export const REVIEWABLE_STATUSES: readonly ProjectStatus[] = ['submitted', 'under-review'];

export function isReviewable(status: ProjectStatus): boolean {
	return REVIEWABLE_STATUSES.includes(status);
}

/** Whether reviews and the committee may change now: reviewable, and its plan not closed. */
export function isOpenForReview(p: { status: ProjectStatus; planStatus: string }): boolean {
	return isReviewable(p.status) && p.planStatus !== 'closed';
}

const projectColumns = {
	id: project.id,
	code: project.code,
	titleFr: project.titleFr,
	titleEn: project.titleEn,
	status: project.status,
	planId: project.planId,
	planStatus: plan.status,
	clusterId: project.clusterId,
	clusterCode: cluster.code,
	clusterNameFr: cluster.nameFr,
	clusterNameEn: cluster.nameEn,
	organisationId: project.organisationId,
	organisationName: organisation.name,
	organisationAcronym: organisation.acronym,
	budgetUsd: project.budgetUsd,
	peopleTargeted: project.peopleTargeted
};

export type ReviewProject = Awaited<ReturnType<typeof findReviewProject>>;

/**
 * The project with the names a review page shows; `lock` holds its row (FOR UPDATE) so that its
 * status cannot change under a write. Throws NotFoundError when there is none.
 */
export async function findReviewProject(db: Executor, id: string, { lock = false } = {}) {
	if (!isId(id)) throw new NotFoundError();
	const query = db
		.select(projectColumns)
		.from(project)
		.innerJoin(plan, eq(plan.id, project.planId))
		.innerJoin(cluster, eq(cluster.id, project.clusterId))
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.where(eq(project.id, id));
	const [row] = lock ? await query.for('update', { of: project }) : await query;
	if (!row) throw new NotFoundError();
	return row;
}

/** The user's assignment to the project, if any. */
export async function findAssignment(db: Executor, projectId: string, userId: string, { lock = false } = {}) {
	const query = db
		.select()
		.from(projectReview)
		.where(and(eq(projectReview.projectId, projectId), eq(projectReview.reviewerUserId, userId)));
	const [row] = lock ? await query.for('update') : await query;
	return row;
}

/**
 * Lets through when `allowed`; otherwise a visitor is sent to sign in, a user who may read the
 * project is forbidden, and one who may not is told it does not exist.
 */
export function authorizeOnProject(
	actor: Actor | null,
	p: ReviewProject,
	allowed: boolean,
	{ reviewer = false }: { reviewer?: boolean } = {}
): asserts actor is Actor {
	if (!actor) throw new UnauthenticatedError();
	if (allowed) return;
	const readable = readsProject(actor, p, { reviewer, planPublished: p.planStatus !== 'draft' });
	throw readable ? new ForbiddenError() : new NotFoundError();
}

/** The project's title in the reader's language. */
export const projectTitle = (p: { titleFr: string; titleEn: string | null }, locale: string) =>
	locale === 'en' && p.titleEn ? p.titleEn : p.titleFr;
