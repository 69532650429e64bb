/**
 * iCalendar feeds and downloads. A cluster's feed is public (events, meetings, work plans, plan
 * periods — no action items, which name organisations); a user's own feed holds their clusters'
 * entries with the open action items, behind a secret address for calendar apps that cannot sign
 * in. Only the address's SHA-256 hash is kept, one per user: a new address replaces the old one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { calendarEvent, calendarFeed, meeting } from '../db/schema';
import { loadActor } from '../access/actor';
import { clusterByCode } from '../clusters/clusters';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import {
	addDays,
	AGENDA_SOURCES,
	clusterCodes,
	clustersFollowedBy,
	readAgenda,
	today,
	type AgendaQuery
} from './agenda';
import { toICalendar } from './ical';

const PREFIX = 'cal_';
const TOKEN_PATTERN = /^cal_[A-Za-z0-9_-]{32}$/;

/**
 * What a feed covers: the past year (what apps keep showing) and the years ahead. Older entries
 * stay on the site; a feed that grows without end is re-read whole every few hours.
 */
export function feedWindow(now: Date = new Date()) {
	const day = today(now);
	return { from: addDays(day, -366), to: addDays(day, 3 * 366) };
}

function digest(token: string) {
	return createHash('sha256').update(token).digest('hex');
}

export interface CalendarDocument {
	body: string;
	/** A file name for the download, without extension. */
	name: string;
}

/** A cluster's public feed; an unknown cluster is "not found". */
export async function clusterFeed(
	db: Executor,
	code: string,
	options: { publicUrl: string; locale: Locale; now?: Date }
): Promise<CalendarDocument> {
	const c = await clusterByCode(db, code);
	const entries = await readAgenda(db, {
		...feedWindow(options.now),
		clusterIds: [c.id],
		audience: 'public',
		locale: options.locale
	});
	const clusterName = options.locale === 'en' ? c.nameEn : c.nameFr;
	return {
		body: toICalendar(entries, {
			name: m.calendar_ical_cluster_name({ cluster: clusterName, code: c.code }, { locale: options.locale }),
			publicUrl: options.publicUrl,
			locale: options.locale
		}),
		name: `${c.code.toLowerCase()}-calendar`
	};
}

/** A user's own feed by its secret address; unknown or revoked addresses are "not found". */
export async function personalFeed(
	db: Executor,
	token: string,
	options: { publicUrl: string; now?: Date }
): Promise<CalendarDocument> {
	if (!TOKEN_PATTERN.test(token)) throw new NotFoundError();
	const hash = digest(token);
	const [feed] = await db.select().from(calendarFeed).where(eq(calendarFeed.tokenHash, hash));
	if (!feed) throw new NotFoundError();
	const actor = await loadActor(db, feed.userId);
	if (!actor) throw new NotFoundError();
	// When the address was last read, for the owner to see; written at most once an hour, not on
	// every poll of every calendar app.
	const now = options.now ?? new Date();
	await db
		.update(calendarFeed)
		.set({ lastUsedAt: now })
		.where(
			and(
				eq(calendarFeed.tokenHash, hash),
				or(isNull(calendarFeed.lastUsedAt), lt(calendarFeed.lastUsedAt, new Date(now.getTime() - 3_600_000)))
			)
		);
	const entries = await readAgenda(db, {
		...feedWindow(now),
		clusterIds: await clustersFollowedBy(db, actor),
		audience: 'members',
		locale: actor.locale
	});
	return {
		body: toICalendar(entries, {
			name: m.calendar_ical_user_name({ name: actor.name }, { locale: actor.locale }),
			publicUrl: options.publicUrl,
			locale: actor.locale
		}),
		name: 'concerto-calendar'
	};
}

