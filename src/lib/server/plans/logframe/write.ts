/**
 * Writes a checked logframe inside the plan's write: a few statements per level whatever the size
 * of the file (a framework of 600 indicators with targets in 60 places is 36,000 targets), and
 * each item's changes logged for the plan's versions.
 */
import { randomUUID } from 'node:crypto';
import { and, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator,
	indicatorTarget,
	strategicObjective
} from '../../db/schema';
import type { PlanPart } from '../access';
import type { ChangeLog } from '../changes';
import { item } from '../framework/items';
import type { Level } from '../framework/codes';
import type { FrameworkState } from './state';
import { codeOf, type Entry, type LogframePlan, type Ref } from './validate';

/** Rows per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 1_000;
const TARGET_BATCH = 10_000;

export interface LogframeResult {
	created: number;
	updated: number;
	unchanged: number;
	kept: number;
}

export async function writeLogframe(
	tx: Executor,
	log: ChangeLog,
	plan: LogframePlan,
	part: PlanPart,
	state: FrameworkState
): Promise<LogframeResult> {
	const ids = new Map<Entry, string>(plan.creates.map((e) => [e, randomUUID()]));
	const idOf = (ref: Ref) => ('stored' in ref ? ref.stored.id : ids.get(ref.entry)!);
	const placeId = (pcode: string) => state.places.get(pcode)!.id;
	const created = (level: Level) => plan.creates.filter((e) => e.level === level);
	const base = (e: Entry) => ({
		id: ids.get(e)!,
		number: e.number,
		position: e.position,
		titleFr: e.titleFr,
		titleEn: e.titleEn
	});

	await insertAll(
		tx,
		strategicObjective,
		created('strategic-objective').map((e) => ({ ...base(e), planId: part.plan.id }))
	);
	const cos = created('cluster-objective');
	await insertAll(
		tx,
		clusterObjective,
		cos.map((e) => ({
			...base(e),
			planClusterId: part.planCluster.id,
			strategicObjectiveId: idOf(e.parent!)
		}))
	);
	const acts = created('activity');
	await insertAll(
		tx,
		activity,
		acts.map((e) => ({ ...base(e), clusterObjectiveId: idOf(e.parent!) }))
	);
	const inds = created('indicator');
	await insertAll(
		tx,
		indicator,
		inds.map((e) => ({ ...base(e), activityId: idOf(e.parent!), ...indicatorColumns(e) }))
	);

	const updated = (level: Level) => plan.updates.filter((e) => e.level === level);
	const changed = (e: Entry, fields: string[]) => e.changes.some((c) => fields.includes(c.field));
	const retitled = (level: Level) => updated(level).filter((e) => changed(e, ['titleFr', 'titleEn']));
	await updateTitles(tx, strategicObjective, retitled('strategic-objective'));
	await updateTitles(tx, clusterObjective, retitled('cluster-objective'));
	await updateTitles(tx, activity, retitled('activity'));
	await updateIndicators(
		tx,
		updated('indicator').filter((e) => e.changes.some((c) => !c.field.startsWith('target ')))
	);

	const relinkedCos = updated('cluster-objective').filter((e) => changed(e, ['alsoServes']));
	const relinkedActs = updated('activity').filter((e) => changed(e, ['alsoServes']));
	if (relinkedCos.length)
		await tx.delete(clusterObjectiveLink).where(
			inArray(
				clusterObjectiveLink.clusterObjectiveId,
				relinkedCos.map((e) => e.stored!.id)
			)
		);
	if (relinkedActs.length)
		await tx.delete(activityObjective).where(
			inArray(
				activityObjective.activityId,
				relinkedActs.map((e) => e.stored!.id)
			)
		);
	const idOfEntry = (e: Entry) => e.stored?.id ?? ids.get(e)!;
	await insertAll(
		tx,
		clusterObjectiveLink,
		[...cos, ...relinkedCos].flatMap((e) =>
			e.also.map((ref) => ({ clusterObjectiveId: idOfEntry(e), strategicObjectiveId: idOf(ref) }))
		)
	);
	await insertAll(
		tx,
		activityObjective,
		[...acts, ...relinkedActs].flatMap((e) =>
			e.also.map((ref) => ({ activityId: idOfEntry(e), clusterObjectiveId: idOf(ref) }))
		)
	);

	// Targets of the file's places are replaced; those of places the file has no column for stay.
	const retargeted = updated('indicator').filter((e) => e.changes.some((c) => c.field.startsWith('target ')));
	const filePlaces = plan.places.map((p) => placeId(p.pcode));
	for (let start = 0; start < retargeted.length; start += BATCH)
		if (filePlaces.length)
			await tx.delete(indicatorTarget).where(
				and(
					inArray(
						indicatorTarget.indicatorId,
						retargeted.slice(start, start + BATCH).map((e) => e.stored!.id)
					),
					inArray(indicatorTarget.locationId, filePlaces)
				)
			);
	await insertTargets(
		tx,
		[...inds, ...retargeted].flatMap((e) =>
			[...e.targets]
				.filter((t): t is [string, number] => t[1] !== null)
				.map(([pcode, value]) => ({ indicator_id: idOfEntry(e), location_id: placeId(pcode), value }))
		)
	);

	logChanges(log, plan, part, ids);
	return {
		created: plan.creates.length,
		updated: plan.updates.length,
		unchanged: plan.unchanged,
		kept: plan.kept
	};
}

function indicatorColumns(e: Entry) {
	const i = e.indicator!;
	return {
		unit: i.unit,
		periodRule: i.periodRule,
		placeRule: i.placeRule,
		disaggregation: i.disaggregation,
		baseline: i.baseline === null ? null : String(i.baseline),
		target: i.target === null ? null : String(i.target)
	};
}

async function insertAll<T extends PgTable>(tx: Executor, table: T, rows: T['$inferInsert'][], size = BATCH) {
	for (let start = 0; start < rows.length; start += size)
		await tx.insert(table).values(rows.slice(start, start + size));
}

/** Tens of thousands of targets: sent as one JSON document per batch, not three parameters a row. */
async function insertTargets(
	tx: Executor,
	rows: { indicator_id: string; location_id: string; value: number }[]
) {
	for (let start = 0; start < rows.length; start += TARGET_BATCH)
		await tx.execute(sql`
			insert into ${indicatorTarget} (indicator_id, location_id, value)
			select v.indicator_id, v.location_id, v.value
			from jsonb_to_recordset(${JSON.stringify(rows.slice(start, start + TARGET_BATCH))}::jsonb)
				as v(indicator_id uuid, location_id uuid, value numeric)`);
}

