/**
 * What the API sends out about reviews: criteria, committees, a reviewer's review, the panel of all
 * reviews side by side, the cost per person. Never a raw row: names in camelCase, dates as ISO text.
 */
import { z } from 'zod';
import { PROJECT_STATUSES, REVIEW_RECOMMENDATIONS } from '../../db/schema';
import { listOf } from '../../api/presenters';
import type { Criterion } from './criteria';
import type { ReviewProject } from './review-project';
import type { CostPerPerson } from './cost-per-person';
import type { getReviewPanel } from './compare';
import type { getMyReview } from './scoring';
import type { listMyReviews } from './my-reviews';
import type { assignmentsOf, findCandidates } from './assignments';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const recommendation = z.enum(REVIEW_RECOMMENDATIONS).nullable();
const money = z.string().meta({ description: 'USD, a decimal number as text' });

export const criterionOut = z
	.object({
		id,
		labelFr: z.string(),
		labelEn: z.string().nullable(),
		maxScore: z.int().meta({ description: 'Scores run from 0 to this' }),
		position: z.int(),
		archived: z.boolean()
	})
	.meta({ id: 'ReviewCriterion' });

export const criterionListOut = listOf(criterionOut);

export function presentCriterion(c: Criterion): z.output<typeof criterionOut> {
	return {
		id: c.id,
		labelFr: c.labelFr,
		labelEn: c.labelEn,
		maxScore: c.maxScore,
		position: c.position,
		archived: c.archived
	};
}

export const criterionList = (criteria: Criterion[]) => ({
	items: criteria.map(presentCriterion),
	total: criteria.length
});

const organisationOut = z.object({ name: z.string(), acronym: z.string().nullable() }).nullable();

export const assignmentOut = z
	.object({
		userId: id,
		name: z.string(),
		email: z.string(),
		organisation: organisationOut,
		assignedAt: timestamp,
		submittedAt: timestamp.nullable().meta({ description: 'When the review was handed in; null before' }),
		recommendation
	})
	.meta({ id: 'ReviewAssignment' });

export const assignmentListOut = listOf(assignmentOut);

type Assignment = Awaited<ReturnType<typeof assignmentsOf>>[number];

const organisationOf = (r: { organisationName: string | null; organisationAcronym: string | null }) =>
	r.organisationName === null ? null : { name: r.organisationName, acronym: r.organisationAcronym };

export function presentAssignment(a: Assignment): z.output<typeof assignmentOut> {
	return {
		userId: a.userId,
		name: a.name,
		email: a.email,
		organisation: organisationOf(a),
		assignedAt: a.assignedAt,
		submittedAt: a.submittedAt,
		recommendation: a.recommendation
	};
}

export const candidateListOut = listOf(
	z
		.object({
			userId: id,
			name: z.string(),
			email: z.string(),
			organisation: organisationOut,
			assigned: z.boolean().meta({ description: 'Already on the committee' }),
			conflict: z.boolean().meta({ description: 'Works for the appealing organisation: cannot review' })
		})
		.meta({ id: 'ReviewerCandidate' })
);

export function presentCandidates(found: Awaited<ReturnType<typeof findCandidates>>) {
	return {
		items: found.users.map((u) => ({
			userId: u.id,
			name: u.name,
			email: u.email,
			organisation: organisationOf(u),
			assigned: u.assigned,
			conflict: u.conflict
		})),
		total: found.users.length
	};
}

export const costOut = z
	.object({
		budgetUsd: money,
		peopleTargeted: z.int(),
		costPerPerson: money.nullable().meta({ description: 'Null when the project targets nobody' }),
		median: money.nullable().meta({
			description: 'Median cost per person of the cluster’s submitted projects in the plan'
		}),
		compared: z.int().meta({ description: 'How many projects the median is of' }),
		differencePercent: z.int().nullable().meta({ description: 'Above (+) or below (−) the median, percent' })
	})
	.meta({ id: 'CostPerPerson' });

export const presentCost = (c: CostPerPerson): z.output<typeof costOut> => ({ ...c });

const projectOut = z.object({
	id,
	code: z.string(),
	titleFr: z.string(),
	titleEn: z.string().nullable(),
	status: z.enum(PROJECT_STATUSES),
	cluster: z.object({ id, code: z.string() }),
	organisation: z.object({ id, name: z.string(), acronym: z.string().nullable() })
});

