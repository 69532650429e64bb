import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type { ReviewRecommendation } from '$lib/server/db/schema';

/** Every recommendation, in the order a reviewer reads them (as REVIEW_RECOMMENDATIONS). */
const recommendationLabels = {
	approve: m.reviews_recommendation_approve,
	revise: m.reviews_recommendation_revise,
	reject: m.reviews_recommendation_reject
} satisfies Record<ReviewRecommendation, unknown>;

export const recommendationLabel = labelOf<ReviewRecommendation>(recommendationLabels);

export const RECOMMENDATION_ORDER = Object.keys(recommendationLabels) as ReviewRecommendation[];
