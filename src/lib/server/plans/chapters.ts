/**
 * A cluster's chapters of the plan: needs overview, response strategy, "what if" scenarios and free
 * sections, as HTML sanitised on the way in (schema.ts), versioned with the rest of the plan.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { planChapter } from '../db/schema';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { chapterKindLabel } from '$lib/plan-labels';
import { editsPlanCluster, findPlanPart, findPlanPartForWrite, type PlanPart } from './access';
import { writePlan, type ChangeLog } from './changes';
import { chapterInput } from './schema';

type Chapter = typeof planChapter.$inferSelect;
const FIELDS = ['kind', 'titleFr', 'titleEn', 'bodyFr', 'bodyEn'] as const;

export async function listChapters(ctx: Ctx, planId: string, clusterCode: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const chapters = await ctx.db
		.select()
		.from(planChapter)
		.where(eq(planChapter.planClusterId, part.planCluster.id))
		.orderBy(asc(planChapter.position));
	return { ...part, chapters, canEdit: canEdit(ctx, part) };
}

export async function getChapter(ctx: Ctx, planId: string, clusterCode: string, id: string) {
	const part = await findPlanPart(ctx, planId, clusterCode);
	const chapter = await chapterOf(ctx.db, part, id);
	return { ...part, chapter, revision: part.plan.revision, canEdit: canEdit(ctx, part) };
}

export async function createChapter(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const values = parseInput(chapterInput, input, ctx.locale);
	return writePlan(ctx, part.plan.id, null, async (tx, log) => {
		const siblings = await tx
			.select({ position: planChapter.position })
			.from(planChapter)
			.where(eq(planChapter.planClusterId, part.planCluster.id));
		const position = Math.max(0, ...siblings.map((s) => s.position)) + 1;
		const [row] = await tx
			.insert(planChapter)
			.values({ planClusterId: part.planCluster.id, position, ...pick(values) })
			.returning();
		log.created(itemOf(row!, part), pick(row!));
		return row!;
	});
}

export async function updateChapter(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	id: string,
	input: unknown
) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const before = await chapterOf(ctx.db, part, id);
	const values = parseInput(chapterInput, input, ctx.locale);
	const guard = values.revision === undefined ? null : { revision: values.revision, entityIds: [id] };
	return writePlan(ctx, part.plan.id, guard, async (tx, log) => {
		// Read again under the plan's lock: the version log must hold what this save replaced.
		const current = await chapterOf(tx, part, before.id);
		const [row] = await tx
			.update(planChapter)
			.set({ ...pick(values), updatedAt: new Date() })
			.where(eq(planChapter.id, before.id))
			.returning();
		log.updated(itemOf(row!, part), pick(current), pick(row!));
		return row!;
	});
}

export async function deleteChapter(ctx: Ctx, planId: string, clusterCode: string, id: string) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const before = await chapterOf(ctx.db, part, id);
	await writePlan(ctx, part.plan.id, null, async (tx, log: ChangeLog) => {
		await tx.delete(planChapter).where(eq(planChapter.id, before.id));
		log.deleted(itemOf(before, part), pick(before));
	});
}

async function chapterOf(db: Executor, part: PlanPart, id: string): Promise<Chapter> {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await db
		.select()
		.from(planChapter)
		.where(and(eq(planChapter.id, id), eq(planChapter.planClusterId, part.planCluster.id)));
	if (!row) throw new NotFoundError();
	return row;
}

function canEdit(ctx: Ctx, part: PlanPart) {
	return part.plan.status !== 'closed' && editsPlanCluster(ctx.actor, part.cluster.id);
}

function pick(row: Pick<Chapter, (typeof FIELDS)[number]>) {
	return Object.fromEntries(FIELDS.map((k) => [k, row[k]])) as Pick<Chapter, (typeof FIELDS)[number]>;
}

function itemOf(row: Chapter, part: PlanPart) {
	const title = row.titleFr || chapterKindLabel(row.kind, 'fr');
	return {
		entityType: 'plan-chapter',
		entityId: row.id,
		label: `${part.cluster.code} — ${title}`,
		clusterId: part.cluster.id
	};
}
