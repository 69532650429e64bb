/**
 * An indicator's targets per place (admin1 or admin2 of the plan's country). They roll up to the
 * total by the indicator's place rule, so a place and a place inside it cannot both have one: the
 * cercle's target would be counted twice in its region's.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { indicatorTarget, location, type IndicatorUnit } from '../../db/schema';
import { ValidationError, type FieldError } from '../../errors';
import { parseInput } from '../../validation';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../../i18n';
import { findPlan } from '../access';
import { writePlan } from '../changes';
import { MAX_INDICATOR_VALUE, readNumber, targetsInput } from '../schema';
import { itemLabel } from './codes';
import { authorizeItem } from './levels';
import { locateIndicator } from './locate';
import { rollUpValues } from './rollup';

/** Percentages stay within 100, yes/no is 0 or 1 — for the total as for each place. */
export function valueProblem(unit: IndicatorUnit, value: number, locale: Locale): string | null {
	if (value < 0) return m.plans_error_negative({}, { locale });
	if (value > MAX_INDICATOR_VALUE) return m.plans_error_too_large({}, { locale });
	if (unit === 'percent' && value > 100) return m.framework_error_percent({}, { locale });
	if (unit === 'yes-no' && value !== 0 && value !== 1) return m.framework_error_yes_no({}, { locale });
	if (unit === 'people' && !Number.isInteger(value)) return m.plans_error_whole({}, { locale });
	return null;
}

export function assertPercentTarget(
	locale: Locale,
	values: { unit: IndicatorUnit; target: number | null; baseline: number | null }
) {
	const errors: FieldError[] = [];
	for (const field of ['baseline', 'target'] as const) {
		const value = values[field];
		const problem = value === null ? null : valueProblem(values.unit, value, locale);
		if (problem) errors.push({ path: field, message: problem });
	}
	if (errors.length) throw new ValidationError(errors);
}

/** The places an indicator of this plan may have a target in: admin1 and admin2 of its country. */
export async function targetPlaces(db: Executor, countryId: string) {
	const regions = await db
		.select({
			id: location.id,
			pcode: location.pcode,
			name: location.name,
			parentId: location.parentId,
			level: location.level
		})
		.from(location)
		.where(and(eq(location.parentId, countryId), isNull(location.retiredAt)));
	const cercles = regions.length
		? await db
				.select({
					id: location.id,
					pcode: location.pcode,
					name: location.name,
					parentId: location.parentId,
					level: location.level
				})
				.from(location)
				.where(
					and(
						inArray(
							location.parentId,
							regions.map((r) => r.id)
						),
						isNull(location.retiredAt),
						eq(location.level, 2)
					)
				)
		: [];
	return [...regions, ...cercles].sort((a, b) => a.pcode.localeCompare(b.pcode));
}

export async function getIndicatorTargets(ctx: Ctx, indicatorId: string) {
	const found = await locateIndicator(ctx.db, indicatorId);
	const p = await findPlan(ctx, found.planId);
	const rows = await ctx.db
		.select({ pcode: location.pcode, name: location.name, value: indicatorTarget.value })
		.from(indicatorTarget)
		.innerJoin(location, eq(location.id, indicatorTarget.locationId))
		.where(eq(indicatorTarget.indicatorId, found.row.id))
		.orderBy(location.pcode);
	const values = rows.map((r) => Number(r.value));
	return {
		indicator: found,
		plan: p,
		targets: rows,
		rollUp: rollUpValues(found.row.placeRule, found.row.target, values)
	};
}

/** Replaces the indicator's targets per place with these (P-code → value; blank: none). */
export async function setIndicatorTargets(ctx: Ctx, indicatorId: string, input: unknown) {
	const found = await locateIndicator(ctx.db, indicatorId);
	const p = await authorizeItem(ctx, found);
	const { targets, revision } = parseInput(targetsInput, input, ctx.locale);
	const places = new Map((await targetPlaces(ctx.db, p.countryId)).map((pl) => [pl.pcode, pl]));
	const wanted = readTargets(ctx.locale, found.row.unit, targets, places);
	const guard = revision === undefined ? null : { revision, entityIds: [found.row.id] };
	return writePlan(ctx, found.planId, guard, async (tx, log) => {
		const before = await tx
			.select({ pcode: location.pcode, value: indicatorTarget.value })
			.from(indicatorTarget)
			.innerJoin(location, eq(location.id, indicatorTarget.locationId))
			.where(eq(indicatorTarget.indicatorId, found.row.id));
		await tx.delete(indicatorTarget).where(eq(indicatorTarget.indicatorId, found.row.id));
		if (wanted.length)
			await tx.insert(indicatorTarget).values(
				wanted.map((t) => ({
					indicatorId: found.row.id,
					locationId: places.get(t.pcode)!.id,
					value: String(t.value)
				}))
			);
		log.updated(
			{
				entityType: 'indicator',
				entityId: found.row.id,
				label: itemLabel(found.code, found.row.titleFr),
				clusterId: found.clusterId
			},
			Object.fromEntries(before.map((t) => [`target ${t.pcode}`, Number(t.value)])),
			Object.fromEntries([
				...before.map((t) => [`target ${t.pcode}`, null]),
				...wanted.map((t) => [`target ${t.pcode}`, t.value])
			])
		);
		return wanted;
	});
}

type Place = { id: string; pcode: string; parentId: string | null; level: number };

function readTargets(
	locale: Locale,
	unit: IndicatorUnit,
	targets: Record<string, unknown>,
	places: Map<string, Place>
) {
	const errors: FieldError[] = [];
	const wanted: { pcode: string; value: number }[] = [];
	for (const [key, raw] of Object.entries(targets)) {
		const pcode = key.trim().toUpperCase();
		const value = readNumber(typeof raw === 'number' ? raw : String(raw ?? ''));
		if (value === undefined) continue;
		const path = `targets.${pcode}`;
		if (!places.has(pcode)) errors.push({ path, message: m.framework_error_place({ pcode }, { locale }) });
		else if (typeof value !== 'number') errors.push({ path, message: m.plans_error_number({}, { locale }) });
		else {
			const problem = valueProblem(unit, value, locale);
			if (problem) errors.push({ path, message: problem });
			else wanted.push({ pcode, value });
		}
	}
	const byId = new Map([...places.values()].map((pl) => [pl.id, pl]));
	const chosen = new Set(wanted.map((t) => t.pcode));
	for (const t of wanted) {
		const parent = byId.get(places.get(t.pcode)!.parentId ?? '');
		if (parent && chosen.has(parent.pcode))
			errors.push({
				path: `targets.${t.pcode}`,
				message: m.framework_error_nested_target({ pcode: t.pcode, parent: parent.pcode }, { locale })
			});
	}
	if (errors.length) throw new ValidationError(errors);
	return wanted;
}
