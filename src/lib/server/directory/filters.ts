import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { MembershipStage } from '../db/schema';

/** The organisation (by its id column) has a membership in the cluster (by code), at `stage` if given. */
export function inCluster(organisationId: AnyColumn, clusterCode?: string, stage?: MembershipStage): SQL {
	// An IN list is computed once (a hashed subplan) where EXISTS would run for every row.
	return sql`${organisationId} in (select ms.organisation_id from membership ms join cluster c on c.id = ms.cluster_id
		where true
		${clusterCode ? sql`and c.code = ${clusterCode}` : sql``}
		${stage ? sql`and ms.stage = ${stage}` : sql``})`;
}

/** The organisation works in this place or in a place inside it (any depth of the P-code tree). */
export function inPlace(organisationId: AnyColumn, pcode: string): SQL {
	return sql`exists (
		with recursive inside(id) as (
			select id from location where pcode = ${pcode}
			union all
			select l.id from location l join inside on l.parent_id = inside.id
		)
		select 1 from organisation_location ol
		where ol.organisation_id = ${organisationId} and ol.location_id in (select id from inside))`;
}
