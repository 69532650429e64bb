/**
 * Who may read and write a plan, and the plan or plan cluster a request is about. Signed-in users
 * read every plan (partners write their projects against drafts too); visitors read only plans
 * that were published. A cluster's part (chapters, needs, framework) is written by its coordinators
 * and information managers; the plan's own fields and strategic objectives by those of any of its
 * clusters. A closed plan is written by nobody until an administrator reopens it.
 */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Actor } from '../access/actor';
import { authorize, hasRole, isAdmin, managesCluster } from '../access/policy';
import { cluster, plan, planCluster, type PlanStatus } from '../db/schema';
import type { Executor } from '../db/client';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';

export type Plan = typeof plan.$inferSelect;
export type PlanCluster = typeof planCluster.$inferSelect;
export type ClusterRef = { id: string; code: string; nameFr: string; nameEn: string };
export interface PlanPart {
	plan: Plan;
	planCluster: PlanCluster;
	cluster: ClusterRef;
}

export function isPublic(status: PlanStatus): boolean {
	return status !== 'draft';
}

export function readsPlan(actor: Actor | null, p: Pick<Plan, 'status'>): boolean {
	return actor !== null || isPublic(p.status);
}

/** May create plans: administrators and the coordinators of any cluster. */
export function createsPlans(actor: Actor | null): boolean {
	return isAdmin(actor) || hasRole(actor, 'coordinator');
}

/** May change the plan's own fields, its strategic objectives and its status. */
export function editsPlan(actor: Actor | null, clusterIds: string[]): boolean {
	return isAdmin(actor) || clusterIds.some((id) => managesCluster(actor, id));
}

export function editsPlanCluster(actor: Actor | null, clusterId: string): boolean {
	return managesCluster(actor, clusterId);
}

/** The plan, if the user may know it exists. */
export async function findPlan(ctx: Ctx, id: string, db: Executor = ctx.db): Promise<Plan> {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await db.select().from(plan).where(eq(plan.id, id));
	if (!row || !readsPlan(ctx.actor, row)) throw new NotFoundError();
	return row;
}

export async function clusterIdsOf(db: Executor, planId: string): Promise<string[]> {
	const rows = await db
		.select({ id: planCluster.clusterId })
		.from(planCluster)
		.where(eq(planCluster.planId, planId));
	return rows.map((r) => r.id);
}

/** A cluster's part of a plan, by the cluster's code (`ER`) as in the page's address. */
export async function findPlanPart(ctx: Ctx, planId: string, clusterCode: string): Promise<PlanPart> {
	const p = await findPlan(ctx, planId);
	const [row] = await ctx.db
		.select({
			planCluster: planCluster,
			cluster: { id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn }
		})
		.from(planCluster)
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(and(eq(planCluster.planId, p.id), eq(cluster.code, clusterCode.toUpperCase())));
	if (!row) throw new NotFoundError();
	return { plan: p, ...row };
}

/** The plan part for a write by its coordinators; refused while the plan is closed. */
export async function findPlanPartForWrite(ctx: Ctx, planId: string, clusterCode: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	authorize(ctx.actor, editsPlanCluster(ctx.actor, part.cluster.id));
	assertOpen(part.plan, ctx.locale);
	return part;
}

/** The plan for a write to its own fields or strategic objectives. */
export async function findPlanForWrite(ctx: Ctx, planId: string) {
	const p = await findPlan(ctx, planId);
	authorize(ctx.actor, editsPlan(ctx.actor, await clusterIdsOf(ctx.db, p.id)));
	assertOpen(p, ctx.locale);
	return p;
}

export function assertOpen(p: Pick<Plan, 'status'>, locale: Locale) {
	if (p.status === 'closed')
		throw new ConflictError([{ path: '', message: m.plans_error_closed({}, { locale }) }]);
}
