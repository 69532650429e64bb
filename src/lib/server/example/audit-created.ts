import type { Executor } from '../db/client';
import { recordAudit } from '../audit/record-audit';

/** The audit event of a record the example workspace creates (no actor: the loader did it). */
export function auditCreated(db: Executor, entityType: string, entityId: string, after: unknown) {
	return recordAudit(db, null, { action: 'create', entityType, entityId, after });
}
