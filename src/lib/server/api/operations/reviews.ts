/**
 * Project review over the API: a cluster's criteria, a project's committee, a reviewer's own review
 * and the coordinators' panel. The router allows one `{id}` a path, so what belongs to the caller is
 * named from the project (`/projects/{id}/my-review`) and a reviewer is named in the body (`userId`).
 */
import { operation, type Operation } from '../endpoint';
import {
	addCriterion,
	listCriteria,
	moveCriterion,
	updateCriterion,
	useDefaultCriteria
} from '../../projects/reviews/criteria';
import {
	assignReviewer,
	findCandidates,
	listAssignments,
	unassignReviewer
} from '../../projects/reviews/assignments';
import { getMyReview, saveMyReview } from '../../projects/reviews/scoring';
import { getReviewPanel } from '../../projects/reviews/compare';
import { listMyReviews } from '../../projects/reviews/my-reviews';
import { getCostPerPerson } from '../../projects/reviews/cost-per-person';
import {
	assignmentInput,
	candidateQuery,
	criterionInput,
	criterionPatch,
	moveInput,
	reviewInput,
	unassignmentInput
} from '../../projects/reviews/schema';
import {
	assignmentListOut,
	assignmentOut,
	candidateListOut,
	costOut,
	criterionList,
	criterionListOut,
	criterionOut,
	myReviewListOut,
	myReviewOut,
	panelOut,
	presentAssignment,
	presentCandidates,
	presentCost,
	presentCriterion,
	presentMyReview,
	presentMyReviews,
	presentPanel
} from '../../projects/reviews/present';
import { m } from '$lib/paraglide/messages';

const tag = 'projects' as const;

export const reviewOperations: Operation[] = [
	operation({
		method: 'GET',
		path: '/project-reviews',
		operationId: 'listMyProjectReviews',
		tag,
		summary: (locale) => m.reviews_api_mine({}, { locale }),
		status: 200,
		response: myReviewListOut,
		problems: [],
		run: async ({ ctx }) => presentMyReviews(await listMyReviews(ctx))
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/reviewers',
		operationId: 'listProjectReviewers',
		tag,
		summary: (locale) => m.reviews_api_reviewers_list({}, { locale }),
		status: 200,
		response: assignmentListOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			const items = await listAssignments(ctx, id);
			return { items: items.map(presentAssignment), total: items.length };
		}
	}),
	operation({
		method: 'POST',
		path: '/projects/{id}/reviewers',
		operationId: 'assignProjectReviewer',
		tag,
		summary: (locale) => m.reviews_api_reviewers_add({}, { locale }),
		body: assignmentInput,
		status: 200,
		response: assignmentOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body, publicUrl }) =>
			presentAssignment(await assignReviewer(ctx, id, body, publicUrl))
	}),
	operation({
		method: 'DELETE',
		path: '/projects/{id}/reviewers',
		operationId: 'removeProjectReviewer',
		tag,
		summary: (locale) => m.reviews_api_reviewers_remove({}, { locale }),
		body: unassignmentInput,
		status: 204,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await unassignReviewer(ctx, id, body);
			return undefined;
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/reviewer-candidates',
		operationId: 'findProjectReviewerCandidates',
		tag,
		summary: (locale) => m.reviews_api_candidates({}, { locale }),
		query: candidateQuery,
		status: 200,
		response: candidateListOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, query }) => presentCandidates(await findCandidates(ctx, id, query))
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/reviews',
		operationId: 'getProjectReviews',
		tag,
		summary: (locale) => m.reviews_api_panel({}, { locale }),
		status: 200,
		response: panelOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => presentPanel(await getReviewPanel(ctx, id))
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/my-review',
		operationId: 'getMyProjectReview',
		tag,
		summary: (locale) => m.reviews_api_my_get({}, { locale }),
		status: 200,
		response: myReviewOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => presentMyReview(await getMyReview(ctx, id))
	}),
	operation({
		method: 'PUT',
		path: '/projects/{id}/my-review',
		operationId: 'saveMyProjectReview',
		tag,
		summary: (locale) => m.reviews_api_my_put({}, { locale }),
		body: reviewInput,
		status: 200,
		response: myReviewOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id, body }) => {
			await saveMyReview(ctx, id, body);
			return presentMyReview(await getMyReview(ctx, id));
		}
	}),
	operation({
		method: 'GET',
		path: '/projects/{id}/cost-per-person',
		operationId: 'getProjectCostPerPerson',
		tag,
		summary: (locale) => m.reviews_api_cost({}, { locale }),
		status: 200,
		response: costOut,
		problems: ['forbidden', 'not-found'],
		run: async ({ ctx, id }) => presentCost(await getCostPerPerson(ctx, id))
	}),
	operation({
		method: 'GET',
		path: '/clusters/{id}/review-criteria',
		operationId: 'listReviewCriteria',
		tag: 'clusters',
		summary: (locale) => m.reviews_api_criteria_list({}, { locale }),
		status: 200,
		response: criterionListOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => criterionList((await listCriteria(ctx, id)).criteria)
	}),
	operation({
		method: 'POST',
		path: '/clusters/{id}/review-criteria',
		operationId: 'addReviewCriterion',
		tag: 'clusters',
		summary: (locale) => m.reviews_api_criteria_add({}, { locale }),
		body: criterionInput,
		status: 201,
		response: criterionOut,
		location: (criterionId) => `/review-criteria/${criterionId}`,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => presentCriterion(await addCriterion(ctx, id, body))
	}),
	operation({
		method: 'POST',
		path: '/clusters/{id}/review-criteria/defaults',
		operationId: 'addDefaultReviewCriteria',
		tag: 'clusters',
		summary: (locale) => m.reviews_api_criteria_defaults({}, { locale }),
		status: 200,
		response: criterionListOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id }) => {
			await useDefaultCriteria(ctx, id);
			return criterionList((await listCriteria(ctx, id)).criteria);
		}
	}),
	operation({
		method: 'PATCH',
		path: '/review-criteria/{id}',
		operationId: 'updateReviewCriterion',
		tag: 'clusters',
		summary: (locale) => m.reviews_api_criteria_update({}, { locale }),
		body: criterionPatch,
		status: 200,
		response: criterionOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => presentCriterion(await updateCriterion(ctx, id, body))
	}),
	operation({
		method: 'POST',
		path: '/review-criteria/{id}/move',
		operationId: 'moveReviewCriterion',
		tag: 'clusters',
		summary: (locale) => m.reviews_api_criteria_move({}, { locale }),
		body: moveInput,
		status: 200,
		response: criterionListOut,
		problems: ['validation', 'forbidden', 'not-found'],
		run: async ({ ctx, id, body }) => criterionList(await moveCriterion(ctx, id, body))
	})
];
