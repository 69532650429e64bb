/**
 * Cost per person targeted: the budget requested divided by the people targeted, set against the
 * median of the same cluster's projects in the same plan — those submitted or further on (neither
 * drafts nor withdrawn), with people to divide by. Computed in SQL (`percentile_cont`) so that the
 * figure and the median come from the numeric columns, never from rounded JavaScript floats.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { NotFoundError } from '../../errors';
import { findAssignment, findReviewProject, authorizeOnProject } from './review-project';
import { seesInside } from '../access';

export interface CostPerPerson {
	/** The project's budget requested, USD. */
	budgetUsd: string;
	peopleTargeted: number;
	/** USD per person, two decimals; null when the project targets nobody. */
	costPerPerson: string | null;
	/** The median cost per person of the cluster's projects in the plan, two decimals; null when none. */
	median: string | null;
	/** How many projects the median is taken over (this one included when it counts). */
	compared: number;
	/** How far the project is from the median, in percent rounded to a unit: +35 above, −20 below. */
	differencePercent: number | null;
}

interface Row {
	budget: string;
	people: number;
	cost: string | null;
	median: string | null;
	compared: number;
	difference: number | null;
}

/** The figure for one project; the caller has checked that the user may read the project. */
export async function costPerPerson(db: Executor, projectId: string): Promise<CostPerPerson> {
	const result = await db.execute(sql`
		with target as (
			select id, plan_id, cluster_id, budget_usd, people_targeted
			from project where id = ${projectId}::uuid
		), peers as (
			select percentile_cont(0.5) within group (order by p.budget_usd / p.people_targeted) as median,
				count(*)::int as compared
			from project p join target t on p.plan_id = t.plan_id and p.cluster_id = t.cluster_id
			where p.status not in ('draft', 'withdrawn') and p.people_targeted > 0
		), figures as (
			select t.budget_usd, t.people_targeted,
				case when t.people_targeted > 0 then t.budget_usd / t.people_targeted end as cost,
				peers.median::numeric as median, peers.compared
			from target t cross join peers
		)
		select budget_usd::text as budget, people_targeted::int as people,
			round(cost, 2)::text as cost, round(median, 2)::text as median, compared,
			case when median > 0 and cost is not null then round((cost / median - 1) * 100)::int end as difference
		from figures`);
	const [row] = (result as unknown as { rows: Row[] }).rows;
	if (!row) throw new NotFoundError();
	return {
		budgetUsd: row.budget,
		peopleTargeted: Number(row.people),
		costPerPerson: row.cost,
		median: row.compared > 0 ? row.median : null,
		compared: Number(row.compared),
		differencePercent: row.difference === null ? null : Number(row.difference)
	};
}

/**
 * The figure for the project's partner, its cluster's coordinators and its reviewers only: the
 * median is drawn from other organisations' projects, unpublished ones included.
 */
export async function getCostPerPerson(ctx: Ctx, projectId: string): Promise<CostPerPerson> {
	const p = await findReviewProject(ctx.db, projectId);
	const reviewer = ctx.actor ? (await findAssignment(ctx.db, p.id, ctx.actor.userId)) !== undefined : false;
	authorizeOnProject(ctx.actor, p, reviewer || seesInside(ctx.actor, p), { reviewer });
	return costPerPerson(ctx.db, p.id);
}
