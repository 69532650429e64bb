/**
 * Who may read, write and move a project. A partner focal point works on their organisation's
 * projects and sees other organisations' only once published; the coordinators and information
 * managers of the project's cluster see and vet every project of it, drafts included (they often
 * help a partner fill one in); a reviewer sees what they were assigned; visitors see published
 * projects of published plans. Lists use `visibleProjects`, single rows `readsProject`: the same rule.
 */
import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor';
import { hasRole, isAdmin, managesCluster } from '../access/policy';
import { plan, project, projectReview, type PlanStatus, type ProjectStatus } from '../db/schema';

export type Project = typeof project.$inferSelect;
/** A project as `findProject` gives it: with its plan's status (a closed plan freezes its projects). */
export type FoundProject = Project & { planStatus: PlanStatus };
type ProjectScope = Pick<Project, 'id' | 'clusterId' | 'organisationId' | 'status'>;

/** The organisations whose projects the user works on as a partner. */
export function partnerOrganisations(actor: Actor | null): string[] {
	const ids = new Set<string>();
	for (const g of actor?.grants ?? [])
		if (g.role === 'focal-point' && g.organisationId) ids.add(g.organisationId);
	return [...ids];
}

export function worksForOrganisation(actor: Actor | null, organisationId: string): boolean {
	return hasRole(actor, 'focal-point', { organisationId });
}

/** Coordinators, information managers of the project's cluster, and administrators. */
export function vetsProject(actor: Actor | null, p: Pick<Project, 'clusterId'>): boolean {
	return managesCluster(actor, p.clusterId);
}

/** The clusters whose projects the user vets: every one for an administrator. */
export function vettedClusters(actor: Actor | null): 'all' | string[] {
	if (isAdmin(actor)) return 'all';
	return (actor?.grants ?? []).flatMap((g) =>
		(g.role === 'coordinator' || g.role === 'information-manager') && g.clusterId ? [g.clusterId] : []
	);
}

/**
 * The partner's side or the cluster's: who reads decisions' reasons, who made them, who submitted
 * and a withdrawal's reason — kept between them even once the project is published.
 */
export function seesInside(actor: Actor | null, p: Pick<Project, 'clusterId' | 'organisationId'>): boolean {
	return worksForOrganisation(actor, p.organisationId) || vetsProject(actor, p);
}

/** Editable states: a draft, or a project returned for revision. */
export function isEditableStatus(status: ProjectStatus): boolean {
	return status === 'draft' || status === 'revision-requested';
}

/** May change the sheet now: its partner or its cluster's coordinators, while it is a draft or returned. */
export function editsProject(
	actor: Actor | null,
	p: ProjectScope & Pick<FoundProject, 'planStatus'>
): boolean {
	if (!isEditableStatus(p.status) || p.planStatus === 'closed') return false;
	return worksForOrganisation(actor, p.organisationId) || vetsProject(actor, p);
}

/**
 * May read the project. `reviewer` says whether the user is assigned to review it (the caller
 * knows it from the review table); `planPublished` whether visitors may see the plan.
 */
export function readsProject(
	actor: Actor | null,
	p: ProjectScope,
	{ reviewer = false, planPublished = false }: { reviewer?: boolean; planPublished?: boolean } = {}
): boolean {
	if (p.status === 'published') return actor !== null || planPublished;
	if (!actor) return false;
	return (
		worksForOrganisation(actor, p.organisationId) ||
		vetsProject(actor, p) ||
		(reviewer && p.status !== 'draft')
	);
}

/** The same rule as `readsProject`, as a condition on `project` for lists and exports. */
export function visibleProjects(actor: Actor | null): SQL {
	const published = eq(project.status, 'published');
	if (!actor)
		return and(
			published,
			sql`exists (select 1 from ${plan} where ${plan.id} = ${project.planId} and ${plan.status} <> 'draft')`
		)!;
	if (isAdmin(actor)) return sql`true`;
	const clusters = vettedClusters(actor) as string[];
	const organisations = partnerOrganisations(actor);
	const conditions: SQL[] = [published];
	if (clusters.length) conditions.push(inArray(project.clusterId, clusters));
	if (organisations.length) conditions.push(inArray(project.organisationId, organisations));
	conditions.push(
		and(
			ne(project.status, 'draft'),
			sql`exists (select 1 from ${projectReview} where ${projectReview.projectId} = ${project.id} and ${projectReview.reviewerUserId} = ${actor.userId})`
		)!
	);
	return or(...conditions)!;
}