/** One statement per batch, as the places import does. */
async function updateTitles(tx: Executor, table: PgTable, entries: Entry[]) {
	for (let start = 0; start < entries.length; start += BATCH) {
		const rows = entries
			.slice(start, start + BATCH)
			.map((e) => ({ id: e.stored!.id, title_fr: e.titleFr, title_en: e.titleEn }));
		await tx.execute(sql`
			update ${table} t set title_fr = v.title_fr, title_en = v.title_en, updated_at = now()
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, title_fr text, title_en text)
			where t.id = v.id`);
	}
}

async function updateIndicators(tx: Executor, entries: Entry[]) {
	for (let start = 0; start < entries.length; start += BATCH) {
		const rows = entries.slice(start, start + BATCH).map((e) => {
			const values = indicatorColumns(e);
			return {
				id: e.stored!.id,
				title_fr: e.titleFr,
				title_en: e.titleEn,
				unit: values.unit,
				period_rule: values.periodRule,
				place_rule: values.placeRule,
				disaggregation: values.disaggregation,
				baseline: values.baseline,
				target: values.target
			};
		});
		await tx.execute(sql`
			update indicator t set title_fr = v.title_fr, title_en = v.title_en, unit = v.unit,
				period_rule = v.period_rule, place_rule = v.place_rule, disaggregation = v.disaggregation,
				baseline = v.baseline, target = v.target, updated_at = now()
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, title_fr text,
				title_en text, unit text, period_rule text, place_rule text, disaggregation text,
				baseline numeric, target numeric)
			where t.id = v.id`);
	}
}

/** As the framework's own forms log them: codes for links, one field per place's target. */
function logChanges(log: ChangeLog, plan: LogframePlan, part: PlanPart, ids: Map<Entry, string>) {
	const clusterOf = (e: Entry) => (e.level === 'strategic-objective' ? null : part.cluster.id);
	for (const e of plan.creates) {
		const after: Record<string, unknown> = { titleFr: e.titleFr };
		if (e.titleEn) after.titleEn = e.titleEn;
		if (e.level === 'cluster-objective') after.strategicObjective = codeOf(e.parent!);
		if (e.also.length) after.alsoServes = e.also.map(codeOf).sort();
		if (e.indicator) {
			for (const [field, value] of Object.entries(e.indicator)) if (value !== null) after[field] = value;
			for (const [pcode, value] of e.targets) if (value !== null) after[`target ${pcode}`] = value;
		}
		log.created(item(e.level, ids.get(e)!, e.code, e.titleFr, clusterOf(e)), after);
	}
	for (const e of plan.updates) {
		const fields = (side: 'before' | 'after') => Object.fromEntries(e.changes.map((c) => [c.field, c[side]]));
		log.updated(
			item(e.level, e.stored!.id, e.stored!.code, e.titleFr, clusterOf(e)),
			fields('before'),
			fields('after')
		);
	}
}