function presentProject(p: ReviewProject): z.output<typeof projectOut> {
	return {
		id: p.id,
		code: p.code,
		titleFr: p.titleFr,
		titleEn: p.titleEn,
		status: p.status,
		cluster: { id: p.clusterId, code: p.clusterCode },
		organisation: { id: p.organisationId, name: p.organisationName, acronym: p.organisationAcronym }
	};
}

const scores = z.record(z.string(), z.int()).meta({ description: 'Criterion id → score' });

export const myReviewOut = z
	.object({
		project: projectOut,
		criteria: z.array(criterionOut),
		scores,
		comment: z.string(),
		recommendation,
		submittedAt: timestamp.nullable(),
		canEdit: z.boolean().meta({ description: 'Until the coordinator decides' })
	})
	.meta({ id: 'MyReview' });

export function presentMyReview(r: Awaited<ReturnType<typeof getMyReview>>): z.output<typeof myReviewOut> {
	return {
		project: presentProject(r.project),
		criteria: r.criteria.map(presentCriterion),
		scores: r.review.scores,
		comment: r.review.comment,
		recommendation: r.review.recommendation,
		submittedAt: r.review.submittedAt,
		canEdit: r.canEdit
	};
}

export const panelOut = z
	.object({
		project: projectOut,
		scope: z.enum(['all', 'own']).meta({ description: 'all: the coordination; own: a reviewer' }),
		criteria: z.array(
			criterionOut.extend({
				average: z.number().nullable().meta({ description: 'Over the reviews handed in' })
			})
		),
		reviews: z.array(
			z.object({
				reviewer: z.object({ userId: id, name: z.string(), organisation: organisationOut }),
				scores,
				total: z.int().meta({ description: 'Over the active criteria' }),
				comment: z.string(),
				recommendation,
				assignedAt: timestamp,
				submittedAt: timestamp.nullable()
			})
		),
		maxTotal: z.int(),
		averageTotal: z.number().nullable(),
		handedIn: z.int(),
		recommendations: z.object({ approve: z.int(), revise: z.int(), reject: z.int() }),
		cost: costOut
	})
	.meta({ id: 'ReviewPanel' });

export function presentPanel(p: Awaited<ReturnType<typeof getReviewPanel>>): z.output<typeof panelOut> {
	return {
		project: presentProject(p.project),
		scope: p.scope,
		criteria: p.criteria.map((c) => ({ ...presentCriterion(c), average: p.summary.averages[c.id] ?? null })),
		reviews: p.reviews.map((r) => ({
			reviewer: { userId: r.userId, name: r.name, organisation: organisationOf(r) },
			scores: r.scores,
			total: r.total,
			comment: r.comment,
			recommendation: r.recommendation,
			assignedAt: r.assignedAt,
			submittedAt: r.submittedAt
		})),
		maxTotal: p.summary.maxTotal,
		averageTotal: p.summary.averageTotal,
		handedIn: p.summary.handedIn,
		recommendations: p.summary.recommendations,
		cost: presentCost(p.cost)
	};
}

export const myReviewListOut = listOf(
	z
		.object({
			project: z.object({
				id,
				code: z.string(),
				titleFr: z.string(),
				titleEn: z.string().nullable(),
				status: z.enum(PROJECT_STATUSES),
				cluster: z.string(),
				organisation: z.string()
			}),
			state: z.enum(['to-do', 'handed-in', 'closed']),
			assignedAt: timestamp,
			submittedAt: timestamp.nullable(),
			recommendation
		})
		.meta({ id: 'AssignedReview' })
);

export function presentMyReviews(list: Awaited<ReturnType<typeof listMyReviews>>) {
	return {
		items: list.items.map((r) => ({
			project: {
				id: r.projectId,
				code: r.code,
				titleFr: r.titleFr,
				titleEn: r.titleEn,
				status: r.status,
				cluster: r.clusterCode,
				organisation: r.organisationAcronym ?? r.organisationName
			},
			state: r.state,
			assignedAt: r.assignedAt,
			submittedAt: r.submittedAt,
			recommendation: r.recommendation
		})),
		total: list.total
	};
}
