import type { ReviewProject } from '$lib/server/projects/reviews/review-project';

/** What the review pages show of the project (no internal columns). */
export function projectSummary(p: ReviewProject) {
	return {
		id: p.id,
		code: p.code,
		titleFr: p.titleFr,
		titleEn: p.titleEn,
		status: p.status,
		clusterId: p.clusterId,
		clusterCode: p.clusterCode,
		clusterNameFr: p.clusterNameFr,
		clusterNameEn: p.clusterNameEn,
		organisationName: p.organisationName,
		organisationAcronym: p.organisationAcronym,
		budgetUsd: p.budgetUsd,
		peopleTargeted: p.peopleTargeted
	};
}

export type ProjectSummary = ReturnType<typeof projectSummary>;

/** A criterion as the pages read it. */
export const criterionSummary = (c: {
	id: string;
	labelFr: string;
	labelEn: string | null;
	maxScore: number;
	archived: boolean;
}) => ({ id: c.id, labelFr: c.labelFr, labelEn: c.labelEn, maxScore: c.maxScore, archived: c.archived });
