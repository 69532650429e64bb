/**
 * The criteria a cluster's review committee scores projects on. Every signed-in user may read them
 * (partners know what they are judged on); the cluster's coordinators and information managers add,
 * rename, reorder and archive them. A criterion is never deleted: it is archived, and the scores it
 * had stay with the reviews. A cluster that has none gets the defaults when its first reviewer is
 * assigned, or at the first review saved; reading never writes them.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import type { AuditActor } from '../../audit/record-audit';
import { cluster, projectReview, reviewCriterion } from '../../db/schema';
import { authorize, managesCluster } from '../../access/policy';
import { recordAudit } from '../../audit/record-audit';
import { NotFoundError, ValidationError } from '../../errors';
import { isId } from '../../directory/schema';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import { criterionInput, criterionPatch, moveInput } from './schema';

export type Criterion = typeof reviewCriterion.$inferSelect;

/** What a cluster without criteria of its own starts with (issue 5: the usual CERF/HRP vetting grid). */
export const DEFAULT_CRITERIA = [
	{ labelFr: 'Alignement sur les objectifs du cluster', labelEn: 'Alignment with the cluster objectives' },
	{ labelFr: 'Faisabilité', labelEn: 'Feasibility' },
	{ labelFr: 'Coût par personne ciblée', labelEn: 'Cost per person targeted' },
	{ labelFr: 'Genre et âge', labelEn: 'Gender and age' },
	{ labelFr: 'Coordination avec les autres acteurs', labelEn: 'Coordination with others' }
].map((c) => ({ ...c, maxScore: 5 }));

/** A criterion's name in the reader's language. */
export const criterionLabel = (c: { labelFr: string; labelEn: string | null }, locale: string) =>
	locale === 'en' && c.labelEn ? c.labelEn : c.labelFr;

/** A cluster's criteria in their order, the archived ones last. */
export async function criteriaOfCluster(db: Executor, clusterId: string): Promise<Criterion[]> {
	return db
		.select()
		.from(reviewCriterion)
		.where(eq(reviewCriterion.clusterId, clusterId))
		.orderBy(
			asc(reviewCriterion.archived),
			asc(reviewCriterion.position),
			asc(reviewCriterion.createdAt),
			asc(reviewCriterion.id)
		);
}

async function findCluster(db: Executor, id: string, { lock = false } = {}) {
	if (!isId(id)) throw new NotFoundError();
	const query = db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(cluster)
		.where(eq(cluster.id, id));
	// NO KEY UPDATE: one writer of a cluster's criteria at a time, without blocking rows that refer to it.
	const [row] = lock ? await query.for('no key update') : await query;
	if (!row) throw new NotFoundError();
	return row;
}

/** A cluster's criteria for whoever is signed in, and whether this user may change them. */
export async function listCriteria(ctx: Ctx, clusterId: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const c = await findCluster(ctx.db, clusterId);
	const criteria = await criteriaOfCluster(ctx.db, c.id);
	return {
		cluster: c,
		criteria,
		canManage: managesCluster(ctx.actor, c.id),
		missingDefaults: missingDefaults(criteria).length
	};
}

/** The defaults whose French name no active criterion has. */
function missingDefaults(criteria: Criterion[]) {
	const present = new Set(criteria.filter((c) => !c.archived).map((c) => fold(c.labelFr)));
	return DEFAULT_CRITERIA.filter((d) => !present.has(fold(d.labelFr)));
}

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.trim();

async function insertCriteria(
	tx: Executor,
	actor: AuditActor,
	clusterId: string,
	rows: { labelFr: string; labelEn: string | null; maxScore: number }[],
	after: number
) {
	if (!rows.length) return [];
	const inserted = await tx
		.insert(reviewCriterion)
		.values(rows.map((r, i) => ({ ...r, clusterId, position: after + i + 1 })))
		.returning();
	for (const row of inserted)
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'review-criterion',
			entityId: row.id,
			after: row
		});
	return inserted;
}

const lastPosition = (criteria: Criterion[]) => Math.max(0, ...criteria.map((c) => c.position));

/**
 * The cluster's criteria, the defaults inserted first when the cluster has none at all (its first
 * review): called inside the transaction of the write that needs them.
 */
export async function ensureCriteria(tx: Executor, actor: AuditActor, clusterId: string) {
	const existing = await criteriaOfCluster(tx, clusterId);
	if (existing.length) return existing;
	await findCluster(tx, clusterId, { lock: true });
	const again = await criteriaOfCluster(tx, clusterId);
	if (again.length) return again;
	return insertCriteria(tx, actor, clusterId, DEFAULT_CRITERIA, 0);
}

/** Adds the default criteria the cluster does not have among its active ones ("use the defaults"). */
export async function useDefaultCriteria(ctx: Ctx, clusterId: string) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const c = await findCluster(tx, clusterId, { lock: true });
		authorize(actor, managesCluster(actor, c.id));
		const criteria = await criteriaOfCluster(tx, c.id);
		const missing = missingDefaults(criteria);
		if (!missing.length)
			throw new ValidationError([
				{ path: 'defaults', message: m.reviews_error_defaults_present({}, { locale: ctx.locale }) }
			]);
		return insertCriteria(tx, actor, c.id, missing, lastPosition(criteria));
	});
}

