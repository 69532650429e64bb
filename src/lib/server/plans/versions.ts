/**
 * A plan's versions are its revisions: revision n is the plan as it stood after the n-th write.
 * Comparing two of them replays the changes in between — for each field that moved, its value at
 * the older version (the first change's "before") and at the newer (the last change's "after").
 */
import { and, asc, count, desc, eq, gt, gte, lte, max, min, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import { planChange } from '../db/schema';
import { findPlan, type Plan } from './access';
import { sameValue } from './changes';

export interface Version {
	revision: number;
	at: Date;
	actorLabel: string;
	changes: number;
	/** The labels of what changed, the first few. */
	labels: string[];
}

/**
 * The first version a user may see: all of them when signed in; for visitors, from the plan's
 * publication on — its drafts, and who wrote them, stay with the cluster.
 */
function firstVisible(ctx: Ctx, p: Plan): number {
	return ctx.actor ? 0 : (p.publishedRevision ?? p.revision);
}

export async function listVersions(ctx: Ctx, planId: string, page = { limit: 50, offset: 0 }) {
	const p = await findPlan(ctx, planId);
	const first = firstVisible(ctx, p);
	const rows = await ctx.db
		.select({
			revision: planChange.revision,
			at: max(planChange.at).mapWith((v) => new Date(v)),
			actorLabel: min(planChange.actorLabel).mapWith((v) => (ctx.actor ? String(v) : '')),
			changes: count(),
			labels: sql<string[]>`(array_agg(distinct ${planChange.label}))[1:4]`
		})
		.from(planChange)
		.where(and(eq(planChange.planId, p.id), gte(planChange.revision, first)))
		.groupBy(planChange.revision)
		.orderBy(desc(planChange.revision))
		.limit(page.limit)
		.offset(page.offset);
	return { plan: p, items: rows satisfies Version[], total: p.revision - Math.max(0, first - 1) };
}

export interface FieldDifference {
	entityType: string;
	entityId: string;
	label: string;
	field: string;
	older: unknown;
	newer: unknown;
}

/** The fields that differ between two versions (in either order), item by item. */
export async function compareVersions(ctx: Ctx, planId: string, a: number, b: number) {
	const p = await findPlan(ctx, planId);
	const first = firstVisible(ctx, p);
	const [from, to] = [Math.min(a, b), Math.max(a, b)].map((n) => Math.max(first, Math.min(n, p.revision)));
	const changes = await ctx.db
		.select()
		.from(planChange)
		.where(and(eq(planChange.planId, p.id), gt(planChange.revision, from!), lte(planChange.revision, to!)))
		.orderBy(asc(planChange.id));
	const byField = new Map<string, FieldDifference>();
	for (const c of changes) {
		const key = `${c.entityId}/${c.field}`;
		const seen = byField.get(key);
		if (seen) Object.assign(seen, { newer: c.after, label: c.label });
		else
			byField.set(key, {
				entityType: c.entityType,
				entityId: c.entityId,
				label: c.label,
				field: c.field,
				older: c.before,
				newer: c.after
			});
	}
	const differences = [...byField.values()].filter((d) => !sameValue(d.older, d.newer));
	return { plan: p, from: from!, to: to!, differences };
}
