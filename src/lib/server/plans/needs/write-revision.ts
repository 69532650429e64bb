/**
 * Writes checked figures as a new revision — every row, never a patch of the last one — in one
 * transaction with its audit event. Saves of one cluster's needs happen one at a time (its plan
 * part row is locked), and a save started from an older revision than the latest is refused with
 * the cells that changed in between: nobody overwrites another's figures without seeing them.
 */
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { needRevision, plan, planCluster } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError } from '../../errors';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { PlanPart } from '../access';
import type { CheckedRow } from './check-rows';
import { changedCellCount, describeChanges, diffFigures, namesFor, sortByPlace, totalsOf } from './compare';
import { groupsOfCluster, ensureGroups } from './population-groups';
import type { PlaceIndex } from './places';
import { figuresOf, latestRevision, revisionByNumber, type Revision } from './revisions';

export interface RevisionMeta {
	source: string;
	sourceDate: string;
	note: string | null;
	illustrative: boolean;
}

/** Cells listed in a refusal; the count says how many more differ. */
const LISTED_CHANGES = 30;
/** Rows per statement: one JSON parameter each, a few hundred KB. */
const BATCH = 5000;

export async function writeRevision(
	ctx: Ctx,
	part: PlanPart,
	places: PlaceIndex,
	write: {
		meta: RevisionMeta;
		rows: CheckedRow[];
		baseRevision: number;
		audit?: Record<string, unknown>;
		/** Runs first in the transaction (an import takes its staged file out). */
		before?: (tx: Executor) => Promise<void>;
	}
): Promise<Revision> {
	const actor = ctx.actor!;
	return ctx.db.transaction(async (tx) => {
		await write.before?.(tx);
		// Shares the plan's lock with the writes that change its sex and age groups or close it.
		await tx.select({ id: plan.id }).from(plan).where(eq(plan.id, part.plan.id)).for('share');
		await tx
			.select({ id: planCluster.id })
			.from(planCluster)
			.where(eq(planCluster.id, part.planCluster.id))
			.for('update');
		const latest = await latestRevision(tx, part.planCluster.id);
		if ((latest?.number ?? 0) !== write.baseRevision)
			await refuseStale(ctx, tx, part, places, write.baseRevision, latest);
		const groupIds = new Map((await ensureGroups(tx, actor, part.cluster.id)).map((g) => [g.code, g.id]));
		const [revision] = await tx
			.insert(needRevision)
			.values({
				planClusterId: part.planCluster.id,
				number: (latest?.number ?? 0) + 1,
				source: write.meta.source,
				sourceDate: write.meta.sourceDate,
				note: write.meta.note,
				illustrative: write.meta.illustrative,
				createdByUserId: actor.userId
			})
			.returning();
		const values = write.rows.map((r) => ({
			l: places.get(r.pcode)!.id,
			g: groupIds.get(r.group)!,
			i: r.inNeed,
			t: r.targeted
		}));
		for (let start = 0; start < values.length; start += BATCH)
			await tx.execute(sql`
				insert into need_figure (revision_id, location_id, population_group_id, in_need, targeted)
				select ${revision!.id}::uuid, v.l, v.g, v.i, v.t
				from jsonb_to_recordset(${JSON.stringify(values.slice(start, start + BATCH))}::jsonb)
					as v(l uuid, g uuid, i jsonb, t jsonb)`);
		const totals = totalsOf(write.rows);
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'need_revision',
			entityId: revision!.id,
			after: {
				planId: part.plan.id,
				cluster: part.cluster.code,
				number: revision!.number,
				...write.meta,
				rows: write.rows.length,
				inNeed: totals.inNeedTotal,
				targeted: totals.targetedTotal,
				...write.audit
			}
		});
		return { ...revision!, author: actor.name };
	});
}

async function refuseStale(
	ctx: Ctx,
	tx: Executor,
	part: PlanPart,
	places: PlaceIndex,
	base: number,
	latest: Revision | null
): Promise<never> {
	const locale = ctx.locale;
	if (!latest || base > latest.number)
		throw new ConflictError([
			{ path: 'baseRevision', message: m.needs_error_base_unknown({ base }, { locale }) }
		]);
	const started = base > 0 ? await revisionByNumber(tx, part.planCluster.id, base) : null;
	const before = started ? await figuresOf(tx, started.id) : [];
	const after = await figuresOf(tx, latest.id);
	const groups = await groupsOfCluster(tx, part.cluster.id);
	const changes = sortByPlace(diffFigures(before, after, part.plan.sexAgeGroups), places, groups);
	const names = namesFor(places, groups, part.plan.sexAgeGroups, locale);
	throw new ConflictError([
		{
			path: 'baseRevision',
			message: m.needs_error_stale(
				{
					base,
					latest: latest.number,
					author: latest.author ?? '—',
					date: formatDate(latest.createdAt, locale),
					source: latest.source,
					cells: changedCellCount(changes)
				},
				{ locale }
			)
		},
		...describeChanges(changes, names, locale, LISTED_CHANGES).map((message) => ({ path: '', message }))
	]);
}