/** Adds a criterion at the end of the cluster's list. */
export async function addCriterion(ctx: Ctx, clusterId: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const c = await findCluster(tx, clusterId, { lock: true });
		authorize(actor, managesCluster(actor, c.id));
		const values = parseInput(criterionInput, input, ctx.locale);
		const criteria = await criteriaOfCluster(tx, c.id);
		checkNameFree(criteria, values.labelFr, null, ctx.locale);
		const [row] = await insertCriteria(tx, actor, c.id, [values], lastPosition(criteria));
		return row!;
	});
}

/** Two active criteria of a cluster with the same name would be scored twice for one thing. */
function checkNameFree(criteria: Criterion[], labelFr: string, id: string | null, locale: Ctx['locale']) {
	const taken = criteria.some((c) => !c.archived && c.id !== id && fold(c.labelFr) === fold(labelFr));
	if (taken)
		throw new ValidationError([
			{ path: 'labelFr', message: m.reviews_error_label_taken({ label: labelFr }, { locale }) }
		]);
}

/** The criterion and its cluster's lock, for a write by one of the cluster's managers. */
async function lockCriterion(ctx: Ctx, tx: Executor, id: string) {
	if (!isId(id)) throw new NotFoundError();
	const [found] = await tx
		.select({ clusterId: reviewCriterion.clusterId })
		.from(reviewCriterion)
		.where(eq(reviewCriterion.id, id));
	if (!found) throw new NotFoundError();
	await findCluster(tx, found.clusterId, { lock: true });
	authorize(ctx.actor, managesCluster(ctx.actor, found.clusterId));
	const criteria = await criteriaOfCluster(tx, found.clusterId);
	const before = criteria.find((c) => c.id === id);
	if (!before) throw new NotFoundError();
	return { before, criteria };
}

/** The highest score any review of any project gave on this criterion (0 when none). */
async function highestScore(tx: Executor, criterionId: string): Promise<number> {
	const [row] = await tx
		.select({
			highest:
				sql<number>`coalesce(max((${projectReview.scores} ->> ${criterionId}::text)::numeric), 0)`.mapWith(
					Number
				)
		})
		.from(projectReview);
	return row?.highest ?? 0;
}

/**
 * Renames a criterion, changes its highest score, archives or restores it. The highest score cannot
 * go below a score already given; restoring a criterion puts it back at the end of the list.
 */
export async function updateCriterion(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const { before, criteria } = await lockCriterion(ctx, tx, id);
		const patch = parseInput(criterionPatch, input, ctx.locale);
		const labelFr = patch.labelFr ?? before.labelFr;
		const archived = patch.archived ?? before.archived;
		if (!archived) checkNameFree(criteria, labelFr, id, ctx.locale);
		const maxScore = patch.maxScore ?? before.maxScore;
		if (maxScore < before.maxScore) {
			const highest = await highestScore(tx, id);
			if (highest > maxScore)
				throw new ValidationError([
					{
						path: 'maxScore',
						message: m.reviews_error_max_below_scores({ highest }, { locale: ctx.locale })
					}
				]);
		}
		const restored = before.archived && !archived;
		const [after] = await tx
			.update(reviewCriterion)
			.set({
				labelFr,
				labelEn: patch.labelEn === undefined ? before.labelEn : patch.labelEn,
				maxScore,
				archived,
				...(restored ? { position: lastPosition(criteria.filter((c) => !c.archived)) + 1 } : {})
			})
			.where(eq(reviewCriterion.id, id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'review-criterion',
			entityId: id,
			before,
			after
		});
		return after!;
	});
}

/** Moves an active criterion one place up or down among the active ones. */
export async function moveCriterion(ctx: Ctx, id: string, input: unknown) {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	return ctx.db.transaction(async (tx) => {
		const { before, criteria } = await lockCriterion(ctx, tx, id);
		const { direction } = parseInput(moveInput, input, ctx.locale);
		const active = criteria.filter((c) => !c.archived);
		const from = active.findIndex((c) => c.id === id);
		const to = direction === 'up' ? from - 1 : from + 1;
		if (before.archived || to < 0 || to >= active.length)
			throw new ValidationError([
				{ path: 'direction', message: m.reviews_error_cannot_move({}, { locale: ctx.locale }) }
			]);
		[active[from], active[to]] = [active[to]!, active[from]!];
		// Numbered again from 1 so that positions stay distinct whatever they were.
		for (const [i, c] of active.entries())
			if (c.position !== i + 1)
				await tx
					.update(reviewCriterion)
					.set({ position: i + 1 })
					.where(eq(reviewCriterion.id, c.id));
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'review-criterion',
			entityId: id,
			before: { position: before.position },
			after: { position: to + 1, order: active.map((c) => c.id) }
		});
		return criteriaOfCluster(tx, before.clusterId);
	});
}
