import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import { auditEvent } from '../db/schema';
import { matchesText } from '../db/search';
import { authorize, isAdmin } from '../access/policy';
import { ValidationError, type FieldError } from '../errors';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

export const AUDIT_PAGE_SIZE = 50;

/** A calendar day typed as YYYY-MM-DD; anything else, or a day that does not exist, is refused. */
function isDay(value: string): boolean {
	// Years 1900–2999: PostgreSQL has no year 0, and the day after 9999-12-31 has six digits.
	if (!/^(19|2\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const filterText = z.preprocess(blankToUndefined, z.string().trim().max(200).optional());

export const auditQuery = z.object({
	entityType: filterText,
	action: filterText,
	actor: filterText,
	from: filterText,
	to: filterText,
	limit: z.coerce.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
	offset: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10_000_000).default(0))
});

export type AuditQuery = z.input<typeof auditQuery>;

/** One changed key of a record: what it held before and after, as short text. */
export interface AuditChange {
	key: string;
	before: string | null;
	after: string | null;
}

const MAX_VALUE_LENGTH = 160;

function show(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Timestamps the event's own time already tells. */
const NOISE = new Set(['createdAt', 'updatedAt']);

/**
 * The keys whose value differs between before and after (all keys of a creation or a deletion).
 * Record timestamps are left out; values that are not objects count as one key.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
	if (!isRecord(before) && !isRecord(after)) {
		if (before == null && after == null) return [];
		if (JSON.stringify(before) === JSON.stringify(after)) return [];
		return [{ key: '', before: show(before), after: show(after) }];
	}
	const b = isRecord(before) ? before : {};
	const a = isRecord(after) ? after : {};
	const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
	return keys
		.filter((key) => !NOISE.has(key))
		.filter((key) => JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null))
		.map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
}

function dayErrors(values: { from?: string; to?: string }, locale: Locale): FieldError[] {
	const errors: FieldError[] = [];
	for (const path of ['from', 'to'] as const) {
		const value = values[path];
		if (value !== undefined && !isDay(value))
			errors.push({ path, message: m.admin_audit_error_date({}, { locale }) });
	}
	if (!errors.length && values.from && values.to && values.from > values.to)
		errors.push({ path: 'to', message: m.admin_audit_error_range({}, { locale }) });
	return errors;
}

/**
 * The audit log, newest first, for administrators. Filters: entity type and action (exact), the
 * actor's e-mail (contains, accent- and case-insensitive), and a range of days (UTC, both included).
 */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery = {}) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const filters = parseInput(auditQuery, query, ctx.locale);
	const errors = dayErrors(filters, ctx.locale);
	if (errors.length) throw new ValidationError(errors);
	const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
	const where = and(
		filters.entityType ? eq(auditEvent.entityType, filters.entityType) : undefined,
		filters.action ? eq(auditEvent.action, filters.action) : undefined,
		matchesText(filters.actor, auditEvent.actorLabel),
		filters.from ? gte(auditEvent.at, new Date(`${filters.from}T00:00:00Z`)) : undefined,
		filters.to ? lt(auditEvent.at, dayAfter(filters.to)) : undefined
	);
	const [rows, [total]] = await Promise.all([
		ctx.db
			.select()
			.from(auditEvent)
			.where(where)
			.orderBy(desc(auditEvent.at), desc(auditEvent.id))
			.limit(filters.limit)
			.offset(filters.offset),
		ctx.db.select({ n: count() }).from(auditEvent).where(where)
	]);
	return {
		items: rows.map((row) => ({
			id: row.id,
			at: row.at,
			actorUserId: row.actorUserId,
			actorLabel: row.actorLabel,
			action: row.action,
			entityType: row.entityType,
			entityId: row.entityId,
			/** A creation records only after, a deletion only before; an update both. */
			sides: (row.before == null ? 'after' : row.after == null ? 'before' : 'both') as
				'after' | 'before' | 'both',
			changes: auditChanges(row.before, row.after)
		})),
		total: total?.n ?? 0,
		limit: filters.limit,
		offset: filters.offset
	};
}

/** The entity types and actions the log holds, for the filter select boxes. */
export async function auditFilterChoices(ctx: Ctx) {
	authorize(ctx.actor, isAdmin(ctx.actor));
	const [types, actions] = await Promise.all([
		ctx.db.selectDistinct({ value: auditEvent.entityType }).from(auditEvent).orderBy(auditEvent.entityType),
		ctx.db.selectDistinct({ value: auditEvent.action }).from(auditEvent).orderBy(auditEvent.action)
	]);
	return { entityTypes: types.map((t) => t.value), actions: actions.map((a) => a.value) };
}
