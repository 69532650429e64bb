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
	await recordAudits(db, actor, [entry]);
}

/** Many events of one write (an import) in a few statements. */
export async function recordAudits(db: Executor, actor: AuditActor, entries: AuditEntry[]) {
	const rows = entries.map((entry) => ({
		actorUserId: actor?.userId ?? null,
		actorLabel: actor ? actor.email : 'system',
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		before: jsonSafe(entry.before),
		after: jsonSafe(entry.after)
	}));
	for (const chunk of chunks(rows)) await db.insert(auditEvent).values(chunk);
}

/**
 * Rows in slices small enough for one INSERT: PostgreSQL takes at most 65,535 parameters a
 * statement, and a long list of values also strains the driver.
 */
export function chunks<T>(rows: T[], size = 1000): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
	return out;
}

function jsonSafe(value: unknown) {
	return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
