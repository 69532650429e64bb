/**
 * All reviews of a project side by side, for the coordinators of its cluster who decide: criteria ×
 * reviewers, each reviewer's total, the average of each criterion over the reviews handed in, the
 * recommendations and the comments. A reviewer who asks sees the same table with their own review alone.
 */
import { asc, and, eq, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { organisation, person, projectReview, user, type ReviewRecommendation } from '../../db/schema';
import { authorize } from '../../access/policy';
import { vetsProject } from '../access';
import { criteriaOfCluster, type Criterion } from './criteria';
import { costPerPerson } from './cost-per-person';
import { criteriaShown } from './scoring';
import { authorizeOnProject, findAssignment, findReviewProject, isOpenForReview } from './review-project';

/** Rounded to two decimals, as averages are shown. */
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

function average(values: number[]): number | null {
	return values.length ? twoDecimals(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

interface ReviewRow {
	scores: Record<string, number>;
	submittedAt: Date | null;
	recommendation: ReviewRecommendation | null;
}

/**
 * Totals count the active criteria; averages are over the reviews handed in (a draft may still change).
 */
export function summarise(criteria: Criterion[], reviews: ReviewRow[]) {
	const active = criteria.filter((c) => !c.archived);
	const maxTotal = active.reduce((sum, c) => sum + c.maxScore, 0);
	const total = (r: ReviewRow) => active.reduce((sum, c) => sum + (r.scores[c.id] ?? 0), 0);
	const handedIn = reviews.filter((r) => r.submittedAt !== null);
	const recommendations = { approve: 0, revise: 0, reject: 0 } satisfies Record<ReviewRecommendation, number>;
	for (const r of handedIn) if (r.recommendation) recommendations[r.recommendation]++;
	return {
		maxTotal,
		totals: reviews.map(total),
		averages: Object.fromEntries(
			criteria.map((c) => [
				c.id,
				average(handedIn.flatMap((r) => (c.id in r.scores ? [r.scores[c.id]!] : [])))
			])
		) as Record<string, number | null>,
		averageTotal: average(handedIn.map(total)),
		handedIn: handedIn.length,
		recommendations
	};
}

/** The panel: every review for the cluster's coordinators, the caller's own for a reviewer. */
export async function getReviewPanel(ctx: Ctx, projectId: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const p = await findReviewProject(tx, projectId);
		const own = await findAssignment(tx, p.id, actor.userId);
		const vets = vetsProject(actor, p);
		authorizeOnProject(actor, p, vets || own !== undefined, { reviewer: own !== undefined });
		const criteria = await criteriaOfCluster(tx, p.clusterId);
		const where: SQL = vets
			? eq(projectReview.projectId, p.id)
			: and(eq(projectReview.projectId, p.id), eq(projectReview.reviewerUserId, actor.userId))!;
		const rows = await tx
			.select({
				userId: projectReview.reviewerUserId,
				name: user.name,
				email: user.email,
				organisationName: organisation.name,
				organisationAcronym: organisation.acronym,
				assignedAt: projectReview.assignedAt,
				scores: projectReview.scores,
				comment: projectReview.comment,
				recommendation: projectReview.recommendation,
				submittedAt: projectReview.submittedAt,
				updatedAt: projectReview.updatedAt
			})
			.from(projectReview)
			.innerJoin(user, eq(user.id, projectReview.reviewerUserId))
			.leftJoin(person, eq(person.userId, user.id))
			.leftJoin(organisation, eq(organisation.id, person.organisationId))
			.where(where)
			.orderBy(asc(projectReview.assignedAt), asc(user.name));
		const shown = criteriaShown(
			criteria,
			rows.map((r) => r.scores)
		);
		const summary = summarise(shown, rows);
		return {
			project: p,
			scope: vets ? ('all' as const) : ('own' as const),
			criteria: shown,
			reviews: rows.map((r, i) => ({ ...r, total: summary.totals[i]! })),
			summary,
			cost: await costPerPerson(tx, p.id),
			/** Coordinators assign reviewers and decide while the project is submitted or under review. */
			canManage: vets && isOpenForReview(p),
			assignedToMe: own !== undefined
		};
	});
}

/** What the decision box of the project page recalls: how many reviews, their average, what they advise. */
export async function reviewDigest(db: Executor, projectId: string, clusterId: string) {
	const rows = await db
		.select({
			scores: projectReview.scores,
			submittedAt: projectReview.submittedAt,
			recommendation: projectReview.recommendation
		})
		.from(projectReview)
		.where(eq(projectReview.projectId, projectId));
	if (!rows.length) return null;
	const summary = summarise(await criteriaOfCluster(db, clusterId), rows);
	return {
		reviewers: rows.length,
		handedIn: summary.handedIn,
		averageTotal: summary.averageTotal,
		maxTotal: summary.maxTotal,
		recommendations: summary.recommendations
	};
}

export type ReviewDigest = NonNullable<Awaited<ReturnType<typeof reviewDigest>>>;
