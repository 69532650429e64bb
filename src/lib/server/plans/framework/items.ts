/**
 * Creating and editing the framework's items. Each write checks that what it points at belongs to
 * the same plan and cluster, gives a new item the next number among its siblings, and logs the
 * fields as users read them (codes, not ids) for the plan's versions.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import {
	activity,
	activityObjective,
	clusterObjective,
	clusterObjectiveLink,
	indicator,
	strategicObjective
} from '../../db/schema';
import { ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../../i18n';
import { findPlanForWrite, findPlanPartForWrite } from '../access';
import { writePlan, type Guard } from '../changes';
import { activityInput, clusterObjectiveInput, indicatorInput, strategicObjectiveInput } from '../schema';
import { activityCode, indicatorCode, itemLabel, objectiveCode, strategicCode, type Level } from './codes';
import { authorizeItem, locate, nextSlot, siblingsOf } from './levels';
import { locateActivity, locateClusterObjective, locateIndicator, locateStrategicObjective } from './locate';
import { assertPercentTarget } from './targets';

const guardFor = (id: string, revision: number | undefined): Guard =>
	revision === undefined ? null : { revision, entityIds: [id] };

export async function createStrategicObjective(ctx: Ctx, planId: string, input: unknown) {
	const p = await findPlanForWrite(ctx, planId);
	const values = parseInput(strategicObjectiveInput, input, ctx.locale);
	return writePlan(ctx, p.id, null, async (tx, log) => {
		const slot = await nextSlot(tx, 'strategic-objective', eq(strategicObjective.planId, p.id), {
			planId: p.id,
			clusterId: null,
			code: ''
		});
		const [row] = await tx
			.insert(strategicObjective)
			.values({ planId: p.id, ...slot, titleFr: values.titleFr, titleEn: values.titleEn })
			.returning();
		const code = strategicCode(row!.number);
		log.created(item('strategic-objective', row!.id, code, row!.titleFr, null), titlesOf(row!));
		return { ...row!, code };
	});
}

export async function updateStrategicObjective(ctx: Ctx, id: string, input: unknown) {
	const found = await locateStrategicObjective(ctx.db, id);
	await authorizeItem(ctx, found);
	const values = parseInput(strategicObjectiveInput, input, ctx.locale);
	return writePlan(ctx, found.planId, guardFor(id, values.revision), async (tx, log) => {
		const current = await locateStrategicObjective(tx, id);
		const [row] = await tx
			.update(strategicObjective)
			.set({ titleFr: values.titleFr, titleEn: values.titleEn, updatedAt: new Date() })
			.where(eq(strategicObjective.id, id))
			.returning();
		log.updated(
			item('strategic-objective', id, current.code, row!.titleFr, null),
			titlesOf(current.row),
			titlesOf(row!)
		);
		return { ...row!, code: current.code };
	});
}

export async function createClusterObjective(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const values = parseInput(clusterObjectiveInput, input, ctx.locale);
	return writePlan(ctx, part.plan.id, null, async (tx, log) => {
		const codes = await strategicCodes(tx, ctx.locale, part.plan.id, [
			values.strategicObjectiveId,
			...values.alsoServes
		]);
		const slot = await nextSlot(
			tx,
			'cluster-objective',
			siblingsOf('cluster-objective', {
				planClusterId: part.planCluster.id,
				strategicObjectiveId: values.strategicObjectiveId
			}),
			{ planId: part.plan.id, clusterId: part.cluster.id, code: codes.get(values.strategicObjectiveId)! }
		);
		const [row] = await tx
			.insert(clusterObjective)
			.values({
				planClusterId: part.planCluster.id,
				strategicObjectiveId: values.strategicObjectiveId,
				...slot,
				titleFr: values.titleFr,
				titleEn: values.titleEn
			})
			.returning();
		const also = await linkStrategic(tx, row!.id, values.strategicObjectiveId, values.alsoServes);
		const code = objectiveCode(Number(codes.get(values.strategicObjectiveId)!.slice(2)), row!.number);
		log.created(item('cluster-objective', row!.id, code, row!.titleFr, part.cluster.id), {
			...titlesOf(row!),
			strategicObjective: codes.get(values.strategicObjectiveId),
			alsoServes: also.map((id) => codes.get(id))
		});
		return { ...row!, code };
	});
}

export async function updateClusterObjective(ctx: Ctx, id: string, input: unknown) {
	const found = await locateClusterObjective(ctx.db, id);
	await authorizeItem(ctx, found);
	const values = parseInput(clusterObjectiveInput, input, ctx.locale);
	return writePlan(ctx, found.planId, guardFor(id, values.revision), async (tx, log) => {
		const current = await locateClusterObjective(tx, id);
		const codes = await strategicCodes(tx, ctx.locale, found.planId, [
			values.strategicObjectiveId,
			...values.alsoServes
		]);
		const before = await objectiveLinks(tx, id);
		const beforeCodes = await strategicCodes(tx, ctx.locale, found.planId, [
			current.row.strategicObjectiveId,
			...before
		]);
		const moved = values.strategicObjectiveId !== current.row.strategicObjectiveId;
		const slot = moved
			? await nextSlot(
					tx,
					'cluster-objective',
					siblingsOf('cluster-objective', {
						...current.row,
						strategicObjectiveId: values.strategicObjectiveId
					}),
					{ planId: found.planId, clusterId: found.clusterId, code: codes.get(values.strategicObjectiveId)! }
				)
			: { number: current.row.number, position: current.row.position };
		const [row] = await tx
			.update(clusterObjective)
			.set({
				titleFr: values.titleFr,
				titleEn: values.titleEn,
				strategicObjectiveId: values.strategicObjectiveId,
				...slot,
				updatedAt: new Date()
			})
			.where(eq(clusterObjective.id, id))
			.returning();
		await tx.delete(clusterObjectiveLink).where(eq(clusterObjectiveLink.clusterObjectiveId, id));
		const also = await linkStrategic(tx, id, values.strategicObjectiveId, values.alsoServes);
		const code = objectiveCode(Number(codes.get(values.strategicObjectiveId)!.slice(2)), row!.number);
		log.updated(
			item('cluster-objective', id, code, row!.titleFr, found.clusterId),
			{ ...titlesOf(current.row), code: current.code, alsoServes: before.map((s) => beforeCodes.get(s)) },
			{ ...titlesOf(row!), code, alsoServes: also.map((s) => codes.get(s)) }
		);
		return { ...row!, code };
	});
}

export async function createActivity(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const values = parseInput(activityInput, input, ctx.locale);
	return writePlan(ctx, part.plan.id, null, async (tx, log) => {
		const parent = await objectiveInPart(tx, ctx.locale, values.clusterObjectiveId, part.planCluster.id);
		const also = await objectivesInPart(
			tx,
			ctx.locale,
			values.alsoServes,
			part.planCluster.id,
			parent.row.id
		);
		const slot = await nextSlot(tx, 'activity', eq(activity.clusterObjectiveId, parent.row.id), {
			planId: part.plan.id,
			clusterId: part.cluster.id,
			code: parent.code
		});
		const [row] = await tx
			.insert(activity)
			.values({
				clusterObjectiveId: parent.row.id,
				...slot,
				titleFr: values.titleFr,
				titleEn: values.titleEn
			})
			.returning();
		if (also.length)
			await tx
				.insert(activityObjective)
				.values(also.map((o) => ({ activityId: row!.id, clusterObjectiveId: o.row.id })));
		const code = activityCode(...soCoOf(parent.code), row!.number);
		log.created(item('activity', row!.id, code, row!.titleFr, part.cluster.id), {
			...titlesOf(row!),
			alsoServes: also.map((o) => o.code)
		});
		return { ...row!, code };
	});
}

export async function updateActivity(ctx: Ctx, id: string, input: unknown) {
	const found = await locateActivity(ctx.db, id);
	await authorizeItem(ctx, found);
	const values = parseInput(activityInput, input, ctx.locale);
	return writePlan(ctx, found.planId, guardFor(id, values.revision), async (tx, log) => {
		const current = await locateActivity(tx, id);
		const parent = await objectiveInPart(tx, ctx.locale, values.clusterObjectiveId, found.planClusterId!);
		const also = await objectivesInPart(
			tx,
			ctx.locale,
			values.alsoServes,
			found.planClusterId!,
			parent.row.id
		);
		const beforeAlso = await activityLinkCodes(tx, id);
		const moved = parent.row.id !== current.row.clusterObjectiveId;
		const slot = moved
			? await nextSlot(tx, 'activity', eq(activity.clusterObjectiveId, parent.row.id), {
					planId: found.planId,
					clusterId: found.clusterId,
					code: parent.code
				})
			: { number: current.row.number, position: current.row.position };
		const [row] = await tx
			.update(activity)
			.set({
				titleFr: values.titleFr,
				titleEn: values.titleEn,
				clusterObjectiveId: parent.row.id,
				...slot,
				updatedAt: new Date()
			})
			.where(eq(activity.id, id))
			.returning();
		await tx.delete(activityObjective).where(eq(activityObjective.activityId, id));
		if (also.length)
			await tx
				.insert(activityObjective)
				.values(also.map((o) => ({ activityId: id, clusterObjectiveId: o.row.id })));
		const code = activityCode(...soCoOf(parent.code), row!.number);
		log.updated(
			item('activity', id, code, row!.titleFr, found.clusterId),
			{ ...titlesOf(current.row), code: current.code, alsoServes: beforeAlso },
			{ ...titlesOf(row!), code, alsoServes: also.map((o) => o.code) }
		);
		return { ...row!, code };
	});
}

const INDICATOR_FIELDS = [
	'titleFr',
	'titleEn',
	'unit',
	'periodRule',
	'placeRule',
	'disaggregation',
	'baseline',
	'target'
] as const;

export async function createIndicator(ctx: Ctx, planId: string, clusterCode: string, input: unknown) {
	const part = await findPlanPartForWrite(ctx, planId, clusterCode);
	const values = parseInput(indicatorInput, input, ctx.locale);
	assertPercentTarget(ctx.locale, values);
	return writePlan(ctx, part.plan.id, null, async (tx, log) => {
		const parent = await activityInPart(tx, ctx.locale, values.activityId, part.planCluster.id);
		const slot = await nextSlot(tx, 'indicator', eq(indicator.activityId, parent.row.id), {
			planId: part.plan.id,
			clusterId: part.cluster.id,
			code: parent.code
		});
		const [row] = await tx
			.insert(indicator)
			.values(indicatorValues(values, parent.row.id, slot))
			.returning();
		const code = indicatorCode(...soCoAOf(parent.code), row!.number);
		log.created(item('indicator', row!.id, code, row!.titleFr, part.cluster.id), indicatorFields(row!));
		return { ...row!, code };
	});
}

export async function updateIndicator(ctx: Ctx, id: string, input: unknown) {
	const found = await locateIndicator(ctx.db, id);
	await authorizeItem(ctx, found);
	const values = parseInput(indicatorInput, input, ctx.locale);
	assertPercentTarget(ctx.locale, values);
	return writePlan(ctx, found.planId, guardFor(id, values.revision), async (tx, log) => {
		const current = await locateIndicator(tx, id);
		const parent = await activityInPart(tx, ctx.locale, values.activityId, found.planClusterId!);
		const moved = parent.row.id !== current.row.activityId;
		const slot = moved
			? await nextSlot(tx, 'indicator', eq(indicator.activityId, parent.row.id), {
					planId: found.planId,
					clusterId: found.clusterId,
					code: parent.code
				})
			: { number: current.row.number, position: current.row.position };
		const [row] = await tx
			.update(indicator)
			.set({ ...indicatorValues(values, parent.row.id, slot), updatedAt: new Date() })
			.where(eq(indicator.id, id))
			.returning();
		const code = indicatorCode(...soCoAOf(parent.code), row!.number);
		log.updated(
			item('indicator', id, code, row!.titleFr, found.clusterId),
			{ ...indicatorFields(current.row), code: current.code },
			{ ...indicatorFields(row!), code }
		);
		return { ...row!, code };
	});
}

function indicatorValues(
	values: ReturnType<typeof indicatorInput.parse>,
	activityId: string,
	slot: { number: number; position: number }
) {
	return {
		activityId,
		...slot,
		titleFr: values.titleFr,
		titleEn: values.titleEn,
		unit: values.unit,
		periodRule: values.periodRule,
		placeRule: values.placeRule,
		disaggregation: values.disaggregation,
		baseline: values.baseline === null ? null : String(values.baseline),
		target: values.target === null ? null : String(values.target)
	};
}

function indicatorFields(row: typeof indicator.$inferSelect) {
	return Object.fromEntries(INDICATOR_FIELDS.map((k) => [k, row[k]]));
}

export function item(level: Level, id: string, code: string, title: string, clusterId: string | null) {
	return { entityType: level, entityId: id, label: itemLabel(code, title), clusterId };
}

function titlesOf(row: { titleFr: string; titleEn: string | null }) {
	return { titleFr: row.titleFr, titleEn: row.titleEn };
}

/** [so, co] of a cluster objective's code `CO1.2`. */
function soCoOf(code: string): [number, number] {
	const [so, co] = code.slice(2).split('.').map(Number);
	return [so!, co!];
}

