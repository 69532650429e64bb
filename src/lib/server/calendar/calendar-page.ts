/**
 * The calendar page: a month laid out in weeks from Monday, or a list of days, of one cluster or
 * all, built on the server (no calendar script in the browser).
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { authorize, managesCluster } from '../access/policy';
import { listClusters } from '../clusters/clusters';
import { blankAsAbsent, hint, parseInput } from '../validation';
import type { Locale } from '../i18n';
import { addDays, gatherAgenda, today, type AgendaEntry } from './agenda';
import { kindLabel } from './ical';

export const calendarQuery = z.object({
	view: blankAsAbsent(z.enum(['month', 'list'])).transform((v) => v ?? 'month'),
	month: blankAsAbsent(
		z
			.string()
			.trim()
			.regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, hint('calendar_error_month'))
	),
	cluster: blankAsAbsent(z.string().trim().max(40))
});

/** How many days the list shows from today when no month is asked for. */
export const UPCOMING_DAYS = 60;

const tags = { fr: 'fr-FR', en: 'en-GB' } as const;
const format = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
	new Intl.DateTimeFormat(tags[locale], { timeZone: 'UTC', ...options });

export interface EntryView {
	uid: string;
	kind: AgendaEntry['kind'];
	label: string;
	title: string;
	/** "10:00–12:00", "10:00", or null for whole days. */
	time: string | null;
	place: string | null;
	detail: string | null;
	href: string;
	clusters: string[];
	/** "until 15/11" for an entry over several days, "since 10/10" on the days after its first. */
	span: string | null;
	/** Started before the day it is shown on. */
	continued: boolean;
}

export interface DayView {
	day: string;
	/** "vendredi 21 octobre" */
	label: string;
	/** "21" */
	number: string;
	inMonth: boolean;
	isToday: boolean;
	entries: EntryView[];
}

function monthStart(month: string) {
	return `${month}-01`;
}

function shiftMonth(month: string, by: number) {
	const [y, mo] = month.split('-').map(Number) as [number, number];
	const d = new Date(Date.UTC(y, mo - 1 + by, 1));
	return d.toISOString().slice(0, 7);
}

/** 0 for Monday … 6 for Sunday. */
const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

function entryView(e: AgendaEntry, shownOn: string, locale: Locale): EntryView {
	const short = format(locale, { day: '2-digit', month: '2-digit' });
	const d = (day: string) => short.format(new Date(`${day}T00:00:00Z`));
	const continued = e.startsOn < shownOn;
	const time =
		continued || e.startTime === null
			? null
			: e.endTime && e.endsOn === e.startsOn
				? `${e.startTime}–${e.endTime}`
				: e.startTime;
	return {
		uid: e.uid,
		kind: e.kind,
		label: kindLabel(e.kind, locale),
		title: e.title,
		time,
		place: e.place,
		detail: e.detail,
		href: e.href,
		clusters: e.clusters,
		span:
			e.endsOn === e.startsOn ? null : continued ? `${d(e.startsOn)} → ${d(e.endsOn)}` : `→ ${d(e.endsOn)}`,
		continued
	};
}

/**
 * Which days an entry is shown on: its first day within [from, to] and, in a month's grid, the
 * first day of each week while it lasts (a quarter's activity would otherwise fill every cell).
 */
function shownDays(e: AgendaEntry, from: string, to: string, weekly: boolean): string[] {
	const first = e.startsOn < from ? from : e.startsOn;
	const last = e.endsOn > to ? to : e.endsOn;
	const days = [first];
	if (!weekly) return days;
	for (let day = addDays(first, 1); day <= last; day = addDays(day, 1))
		if (weekday(day) === 0) days.push(day);
	return days;
}

function daysBetween(from: string, to: string, month: string | null, entries: AgendaEntry[], locale: Locale) {
	const byDay = new Map<string, EntryView[]>();
	for (const e of entries)
		for (const day of shownDays(e, from, to, month !== null)) {
			const list = byDay.get(day) ?? [];
			list.push(entryView(e, day, locale));
			byDay.set(day, list);
		}
	const long = format(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const now = today();
	const days: DayView[] = [];
	for (let day = from; day <= to; day = addDays(day, 1))
		days.push({
			day,
			label: long.format(new Date(`${day}T00:00:00Z`)),
			number: String(Number(day.slice(8))),
			inMonth: month === null || day.startsWith(month),
			isToday: day === now,
			// Continuing entries (begun on an earlier day) after those that begin on the day.
			entries: (byDay.get(day) ?? []).sort((a, b) => Number(a.continued) - Number(b.continued))
		});
	return days;
}

export async function calendarPage(ctx: Ctx, input: Record<string, string>) {
	authorize(ctx.actor, ctx.actor !== null);
	const q = parseInput(calendarQuery, input, ctx.locale);
	const { items: clusters } = await listClusters(ctx, { limit: 500 });
	const clusterCode = q.cluster?.toUpperCase() ?? null;
	const now = today();
	const month = q.month ?? now.slice(0, 7);
	let from: string;
	let to: string;
	if (q.view === 'month') {
		const first = monthStart(month);
		const last = addDays(monthStart(shiftMonth(month, 1)), -1);
		from = addDays(first, -weekday(first));
		to = addDays(last, 6 - weekday(last));
	} else if (q.month) {
		from = monthStart(month);
		to = addDays(monthStart(shiftMonth(month, 1)), -1);
	} else {
		from = now;
		to = addDays(now, UPCOMING_DAYS - 1);
	}
	const entries = await gatherAgenda(ctx, { from, to, clusters: clusterCode ? [clusterCode] : undefined });
	const days = daysBetween(from, to, q.view === 'month' ? month : null, entries, ctx.locale);
	const managed = clusters.filter((c) => managesCluster(ctx.actor, c.id)).map((c) => c.code);
	const addEventCluster = clusterCode && managed.includes(clusterCode) ? clusterCode : (managed[0] ?? null);
	const weekdays = Array.from({ length: 7 }, (_, i) =>
		format(ctx.locale, { weekday: 'short' }).format(new Date(Date.UTC(2016, 9, 17 + i)))
	);
	return {
		view: q.view,
		month,
		/** The month asked for in the list view; null for the upcoming days. */
		listMonth: q.view === 'list' ? (q.month ?? null) : null,
		monthLabel: format(ctx.locale, { month: 'long', year: 'numeric' }).format(
			new Date(`${month}-01T00:00:00Z`)
		),
		previousMonth: shiftMonth(month, -1),
		nextMonth: shiftMonth(month, 1),
		thisMonth: now.slice(0, 7),
		from,
		to,
		fromLabel: format(ctx.locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
			new Date(`${from}T00:00:00Z`)
		),
		toLabel: format(ctx.locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
			new Date(`${to}T00:00:00Z`)
		),
		weekdays,
		days: q.view === 'month' ? days : days.filter((d) => d.entries.length),
		count: entries.length,
		clusters: clusters.map((c) => ({ code: c.code, name: ctx.locale === 'en' ? c.nameEn : c.nameFr })),
		cluster: clusterCode,
		addEventHref: addEventCluster
			? `/calendar/events/new?cluster=${encodeURIComponent(addEventCluster)}`
			: null
	};
}
