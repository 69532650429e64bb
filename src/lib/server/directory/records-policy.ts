import type { Actor } from '../access/actor';
import { hasRole, isAdmin, managesDirectory } from '../access/policy';

/**
 * Who may look after the directory's records as records: merge duplicates, erase a person on
 * request, hand out everything held about a person. Each of these deletes or reveals more than an
 * ordinary edit, so they belong to the cluster's coordinators and the administrators only — not to
 * information managers, focal points or observers. (A candidate for access/policy.ts.)
 */
export function mergesRecords(actor: Actor | null): boolean {
	return isAdmin(actor) || hasRole(actor, 'coordinator');
}

export function erasesPeople(actor: Actor | null): boolean {
	return mergesRecords(actor);
}

/** Coordinators and administrators, and the person themselves (their own copy, on their profile). */
export function exportsPersonalData(actor: Actor | null, personId: string): boolean {
	return mergesRecords(actor) || (actor !== null && actor.personId === personId);
}

/** The list of possible duplicates: those who keep the directory (merging stays with coordinators). */
export function reviewsDuplicates(actor: Actor | null): boolean {
	return managesDirectory(actor);
}
