/**
 * The reviews a user was assigned, across clusters and plans: those still to do first, then those
 * handed in (which may be corrected until the decision) and those whose project was decided.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { cluster, organisation, project, projectReview } from '../../db/schema';
import { authorize } from '../../access/policy';
import { isReviewable } from './review-project';

/** `to-do`: not handed in and still open; `handed-in`: may still be corrected; `closed`: no more changes. */
export type MyReviewState = 'to-do' | 'handed-in' | 'closed';

export async function listMyReviews(ctx: Ctx) {
	authorize(ctx.actor, ctx.actor !== null);
	const rows = await ctx.db
		.select({
			projectId: project.id,
			code: project.code,
			titleFr: project.titleFr,
			titleEn: project.titleEn,
			status: project.status,
			clusterCode: cluster.code,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym,
			assignedAt: projectReview.assignedAt,
			submittedAt: projectReview.submittedAt,
			recommendation: projectReview.recommendation
		})
		.from(projectReview)
		.innerJoin(project, eq(project.id, projectReview.projectId))
		.innerJoin(cluster, eq(cluster.id, project.clusterId))
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.where(eq(projectReview.reviewerUserId, ctx.actor.userId))
		.orderBy(sql`${projectReview.submittedAt} desc nulls first`, desc(projectReview.assignedAt));
	const items = rows
		// A project taken back to draft is not the reviewer's to read (projects/access.ts).
		.filter((r) => r.status !== 'draft')
		.map((r) => ({ ...r, state: stateOf(r) }));
	const rank: Record<MyReviewState, number> = { 'to-do': 0, 'handed-in': 1, closed: 2 };
	items.sort((a, b) => rank[a.state] - rank[b.state]);
	return { items, total: items.length };
}

function stateOf(r: { status: Parameters<typeof isReviewable>[0]; submittedAt: Date | null }): MyReviewState {
	if (!isReviewable(r.status)) return 'closed';
	return r.submittedAt ? 'handed-in' : 'to-do';
}
