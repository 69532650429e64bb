/**
 * Calendar entries as iCalendar (RFC 5545) for calendar apps: feeds and single-event downloads.
 *
 * Times. Days and times are stored as the cluster's people say them, local to its country. They go
 * out as UTC instants (`DTSTART:20161021T100000Z`) computed from the configured time zone
 * (CALENDAR_TIME_ZONE), not as `TZID=Africa/Bamako` local times: a TZID must come with its
 * VTIMEZONE definition, which would need a time zone database package to write, and some calendar
 * apps still misread it; a UTC instant means the same moment in every app, which then shows it in
 * the reader's own zone (10:00 in Bamako is 12:00 for a colleague in Paris in summer — correct).
 * Whole-day entries (a deadline, a work plan activity) are DATE values, which have no zone at all:
 * "31 October" stays 31 October everywhere, with DTEND the day after the last day (exclusive).
 */
import { createHash } from 'node:crypto';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';
import { addDays, CALENDAR_TIME_ZONE, type AgendaEntry, type EntryKind } from './agenda';

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** Calendar apps re-read a feed about this often; changes are not urgent. */
const REFRESH = 'PT3H';

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far a time zone is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
	let format = offsetFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		offsetFormats.set(timeZone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
	const local = Date.UTC(
		parts.year!,
		parts.month! - 1,
		parts.day!,
		parts.hour!,
		parts.minute!,
		parts.second!
	);
	return local - Math.floor(instant.getTime() / 1000) * 1000;
}

const HOUR = 3_600_000;
/** Per zone and day: its offset when the same all day long (most days of most zones), else null. */
const dayOffsets = new Map<string, number | null>();

/**
 * The zone's offset on a day if it does not change that day. Offsets lie within ±14 hours, so the
 * moments when a wall clock shows this day lie between these two instants.
 */
function steadyOffsetOn(day: string, timeZone: string): number | null {
	const key = `${timeZone} ${day}`;
	const known = dayOffsets.get(key);
	if (known !== undefined) return known;
	const midnight = Date.parse(`${day}T00:00:00Z`);
	const before = offsetAt(new Date(midnight - 14 * HOUR), timeZone);
	const after = offsetAt(new Date(midnight + 38 * HOUR), timeZone);
	const offset = before === after ? before : null;
	// A feed reads a few hundred days; this keeps the memory bounded whatever happens.
	if (dayOffsets.size > 20_000) dayOffsets.clear();
	dayOffsets.set(key, offset);
	return offset;
}

