/**
 * The sex and age groups a plan splits needs by. A plan may rename, add, reorder and remove them;
 * a group that figures already use cannot be removed (its numbers would vanish from every revision).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { needFigure, needRevision, plan, planCluster, type SexAgeGroup } from '../db/schema';
import { ConflictError, ValidationError, type FieldError } from '../errors';
import { parseInput } from '../validation';
import { m } from '$lib/paraglide/messages';
import { findPlanForWrite } from './access';
import { writePlan } from './changes';
import { sexAgeGroupsInput } from './schema';

export async function setSexAgeGroups(ctx: Ctx, planId: string, input: unknown): Promise<SexAgeGroup[]> {
	const p = await findPlanForWrite(ctx, planId);
	const { groups, revision } = parseInput(sexAgeGroupsInput, input, ctx.locale);
	assertDistinct(ctx, groups);
	const guard = revision === undefined ? null : { revision, entityIds: [p.id] };
	return writePlan(ctx, p.id, guard, async (tx, log, locked) => {
		const kept = new Set(groups.map((g) => g.code));
		const removed = locked.sexAgeGroups.filter((g) => !kept.has(g.code));
		const used = await usedCodes(
			tx,
			locked.id,
			removed.map((g) => g.code)
		);
		if (used.length)
			throw new ConflictError(
				used.map((code) => ({
					path: 'groups',
					message: m.plans_error_group_used({ code }, { locale: ctx.locale })
				}))
			);
		await tx.update(plan).set({ sexAgeGroups: groups }).where(eq(plan.id, locked.id));
		log.updated(
			{ entityType: 'plan', entityId: locked.id, label: locked.titleFr, clusterId: null },
			{ sexAgeGroups: describe(locked.sexAgeGroups) },
			{ sexAgeGroups: describe(groups) }
		);
		return groups;
	});
}

function describe(groups: SexAgeGroup[]) {
	return groups.map((g) => `${g.code} (${g.nameFr} / ${g.nameEn}; +${g.hxl.join(' +')})`).join(', ');
}

function assertDistinct(ctx: Ctx, groups: SexAgeGroup[]) {
	const errors: FieldError[] = [];
	const codes = new Set<string>();
	const tags = new Set<string>();
	groups.forEach((g, i) => {
		const tag = [...g.hxl].sort().join('+');
		if (codes.has(g.code))
			errors.push({
				path: `groups.${i}.code`,
				message: m.plans_error_group_twice({ code: g.code }, { locale: ctx.locale })
			});
		if (tags.has(tag))
			errors.push({
				path: `groups.${i}.hxl`,
				message: m.plans_error_group_hxl_twice({ tags: `+${g.hxl.join(' +')}` }, { locale: ctx.locale })
			});
		codes.add(g.code);
		tags.add(tag);
	});
	if (errors.length) throw new ValidationError(errors);
}

/** Which of these group codes hold a number in any of the plan's need revisions. */
async function usedCodes(tx: Executor, planId: string, codes: string[]) {
	const used: string[] = [];
	for (const code of codes) {
		const [row] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(needFigure)
			.innerJoin(needRevision, eq(needRevision.id, needFigure.revisionId))
			.innerJoin(planCluster, eq(planCluster.id, needRevision.planClusterId))
			.where(
				and(
					eq(planCluster.planId, planId),
					sql`(${needFigure.inNeed} ? ${code} or ${needFigure.targeted} ? ${code})`
				)
			);
		if ((row?.n ?? 0) > 0) used.push(code);
	}
	return used;
}