function soCoAOf(code: string): [number, number, number] {
	const [so, co, a] = code.slice(1).split('.').map(Number);
	return [so!, co!, a!];
}

/** The codes of these strategic objectives, all of which must be the plan's. */
async function strategicCodes(tx: Executor, locale: Locale, planId: string, ids: string[]) {
	const rows = ids.length
		? await tx
				.select({ id: strategicObjective.id, number: strategicObjective.number })
				.from(strategicObjective)
				.where(and(eq(strategicObjective.planId, planId), inArray(strategicObjective.id, ids)))
		: [];
	if (rows.length !== new Set(ids).size)
		throw invalid('strategicObjectiveId', m.framework_error_parent({}, { locale }));
	return new Map(rows.map((r) => [r.id, strategicCode(r.number)]));
}

async function linkStrategic(tx: Executor, coId: string, coding: string, also: string[]) {
	const further = [...new Set(also)].filter((id) => id !== coding);
	if (further.length)
		await tx
			.insert(clusterObjectiveLink)
			.values(further.map((s) => ({ clusterObjectiveId: coId, strategicObjectiveId: s })));
	return further;
}

async function objectiveLinks(tx: Executor, coId: string) {
	const rows = await tx
		.select({ id: clusterObjectiveLink.strategicObjectiveId })
		.from(clusterObjectiveLink)
		.where(eq(clusterObjectiveLink.clusterObjectiveId, coId));
	return rows.map((r) => r.id);
}

