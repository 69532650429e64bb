/**
 * A file filled in from an old export would silently undo what others changed since: the preview
 * refuses it with those changes, as writePlan refuses a stale save at the confirmation.
 */
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { planChange } from '../../db/schema';
import { ConflictError } from '../../errors';
import type { Locale } from '../../i18n';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { fieldLabel } from './present';

/** Changes to the cluster's part or the plan's own part after `revision`: none, or a refusal. */
export async function refuseIfStale(
	db: Executor,
	locale: Locale,
	planId: string,
	clusterId: string,
	revision: number
) {
	const missed = await db
		.select()
		.from(planChange)
		.where(
			and(
				eq(planChange.planId, planId),
				gt(planChange.revision, revision),
				or(eq(planChange.clusterId, clusterId), isNull(planChange.clusterId))
			)
		)
		.orderBy(asc(planChange.id))
		.limit(500);
	if (missed.length === 0) return;
	// One line per item and write: a created indicator is a dozen fields.
	const lines = new Map<string, { label: string; fields: string[]; who: string; at: Date }>();
	for (const c of missed) {
		const key = `${c.revision}/${c.entityId}`;
		const line = lines.get(key) ?? { label: c.label, fields: [], who: c.actorLabel, at: c.at };
		line.fields.push(fieldLabel(c.field, locale));
		lines.set(key, line);
	}
	throw new ConflictError([
		{ path: 'file', message: m.plans_error_stale({}, { locale }) },
		...[...lines.values()].map((line) => ({
			path: 'file',
			message: m.plans_error_stale_change(
				{
					label: line.label,
					field: line.fields.join(', '),
					who: line.who,
					when: formatDateTime(line.at, locale)
				},
				{ locale }
			)
		}))
	]);
}
