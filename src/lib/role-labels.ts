import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/server/db/schema';

/** What roles are called, in the request's language. */
export const roleLabels: Record<Role, () => string> = {
	admin: m.role_admin,
	coordinator: m.role_coordinator,
	'information-manager': m.role_information_manager,
	'focal-point': m.role_focal_point,
	observer: m.role_observer
};

export const roleLabel = (role: string) => (role in roleLabels ? roleLabels[role as Role]() : role);

export const roleOptions = () =>
	Object.entries(roleLabels).map(([value, label]) => ({ value, label: label() }));

/** "Coordinateur · ER", "Point focal · ACF": a role with the cluster or organisation it serves. */
export function grantLabel(g: {
	role: string;
	clusterCode: string | null;
	organisationName: string | null;
	organisationAcronym: string | null;
}): string {
	const scope = g.clusterCode ?? g.organisationAcronym ?? g.organisationName;
	return scope ? `${roleLabel(g.role)} · ${scope}` : roleLabel(g.role);
}
