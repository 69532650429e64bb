import type { Executor } from '../db/client';
import { auditEvent } from '../db/schema';

export interface AuditEntry {
	action: string;
	entityType: string;
	entityId?: string | null;
	before?: unknown;
	after?: unknown;
}

/** Who did it: a signed-in user (an Actor will do), or null for the system. */
export type AuditActor = { userId: string; email: string } | null;

/** Call inside the transaction of the write it describes, so both land or neither does. */
export async function recordAudit(db: Executor, actor: AuditActor, entry: AuditEntry) {
	await db.insert(auditEvent).values({
		actorUserId: actor?.userId ?? null,
		actorLabel: actor ? actor.email : 'system',
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		before: jsonSafe(entry.before),
		after: jsonSafe(entry.after)
	});
}

function jsonSafe(value: unknown) {
	return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
