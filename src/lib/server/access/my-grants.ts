import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { cluster, organisation, roleGrant } from '../db/schema';

/** The signed-in user's own roles, with the cluster or organisation each one serves. */
export async function myGrants(ctx: Ctx) {
	if (!ctx.actor) return [];
	return ctx.db
		.select({
			id: roleGrant.id,
			role: roleGrant.role,
			clusterId: roleGrant.clusterId,
			clusterCode: cluster.code,
			organisationId: roleGrant.organisationId,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(roleGrant)
		.leftJoin(cluster, eq(cluster.id, roleGrant.clusterId))
		.leftJoin(organisation, eq(organisation.id, roleGrant.organisationId))
		.where(eq(roleGrant.userId, ctx.actor.userId));
}
