import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type { ProjectStatus, ReviewRecommendation } from '$lib/server/db/schema';

/** A project's status as the review pages name it. */
export const projectStatusLabel = labelOf<ProjectStatus>({
	draft: m.reviews_status_draft,
	submitted: m.reviews_status_submitted,
	'under-review': m.reviews_status_under_review,
	'revision-requested': m.reviews_status_revision_requested,
	approved: m.reviews_status_approved,
	'not-approved': m.reviews_status_not_approved,
	published: m.reviews_status_published,
	withdrawn: m.reviews_status_withdrawn
});

export const recommendationLabel = labelOf<ReviewRecommendation>({
	approve: m.reviews_recommendation_approve,
	revise: m.reviews_recommendation_revise,
	reject: m.reviews_recommendation_reject
});

/** The recommendations in the order a reviewer reads them (as REVIEW_RECOMMENDATIONS). */
export const RECOMMENDATION_ORDER: ReviewRecommendation[] = ['approve', 'revise', 'reject'];