/** Whether the user has a feed address, since when, when it was last read, and what it holds. */
export async function feedStatus(ctx: Ctx) {
	authorize(ctx.actor, ctx.actor !== null);
	const [feed] = await ctx.db
		.select({ createdAt: calendarFeed.createdAt, lastUsedAt: calendarFeed.lastUsedAt })
		.from(calendarFeed)
		.where(eq(calendarFeed.userId, ctx.actor.userId));
	const followed = await clustersFollowedBy(ctx.db, ctx.actor);
	return {
		feed: feed ?? null,
		followsAll: followed === null,
		followed: await clusterCodes(ctx.db, followed)
	};
}

/**
 * Creates the user's feed address, or replaces it (the old one stops working). The token is in
 * the answer only: it cannot be read again.
 */
export async function createFeed(ctx: Ctx): Promise<{ token: string; replaced: boolean }> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	const token = PREFIX + randomBytes(24).toString('base64url');
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx
			.select({ userId: calendarFeed.userId })
			.from(calendarFeed)
			.where(eq(calendarFeed.userId, actor.userId))
			.for('update');
		const values = { tokenHash: digest(token), createdAt: new Date(), lastUsedAt: null };
		await tx
			.insert(calendarFeed)
			.values({ userId: actor.userId, ...values })
			.onConflictDoUpdate({ target: calendarFeed.userId, set: values });
		await recordAudit(tx, actor, {
			action: before ? 'regenerate' : 'create',
			entityType: 'calendar-feed',
			entityId: actor.userId
		});
		return { token, replaced: !!before };
	});
}

/** Deletes the user's feed address: calendar apps subscribed to it get nothing more. */
export async function revokeFeed(ctx: Ctx): Promise<void> {
	authorize(ctx.actor, ctx.actor !== null);
	const actor = ctx.actor;
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.delete(calendarFeed).where(eq(calendarFeed.userId, actor.userId)).returning();
		if (!row) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'revoke', entityType: 'calendar-feed', entityId: actor.userId });
	});
}

/** The feed's address from a token: webcal links open calendar apps, https works everywhere. */
export function feedPath(token: string) {
	return `/calendar/feeds/${token}/calendar.ics`;
}

/** One entry of one source, found by its row's day and cluster. */
async function singleEntry(
	ctx: Ctx,
	sourceName: string,
	uid: string,
	row: { day: string | null; clusterId: string } | undefined
) {
	if (!row || row.day === null) throw new NotFoundError();
	const source = AGENDA_SOURCES.find((s) => s.name === sourceName)!;
	const query: AgendaQuery = {
		from: row.day,
		to: row.day,
		clusterIds: [row.clusterId],
		audience: 'members',
		locale: ctx.locale
	};
	const entry = (await source.read(ctx.db, query)).find((e) => e.uid === uid);
	if (!entry) throw new NotFoundError();
	return entry;
}

/** One event of a calendar as a file to import, for signed-in users. */
export async function eventDocument(ctx: Ctx, id: string, publicUrl: string): Promise<CalendarDocument> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ day: calendarEvent.startsOn, clusterId: calendarEvent.clusterId })
		.from(calendarEvent)
		.where(eq(calendarEvent.id, id));
	const entry = await singleEntry(ctx, 'events', `event-${id}`, row);
	return {
		body: toICalendar([entry], { name: entry.title, publicUrl, locale: ctx.locale, method: 'publish' }),
		name: fileName(entry.title, 'event')
	};
}

/** A meeting (its invitation part) as a file to import, for signed-in users. */
export async function meetingDocument(ctx: Ctx, id: string, publicUrl: string): Promise<CalendarDocument> {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ day: meeting.heldOn, clusterId: meeting.clusterId })
		.from(meeting)
		.where(eq(meeting.id, id));
	const entry = await singleEntry(ctx, 'meetings', `meeting-${id}`, row);
	return {
		body: toICalendar([entry], { name: entry.title, publicUrl, locale: ctx.locale, method: 'publish' }),
		name: fileName(entry.title, 'meeting')
	};
}

function fileName(title: string, fallback: string) {
	return (
		title
			.replace(/[^\p{L}\p{N} -]/gu, '')
			.trim()
			.replace(/\s+/g, '-')
			.slice(0, 60) || fallback
	);
}
