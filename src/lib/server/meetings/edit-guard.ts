/**
 * Two coordinators may edit one meeting at the same time. Every write locks the meeting row, and
 * a save based on an older read (`version`, the meeting's updated_at to the microsecond) is
 * refused when what it changes was changed since — naming those changes, read back from the audit
 * events of the meeting. Saves that touch other parts go through.
 */
import { and, asc, eq, getTableColumns, gt, or, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor';
import { authorize, managesCluster } from '../access/policy';
import type { Executor } from '../db/client';
import { auditEvent, meeting } from '../db/schema';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

/** The meeting's version as text (ISO 8601, UTC, microseconds): what a writer sends back. */
export const meetingVersion = sql<string>`to_char(${meeting.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Locks the meeting for a write by one of its cluster's coordinators (404 / 403 otherwise). */
export async function lockMeeting(tx: Executor, actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await tx
		.select({ ...getTableColumns(meeting), version: meetingVersion })
		.from(meeting)
		.where(eq(meeting.id, id))
		.for('update');
	if (!row) throw new NotFoundError();
	authorize(actor, managesCluster(actor, row.clusterId));
	return row;
}

/**
 * Marks the meeting changed by this transaction: its version becomes the transaction's time,
 * which is also the time of the audit events it records (strictly later than the last version).
 */
export async function touchMeeting(tx: Executor, id: string) {
	await tx.update(meeting).set({ updatedAt: touched }).where(eq(meeting.id, id));
}

/** The new updated_at of a meeting written now (for an UPDATE that also sets other columns). */
export const touched = sql`greatest(now(), ${meeting.updatedAt} + interval '1 microsecond')`;

/** A change made to the meeting after some version. */
export type MeetingChange =
	| { part: 'field'; field: string }
	| { part: 'agenda-item'; itemId: string; subject: string; action: string; fields: string[] };

/** What the audit log holds of changes to the meeting (its fields, lists and agenda) since `version`. */
export async function changesSince(tx: Executor, id: string, version: string): Promise<MeetingChange[]> {
	const events = await tx
		.select({
			entityType: auditEvent.entityType,
			entityId: auditEvent.entityId,
			action: auditEvent.action,
			before: auditEvent.before,
			after: auditEvent.after
		})
		.from(auditEvent)
		.where(
			and(
				gt(auditEvent.at, sql`${version}::timestamptz`),
				or(
					and(eq(auditEvent.entityType, 'meeting'), eq(auditEvent.entityId, id)),
					and(
						eq(auditEvent.entityType, 'agenda_item'),
						sql`coalesce(${auditEvent.after}->>'meetingId', ${auditEvent.before}->>'meetingId') = ${id}`
					)
				)
			)
		)
		.orderBy(asc(auditEvent.id));
	const changes: MeetingChange[] = [];
	for (const e of events) {
		const before = (e.before ?? {}) as Record<string, unknown>;
		const after = (e.after ?? {}) as Record<string, unknown>;
		if (e.entityType === 'meeting') {
			for (const field of new Set([...Object.keys(before), ...Object.keys(after)]))
				changes.push({ part: 'field', field });
		} else {
			// An update names the item's subject as `label`, beside the fields it changed.
			const subject = String(after.label ?? before.label ?? after.subject ?? before.subject ?? '');
			const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
			changes.push({ part: 'agenda-item', itemId: e.entityId ?? '', subject, action: e.action, fields });
		}
	}
	return changes;
}

/**
 * Refuses the save when the meeting changed since `version` in a way `touches` says matters to it;
 * without a version (an API call that did not send one) the save goes through.
 */
export async function refuseIfChanged(
	tx: Executor,
	locale: Locale,
	locked: { id: string; version: string },
	version: string | undefined,
	touches: (change: MeetingChange) => boolean
) {
	if (version === undefined || locked.version === version) return;
	const changes = (await changesSince(tx, locked.id, version)).filter(touches);
	if (changes.length === 0) return;
	const names = [...new Set(changes.map((c) => describeChange(c, locale)).filter(Boolean))];
	const message = names.length
		? m.meetingedit_error_stale({ changes: names.join(', ') }, { locale })
		: m.meetingedit_error_stale_unnamed({}, { locale });
	throw new ConflictError([{ path: 'version', message }]);
}

const fieldLabels: Record<string, (o: { locale: Locale }) => string> = {
	title: (o) => m.meetingedit_field_title({}, o),
	kind: (o) => m.meetingedit_field_kind({}, o),
	date: (o) => m.meetingedit_field_date({}, o),
	heldOn: (o) => m.meetingedit_field_date({}, o),
	startTime: (o) => m.meetingedit_field_start({}, o),
	endTime: (o) => m.meetingedit_field_end({}, o),
	place: (o) => m.meetingedit_field_place({}, o),
	objectives: (o) => m.minutes_objectives({}, o),
	state: (o) => m.meetingedit_field_state({}, o),
	lessons: (o) => m.minutes_lessons({}, o),
	consensus: (o) => m.minutes_consensus({}, o),
	perspectives: (o) => m.minutes_perspectives({}, o)
};

function describeChange(change: MeetingChange, locale: Locale): string {
	if (change.part === 'agenda-item')
		return m.meetingedit_change_item({ subject: change.subject }, { locale });
	return fieldLabels[change.field]?.({ locale }) ?? '';
}
