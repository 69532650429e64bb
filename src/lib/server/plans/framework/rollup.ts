import type { PlaceRule } from '../../db/schema';

export interface TargetSums {
	places: number;
	sum: number;
	average: number;
	max: number;
}

export interface RollUp {
	/** How many places have a target. */
	places: number;
	/** The targets per place added up by the indicator's place rule; null without any. */
	value: number | null;
	/** The typed total differs from the roll-up (both present). */
	mismatch: boolean;
}

const BY_RULE: Record<PlaceRule, (s: TargetSums) => number> = {
	sum: (s) => s.sum,
	average: (s) => s.average,
	max: (s) => s.max
};

export function rollUp(
	item: { placeRule: PlaceRule; target: string | null },
	sums: TargetSums | undefined
): RollUp {
	if (!sums || sums.places === 0) return { places: 0, value: null, mismatch: false };
	const value = Math.round(BY_RULE[item.placeRule](sums) * 100) / 100;
	const typed = item.target === null ? null : Number(item.target);
	return { places: sums.places, value, mismatch: typed !== null && Math.abs(typed - value) >= 0.005 };
}

/** The same roll-up from a list of values (an indicator's page, an import's check). */
export function rollUpValues(placeRule: PlaceRule, target: string | null, values: number[]): RollUp {
	if (values.length === 0) return rollUp({ placeRule, target }, undefined);
	const sum = values.reduce((a, b) => a + b, 0);
	return rollUp(
		{ placeRule, target },
		{ places: values.length, sum, average: sum / values.length, max: Math.max(...values) }
	);
}