/** The instant at which a wall clock in `timeZone` shows `day` `time` (HH:MM). */
export function zonedInstant(day: string, time: string, timeZone: string = CALENDAR_TIME_ZONE): Date {
	const asUtc = Date.parse(`${day}T${time}:00Z`);
	// Formatting dates in a zone is slow: a feed of 2,000 entries computes each day's offset once.
	const steady = steadyOffsetOn(day, timeZone);
	if (steady !== null) return new Date(asUtc - steady);
	const first = asUtc - offsetAt(new Date(asUtc), timeZone);
	// Near a daylight-saving change the offset at the guessed instant may differ: look once more.
	const second = asUtc - offsetAt(new Date(first), timeZone);
	return new Date(second);
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** 2016-10-21T10:00:00Z as iCalendar writes a UTC instant: 20161021T100000Z. */
const utcStamp = (d: Date) =>
	`${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
const dateValue = (day: string) => day.replaceAll('-', '');

/** The DTSTART and DTEND lines of an entry. */
function timeLines(entry: AgendaEntry, timeZone: string): string[] {
	if (entry.startTime === null)
		return [
			`DTSTART;VALUE=DATE:${dateValue(entry.startsOn)}`,
			// DTEND of whole days is the day after the last one (exclusive).
			`DTEND;VALUE=DATE:${dateValue(addDays(entry.endsOn, 1))}`,
			'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE'
		];
	const start = zonedInstant(entry.startsOn, entry.startTime, timeZone);
	const lines = [`DTSTART:${utcStamp(start)}`];
	const end =
		entry.endTime !== null
			? zonedInstant(entry.endsOn, entry.endTime, timeZone)
			: // No end time: a one-day entry is a moment; one over several days ends when its last day does.
				entry.endsOn > entry.startsOn
				? zonedInstant(addDays(entry.endsOn, 1), '00:00', timeZone)
				: null;
	if (end && end > start) lines.push(`DTEND:${utcStamp(end)}`);
	return lines;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped in TEXT values. */
export function escapeText(text: string): string {
	return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

export function kindLabel(kind: EntryKind, locale: Locale): string {
	const options = { locale };
	switch (kind) {
		case 'meeting':
			return m.calendar_kind_meeting({}, options);
		case 'training':
			return m.calendar_kind_training({}, options);
		case 'deadline':
			return m.calendar_kind_deadline({}, options);
		case 'milestone':
			return m.calendar_kind_milestone({}, options);
		case 'other':
			return m.calendar_kind_other({}, options);
		case 'action':
			return m.calendar_kind_action({}, options);
		case 'activity':
			return m.calendar_kind_activity({}, options);
		case 'plan':
			return m.calendar_kind_plan({}, options);
	}
}

export interface ICalendarOptions {
	/** The calendar's name as apps show it. */
	name: string;
	/** Where Concerto is reached, to make each entry's link absolute. */
	publicUrl: string;
	locale: Locale;
	timeZone?: string;
	/** A feed is subscribed to; a single event is downloaded and imported. */
	method?: 'publish';
}

/**
 * The entries as one iCalendar document (RFC 5545), written line by line: a feed of 2,000 entries is
 * read every few hours by every subscribed app, and a general-purpose library (ical-generator, tried
 * first) spent 100–150 ms on it where this takes a tenth. The tests read the output back with
 * Mozilla's parser (ical.js).
 */
export function toICalendar(entries: AgendaEntry[], options: ICalendarOptions): string {
	const timeZone = options.timeZone ?? CALENDAR_TIME_ZONE;
	const name = escapeText(options.name);
	const head = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:-//Concerto//calendar//${options.locale.toUpperCase()}`,
		...(options.method === 'publish' ? ['METHOD:PUBLISH'] : []),
		`NAME:${name}`,
		`X-WR-CALNAME:${name}`,
		`REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
		`X-PUBLISHED-TTL:${REFRESH}`
	];
	const labels = new Map<EntryKind, string>();
	const events = entries.map((entry) => {
		const url = options.publicUrl + entry.href;
		let label = labels.get(entry.kind);
		if (label === undefined) labels.set(entry.kind, (label = kindLabel(entry.kind, options.locale)));
		const summary =
			entry.kind === 'action'
				? m.calendar_ical_action({ title: entry.title }, { locale: options.locale })
				: entry.title;
		const description = [entry.detail, `${entry.clusters.join(', ')} · ${label}`, url]
			.filter(Boolean)
			.join('\n\n');
		return [
			'BEGIN:VEVENT',
			// UUIDs are unique the world over: the same row always gives the same UID, so that an app
			// updates the entry it has instead of adding a copy.
			`UID:${entry.uid}@concerto`,
			// The row's last change (RFC 5545 §3.8.7.2, for a calendar without METHOD): the same data
			// gives the same bytes, and apps see what changed.
			`DTSTAMP:${utcStamp(entry.updatedAt)}`,
			...timeLines(entry, timeZone),
			`SUMMARY:${escapeText(summary)}`,
			// Whole days (a deadline, a quarter's activity) do not make the reader busy all day.
			`TRANSP:${entry.startTime === null ? 'TRANSPARENT' : 'OPAQUE'}`,
			...(entry.place ? [`LOCATION:${escapeText(entry.place)}`] : []),
			`DESCRIPTION:${escapeText(description)}`,
			`CATEGORIES:${escapeText(label)}`,
			`URL;VALUE=URI:${url}`,
			'END:VEVENT'
		]
			.map(foldLine)
			.join('\r\n');
	});
	return [...head, ...events, 'END:VCALENDAR', ''].join('\r\n');
}

const FOLD = '\r\n ';

/**
 * RFC 5545 §3.1: lines of at most 75 octets, longer ones continued on lines that begin with a
 * space; never inside a UTF-8 character (nor between the two halves of a surrogate pair).
 */
export function foldLines(text: string): string {
	return text.split('\r\n').map(foldLine).join('\r\n');
}

function foldLine(line: string): string {
	if (line.length <= 75 && Buffer.byteLength(line) <= 75) return line;
	const parts: string[] = [];
	let start = 0;
	let octets = 0;
	// The first line holds 75 octets; the next ones 74 after their leading space.
	let room = 75;
	for (let i = 0; i < line.length; i++) {
		const code = line.charCodeAt(i);
		const pair = code >= 0xd800 && code <= 0xdbff;
		const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
		if (octets + size > room) {
			parts.push(line.slice(start, i));
			start = i;
			octets = 0;
			room = 74;
		}
		octets += size;
		if (pair) i++;
	}
	parts.push(line.slice(start));
	return parts.join(FOLD);
}

/**
 * An iCalendar answer. Calendar apps poll feeds every few hours: the ETag lets them skip the body
 * when nothing changed (a feed's bytes depend only on its data), which counts on slow links.
 */
export function icalResponse(
	request: Request,
	document: { body: string; name: string },
	options: { download: boolean; cache: 'public' | 'private' }
): Response {
	const etag = `"${createHash('sha256').update(document.body).digest('base64url').slice(0, 32)}"`;
	const filename = `${document.name}.ics`;
	const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]|["\\]/g, '');
	const headers = {
		'content-type': ICAL_CONTENT_TYPE,
		'content-disposition': `${options.download ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
		// Revalidated on each read; a secret address must not sit in a shared cache.
		'cache-control': options.cache === 'public' ? 'public, max-age=0, must-revalidate' : 'private, no-cache',
		etag
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(document.body, { headers });
}
