import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import { mailOutbox, setting, MAIL_STATUSES } from '../db/schema';
import { matchesText } from '../db/search';
import { authorize, isAdmin } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { m } from '$lib/paraglide/messages';

export const OUTBOX_PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const outboxQuery = z.object({
	status: z.preprocess(blankToUndefined, z.enum(MAIL_STATUSES).optional()),
	to: z.preprocess(blankToUndefined, z.string().trim().max(254).optional()),
	limit: z.coerce.number().int().min(1).max(200).default(OUTBOX_PAGE_SIZE),
	offset: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10_000_000).default(0))
});

/** The outbox, newest first, without the bodies (a mail opens on its own page). */
export async function listMail(ctx: Ctx, query: z.input<typeof outboxQuery> = {}) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const filters = parseInput(outboxQuery, query, ctx.locale);
	const where = and(
		filters.status ? eq(mailOutbox.status, filters.status) : undefined,
		matchesText(filters.to, mailOutbox.recipient)
	);
	const [items, [total]] = await Promise.all([
		ctx.db
			.select({
				id: mailOutbox.id,
				recipient: mailOutbox.recipient,
				subject: mailOutbox.subject,
				status: mailOutbox.status,
				attempts: mailOutbox.attempts,
				error: mailOutbox.error,
				createdAt: mailOutbox.createdAt,
				sentAt: mailOutbox.sentAt
			})
			.from(mailOutbox)
			.where(where)
			.orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
			.limit(filters.limit)
			.offset(filters.offset),
		ctx.db.select({ n: count() }).from(mailOutbox).where(where)
	]);
	return { items, total: total?.n ?? 0, limit: filters.limit, offset: filters.offset, filters };
}

/** One mail with its body, so that an administrator can read a held mail and pass its link on. */
export async function getMail(ctx: Ctx, id: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
	if (!row) throw new NotFoundError();
	return row;
}

/**
 * Puts a failed mail back in the queue; the caller then runs the delivery. Mail of the example
 * workspace is held for good: it is never queued again.
 */
export async function retryMail(ctx: Ctx, id: string) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, id)).for('update');
		if (!row) throw new NotFoundError();
		if (row.status !== 'failed')
			throw new ConflictError([
				{ path: 'status', message: m.admin_outbox_error_not_failed({}, { locale: ctx.locale }) }
			]);
		const [hold] = await tx.select().from(setting).where(eq(setting.key, 'mail.hold'));
		if (hold?.value === true)
			throw new ConflictError([
				{ path: 'status', message: m.admin_outbox_error_held({}, { locale: ctx.locale }) }
			]);
		await tx.update(mailOutbox).set({ status: 'queued', error: null }).where(eq(mailOutbox.id, id));
		await recordAudit(tx, ctx.actor, {
			action: 'retry',
			entityType: 'mail',
			entityId: id,
			before: { status: row.status, error: row.error },
			after: { status: 'queued' }
		});
	});
}

/** Counts for the administration index. */
export async function outboxCounts(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const rows = await ctx.db
		.select({ status: mailOutbox.status, n: count() })
		.from(mailOutbox)
		.groupBy(mailOutbox.status);
	const byStatus = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<
		(typeof MAIL_STATUSES)[number],
		number
	>;
	for (const row of rows) byStatus[row.status] = row.n;
	return byStatus;
}
