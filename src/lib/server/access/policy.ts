import type { Actor } from './actor';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Role } from '../db/schema';

/**
 * Who may do what. Pages, form actions and the API all call the domain operations, and the
 * operations ask these questions, so that every door has the same lock.
 */
export function isAdmin(actor: Actor | null): boolean {
	return hasRole(actor, 'admin');
}

export function hasRole(
	actor: Actor | null,
	role: Role,
	scope: { clusterId?: string; organisationId?: string } = {}
) {
	return (
		actor?.grants.some(
			(g) =>
				g.role === role &&
				(scope.clusterId === undefined || g.clusterId === scope.clusterId) &&
				(scope.organisationId === undefined || g.organisationId === scope.organisationId)
		) ?? false
	);
}

/** Coordinators and information managers keep the directory of every cluster they serve. */
export function managesDirectory(actor: Actor | null): boolean {
	return isAdmin(actor) || hasRole(actor, 'coordinator') || hasRole(actor, 'information-manager');
}

export function managesCluster(actor: Actor | null, clusterId: string): boolean {
	return (
		isAdmin(actor) ||
		hasRole(actor, 'coordinator', { clusterId }) ||
		hasRole(actor, 'information-manager', { clusterId })
	);
}

/** A focal point edits their own organisation and its people, never another's. */
export function editsOrganisation(actor: Actor | null, organisationId: string | null): boolean {
	if (managesDirectory(actor)) return true;
	return organisationId !== null && hasRole(actor, 'focal-point', { organisationId });
}

/**
 * The organisations whose record and people a user may edit: every one for those who keep the
 * directory, otherwise those the user is focal point of (possibly none).
 */
export function editableOrganisations(actor: Actor | null): 'all' | string[] {
	if (managesDirectory(actor)) return 'all';
	return (actor?.grants ?? []).flatMap((g) =>
		g.role === 'focal-point' && g.organisationId ? [g.organisationId] : []
	);
}

/** May add people to the directory (to an organisation they edit). */
export function addsPeople(actor: Actor | null): boolean {
	const editable = editableOrganisations(actor);
	return editable === 'all' || editable.length > 0;
}

export function readsDirectory(actor: Actor | null): actor is Actor {
	return actor !== null;
}

/** Throws unless `allowed`; `actor` null means a visitor, who must sign in first. */
export function authorize(actor: Actor | null, allowed: boolean): asserts actor is Actor {
	if (!actor) throw new UnauthenticatedError();
	if (!allowed) throw new ForbiddenError();
}
