/**
 * The highest number each parent has ever given its children, read from the plan's version log
 * (every change is labelled with the item's code at the time):
 * a deleted item's code (CO1.3, A1.2.4) is never given to another item, so that reports and
 * versions that name it keep meaning the same thing.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { planChange } from '../../db/schema';
import { LEVELS, parseCode, type Level } from './codes';

/** Parent code ('' for the plan itself) → highest child number given. */
export async function numbersGiven(db: Executor, planId: string, clusterId: string | null) {
	const rows = await db
		.selectDistinct({ label: planChange.label })
		.from(planChange)
		.where(
			and(
				eq(planChange.planId, planId),
				inArray(planChange.entityType, LEVELS),
				clusterId === null
					? isNull(planChange.clusterId)
					: or(eq(planChange.clusterId, clusterId), isNull(planChange.clusterId))
			)
		);
	const given = new Map<string, number>();
	for (const { label } of rows) {
		const parsed = parseCode(label.split(' ')[0] ?? '');
		if (!parsed) continue;
		const parent = parentCode(parsed.level, parsed.numbers);
		given.set(parent, Math.max(given.get(parent) ?? 0, parsed.numbers.at(-1)!));
	}
	return given;
}

/** `A1.2.3` → `CO1.2`; `CO1.2` → `SO1`; `SO1` → ''. */
function parentCode(level: Level, numbers: number[]): string {
	const prefix = { 'strategic-objective': '', 'cluster-objective': 'SO', activity: 'CO', indicator: 'A' }[
		level
	];
	return prefix ? `${prefix}${numbers.slice(0, -1).join('.')}` : '';
}