async function activityLinkCodes(tx: Executor, activityId: string) {
	const rows = await tx
		.select({ id: activityObjective.clusterObjectiveId })
		.from(activityObjective)
		.where(eq(activityObjective.activityId, activityId));
	const codes = await Promise.all(rows.map(async (r) => (await locateClusterObjective(tx, r.id)).code));
	return codes.sort();
}

/** A cluster objective of this plan part, or the field's error ("an activity under a missing objective"). */
async function objectiveInPart(tx: Executor, locale: Locale, id: string, planClusterId: string) {
	const found = await locateClusterObjective(tx, id).catch(() => null);
	if (!found || found.planClusterId !== planClusterId)
		throw invalid('clusterObjectiveId', m.framework_error_parent({}, { locale }));
	return found;
}

async function objectivesInPart(
	tx: Executor,
	locale: Locale,
	ids: string[],
	planClusterId: string,
	except: string
) {
	const unique = [...new Set(ids)].filter((id) => id !== except);
	const found = [];
	for (const id of unique) found.push(await objectiveInPart(tx, locale, id, planClusterId));
	return found;
}

async function activityInPart(tx: Executor, locale: Locale, id: string, planClusterId: string) {
	const found = await locateActivity(tx, id).catch(() => null);
	if (!found || found.planClusterId !== planClusterId)
		throw invalid('activityId', m.framework_error_parent({}, { locale }));
	return found;
}

function invalid(path: string, message: string) {
	return new ValidationError([{ path, message }]);
}

export { locate };
