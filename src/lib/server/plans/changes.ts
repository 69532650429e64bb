/**
 * Every write to a plan's content goes through `writePlan`: it locks the plan row (writes to one plan
 * happen one after the other), refuses a save based on a stale read when what the user edits has
 * changed since, and records each changed field as a change of a new revision, with one audit event
 * per item. The plan's versions are these revisions (versions.ts).
 */
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { plan, planChange } from '../db/schema';
import { chunks, recordAudits } from '../audit/record-audit';
import { ConflictError } from '../errors';
import { authorize } from '../access/policy';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';
import type { Plan } from './access';

export interface Item {
	entityType: string;
	entityId: string;
	/** What a user reads in the versions: code and title. */
	label: string;
	/** The cluster whose part it belongs to, null for the plan's own fields. */
	clusterId: string | null;
}

type Values = Record<string, unknown>;

/** Collects the changes of one write. */
export class ChangeLog {
	readonly entries: { item: Item; action: 'create' | 'update' | 'delete'; before: Values; after: Values }[] =
		[];

	created(item: Item, after: Values) {
		this.entries.push({ item, action: 'create', before: {}, after });
	}

	/** Records the fields of `after` whose value differs from `before`; nothing if none does. */
	updated(item: Item, before: Values, after: Values) {
		const changed = Object.keys(after).filter((k) => !sameValue(before[k], after[k]));
		if (changed.length === 0) return;
		this.entries.push({
			item,
			action: 'update',
			before: pick(before, changed),
			after: pick(after, changed)
		});
	}

	deleted(item: Item, before: Values) {
		this.entries.push({ item, action: 'delete', before, after: {} });
	}
}

/**
 * What a save must not have missed: the items it edits (a form for one objective), or a whole
 * cluster's part or the plan's own part (a reorder, a logframe import).
 */
export type Guard =
	{ revision: number; entityIds: string[] } | { revision: number; clusterId: string | null } | null;

export async function writePlan<T>(
	ctx: Ctx,
	planId: string,
	guard: Guard,
	work: (tx: Executor, log: ChangeLog, locked: Plan) => Promise<T>
): Promise<T> {
	const actor = ctx.actor;
	authorize(actor, actor !== null);
	return ctx.db.transaction(async (tx) => {
		const [locked] = await tx.select().from(plan).where(eq(plan.id, planId)).for('update');
		if (!locked) throw new Error(`plan ${planId} vanished`);
		if (guard && locked.revision > guard.revision) await refuseIfChanged(tx, ctx.locale, planId, guard);
		const log = new ChangeLog();
		const result = await work(tx, log, locked);
		if (log.entries.length === 0) return result;
		const revision = locked.revision + 1;
		const rows = log.entries.flatMap(({ item, before, after }) =>
			[...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
				planId,
				revision,
				clusterId: item.clusterId,
				entityType: item.entityType,
				entityId: item.entityId,
				label: item.label,
				field,
				before: jsonValue(before[field]),
				after: jsonValue(after[field]),
				actorUserId: actor.userId,
				actorLabel: actor.email
			}))
		);
		for (const chunk of chunks(rows)) await tx.insert(planChange).values(chunk);
		await tx.update(plan).set({ revision, updatedAt: new Date() }).where(eq(plan.id, planId));
		await recordAudits(
			tx,
			actor,
			log.entries.map(({ item, action, before, after }) => ({
				action,
				entityType: item.entityType,
				entityId: item.entityId,
				before: action === 'create' ? undefined : { ...before, label: item.label, planId },
				after: action === 'delete' ? undefined : { ...after, label: item.label, planId, revision }
			}))
		);
		return result;
	});
}

/**
 * Refuses a save based on `guard.revision` when what it covers changed since, listing those changes
 * one line per item and write (a created indicator is a dozen fields). `describe` names a field as
 * the user saw it (a logframe column); by default its name.
 */
export async function refuseIfChanged(
	db: Executor,
	locale: Locale,
	planId: string,
	guard: NonNullable<Guard>,
	describe: (field: string) => string = (field) => field
) {
	let scope: SQL | undefined;
	if ('entityIds' in guard)
		scope = guard.entityIds.length ? inArray(planChange.entityId, guard.entityIds) : sql`false`;
	else
		scope =
			guard.clusterId === null
				? isNull(planChange.clusterId)
				: or(eq(planChange.clusterId, guard.clusterId), isNull(planChange.clusterId));
	const missed = await db
		.select()
		.from(planChange)
		.where(and(eq(planChange.planId, planId), gt(planChange.revision, guard.revision), scope))
		.orderBy(asc(planChange.id))
		.limit(500);
	if (missed.length === 0) return;
	const lines = new Map<string, { label: string; fields: string[]; who: string; at: Date }>();
	for (const c of missed) {
		const key = `${c.revision}/${c.entityId}`;
		const line = lines.get(key) ?? { label: c.label, fields: [], who: c.actorLabel, at: c.at };
		line.fields.push(describe(c.field));
		lines.set(key, line);
	}
	throw new ConflictError([
		{ path: '', message: m.plans_error_stale({}, { locale }) },
		...[...lines.values()].map((line) => ({
			path: '',
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

function pick(values: Values, keys: string[]): Values {
	return Object.fromEntries(keys.map((k) => [k, values[k]]));
}

/** Compares as stored: numbers and numeric strings alike ("12.00" = 12), arrays by content. */
export function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

function normal(v: unknown): unknown {
	if (v === undefined || v === '') return null;
	if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
	if (Array.isArray(v)) return [...v].map(normal).sort();
	return v;
}

function jsonValue(v: unknown) {
	return v === undefined ? null : normal(v);
}
