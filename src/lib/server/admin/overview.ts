import { count } from 'drizzle-orm';
import type { Ctx } from '../context';
import { auditEvent, user } from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import { outboxCounts } from './outbox';

/** What the administration index shows beside its links. */
export async function adminOverview(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const [[users], [events], mail] = await Promise.all([
		ctx.db.select({ n: count() }).from(user),
		ctx.db.select({ n: count() }).from(auditEvent),
		outboxCounts(ctx)
	]);
	return { users: users?.n ?? 0, auditEvents: events?.n ?? 0, mail };
}
