import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { calendarEvent, calendarFeed } from '../db/schema';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { addOctober2016 } from './calendar-fixtures';
import {
	clusterFeed,
	createFeed,
	eventDocument,
	feedStatus,
	meetingDocument,
	personalFeed,
	revokeFeed
} from './feeds';
import ICAL from 'ical.js';
import { escapeText, foldLines, icalResponse, toICalendar, zonedInstant } from './ical';

const publicUrl = 'https://concerto.example.org';
/** "Now" for the feeds' window (the past year and the years ahead): the week after the meeting. */
const now = new Date('2016-11-01T12:00:00Z');

type Property = { name: string; params: Record<string, string>; value: string };

/**
 * Reads an iCalendar text back with Mozilla's parser (ical.js, as Thunderbird does), after checking
 * the line length RFC 5545 sets (the parser itself would accept longer lines).
 */
function parseICalendar(text: string) {
	expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
	for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
	const root = new ICAL.Component(ICAL.parse(text));
	const properties = (component: ICAL.Component): Record<string, Property> =>
		Object.fromEntries(
			component.getAllProperties().map((p) => {
				const name = p.name.toUpperCase();
				const value = p.getFirstValue();
				const params: Record<string, string> = p.type === 'date' ? { VALUE: 'DATE' } : {};
				const written = value instanceof ICAL.Time ? value.toICALString() : String(value);
				return [name, { name, params, value: written }];
			})
		);
	const calendar = Object.fromEntries(Object.entries(properties(root)).map(([k, p]) => [k, p.value]));
	return { calendar, events: root.getAllSubcomponents('vevent').map(properties) };
}

const bySummary = (events: Record<string, Property>[], summary: string) =>
	events.find((e) => e.SUMMARY?.value === summary);

describe(`calendar feeds [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let er: Awaited<ReturnType<typeof addOctober2016>>;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		er = await addOctober2016(t.db, world.clusterEr, { responsibleOrganisationId: world.orgA });
		await t.db
			.insert(calendarEvent)
			.values({ clusterId: world.clusterWash, kind: 'other', title: 'Revue WASH', startsOn: '2016-10-21' });
	});

	it('turns local days and times of Bamako (UTC+0) and of a zone with summer time into instants', () => {
		expect(zonedInstant('2016-10-21', '10:00').toISOString()).toBe('2016-10-21T10:00:00.000Z');
		expect(zonedInstant('2016-10-21', '10:00', 'Europe/Paris').toISOString()).toBe(
			'2016-10-21T08:00:00.000Z'
		);
		// Summer time ended in Paris at 03:00 on 30 October 2016.
		expect(zonedInstant('2016-10-30', '10:00', 'Europe/Paris').toISOString()).toBe(
			'2016-10-30T09:00:00.000Z'
		);
	});

	it('serves a cluster’s public feed: the OPS training on 21 October 2016 at 10:00, NRC office', async () => {
		const feed = await clusterFeed(t.db, er.code.toLowerCase(), { publicUrl, locale: 'fr', now });
		const { calendar, events } = parseICalendar(feed.body);
		expect(calendar.VERSION).toBe('2.0');
		expect(calendar['X-WR-CALNAME']).toBe(`Cluster ${er.code} (${er.code}) — Concerto`);
		const training = bySummary(events, 'OPS training')!;
		expect(training.DTSTART!.value).toBe('20161021T100000Z');
		expect(training.DTEND!.value).toBe('20161021T120000Z');
		expect(training.LOCATION!.value).toBe('NRC office');
		expect(training.UID!.value).toBe(`event-${er.training.id}@concerto`);
		expect(training.URL!.value).toBe(`${publicUrl}/calendar/events/${er.training.id}`);
		// Public: when and where, not the notes nor who answers for a work plan activity.
		expect(feed.body).not.toContain('Bring a laptop');
		expect(feed.body).not.toContain('Responsable');
		// A whole day is a DATE, ending (exclusively) the next day; commas and semicolons come back whole.
		const deadline = bySummary(events, 'Clôture des soumissions de projets, HRP 2017; OPS')!;
		expect([deadline.DTSTART!.params.VALUE, deadline.DTSTART!.value, deadline.DTEND!.value]).toEqual([
			'DATE',
			'20161031',
			'20161101'
		]);
		expect(feed.body).toContain('SUMMARY:Clôture des soumissions de projets\\, HRP 2017\\; OPS');
		const meeting = bySummary(events, 'Réunion du Cluster Relèvement Précoce')!;
		expect([meeting.DTSTART!.value, meeting.LOCATION!.value, meeting.DTEND]).toEqual([
			'20161020T143000Z',
			'PNUD',
			undefined
		]);
		const activity = bySummary(events, 'Atelier de planification HRP 2017')!;
		expect([activity.DTSTART!.value, activity.DTEND!.value]).toEqual(['20161010', '20161116']);
		expect(bySummary(events, 'Publication : HRP 2017 publié')!.DTSTART!.value).toBe('20161028');
		// Public: no action items (they name organisations), no draft plan, no other cluster.
		const summaries = events.map((e) => e.SUMMARY!.value);
		expect(summaries.some((s) => s.includes('Partager la matrice'))).toBe(false);
		expect(summaries.some((s) => s.includes('Plan brouillon'))).toBe(false);
		expect(summaries).not.toContain('Revue WASH');
		// The same data gives the same document, so that apps and caches see nothing new.
		expect((await clusterFeed(t.db, er.code, { publicUrl, locale: 'fr', now })).body).toBe(feed.body);
	});

	it('answers with the iCalendar type and a validator that spares an unchanged feed', async () => {
		const feed = await clusterFeed(t.db, er.code, { publicUrl, locale: 'en', now });
		const first = icalResponse(new Request('http://x/'), feed, { download: false, cache: 'public' });
		expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const etag = first.headers.get('etag')!;
		const again = icalResponse(new Request('http://x/', { headers: { 'if-none-match': etag } }), feed, {
			download: false,
			cache: 'public'
		});
		expect(again.status).toBe(304);
		expect(parseICalendar(await first.text()).calendar['X-WR-CALNAME']).toBe(
			`${er.code} cluster (${er.code}) — Concerto`
		);
	});

	it('folds long lines at 75 octets without cutting a character, and they unfold whole', () => {
		const title = `Atelier de validation des projets soumis dans l’OPS — Tombouctou, Gao, Kidal 🇲🇱 ${'é'.repeat(60)}`;
		const body = toICalendar(
			[
				{
					uid: 'event-long',
					kind: 'other',
					title,
					startsOn: '2016-10-21',
					endsOn: '2016-10-21',
					startTime: null,
					endTime: null,
					place: null,
					detail: null,
					href: '/calendar/events/long',
					clusters: ['ER'],
					updatedAt: now
				}
			],
			{ name: 'x', publicUrl, locale: 'fr' }
		);
		const lines = body.split('\r\n');
		expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
		expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(2);
		expect(body).not.toContain('\uFFFD');
		expect(parseICalendar(body).events[0]!.SUMMARY!.value).toBe(title);
		expect(foldLines('short')).toBe('short');
		// Text escaping (RFC 5545 §3.3.11), a lone carriage return included.
		expect(escapeText('a\rb\r\nc\nd;e,f\\g')).toBe('a\\nb\\nc\\nd\\;e\\,f\\\\g');
	});

	it('names no unknown cluster', async () => {
		await expect(clusterFeed(t.db, 'NOPE', { publicUrl, locale: 'fr', now })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('gives a user a secret feed of their clusters with action items, kept only as a hash', async () => {
		const coordinator = await world.as('coordinator');
		const before = await auditCount(t.db);
		const { token, replaced } = await createFeed(coordinator);
		expect(replaced).toBe(false);
		expect(token).toMatch(/^cal_[A-Za-z0-9_-]{32}$/);
		const [stored] = await t.db
			.select()
			.from(calendarFeed)
			.where(eq(calendarFeed.userId, world.users.coordinator));
		expect(stored!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(await auditCount(t.db)).toBe(before + 1);

		const { events } = parseICalendar((await personalFeed(t.db, token, { publicUrl, now })).body);
		const action = bySummary(events, 'Action : Partager la matrice des projets')!;
		expect([action.DTSTART!.params.VALUE, action.DTSTART!.value]).toEqual(['DATE', '20161025']);
		expect(action.DESCRIPTION!.value).toContain('Responsable : Coordinateur CRP, OA');
		const training = bySummary(events, 'OPS training')!;
		expect(training.DTSTART!.value).toBe('20161021T100000Z');
		// Members read the notes.
		expect(training.DESCRIPTION!.value).toContain('Bring a laptop; the OPS account, too.');
		// Only the clusters the coordinator follows.
		expect(events.map((e) => e.SUMMARY!.value)).not.toContain('Revue WASH');
		const status = await feedStatus(coordinator);
		expect([status.followsAll, status.followed]).toEqual([false, [er.code]]);
		expect(status.feed!.lastUsedAt).not.toBeNull();
	});

	it('refuses unknown, malformed, replaced and revoked addresses', async () => {
		const observer = await world.as('observer');
		const first = await createFeed(observer);
		const second = await createFeed(observer);
		expect(second.replaced).toBe(true);
		const [rows] = await t.db
			.select({ n: count() })
			.from(calendarFeed)
			.where(eq(calendarFeed.userId, world.users.observer));
		expect(rows!.n).toBe(1);
		await expect(personalFeed(t.db, first.token, { publicUrl, now })).rejects.toBeInstanceOf(NotFoundError);
		await expect(personalFeed(t.db, second.token, { publicUrl, now })).resolves.toBeTruthy();
		for (const bad of ['cal_' + 'A'.repeat(32), 'nonsense', second.token + 'x', ''])
			await expect(personalFeed(t.db, bad, { publicUrl, now })).rejects.toBeInstanceOf(NotFoundError);
		await revokeFeed(observer);
		await expect(personalFeed(t.db, second.token, { publicUrl, now })).rejects.toBeInstanceOf(NotFoundError);
		await expect(revokeFeed(observer)).rejects.toBeInstanceOf(NotFoundError);
		expect((await feedStatus(observer)).feed).toBeNull();
	});

	it('gives a user of another organisation and cluster nothing of this cluster', async () => {
		const { token } = await createFeed(await world.as('focalPointB'));
		const { events } = parseICalendar((await personalFeed(t.db, token, { publicUrl, now })).body);
		expect(events).toEqual([]);
		await expect(createFeed(await world.as('visitor'))).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it('downloads one event and one meeting as .ics for signed-in users', async () => {
		const reader = await world.as('focalPointA');
		const event = await eventDocument(reader, er.training.id, publicUrl);
		const parsed = parseICalendar(event.body);
		expect(parsed.calendar.METHOD).toBe('PUBLISH');
		expect(parsed.events).toHaveLength(1);
		expect([parsed.events[0]!.SUMMARY!.value, parsed.events[0]!.DTSTART!.value]).toEqual([
			'OPS training',
			'20161021T100000Z'
		]);
		expect(event.name).toBe('OPS-training');
		const meeting = parseICalendar((await meetingDocument(reader, er.meeting.id, publicUrl)).body);
		expect(meeting.events[0]!.UID!.value).toBe(`meeting-${er.meeting.id}@concerto`);
		await expect(eventDocument(await world.as('visitor'), er.training.id, publicUrl)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(eventDocument(reader, er.meeting.id, publicUrl)).rejects.toBeInstanceOf(NotFoundError);
		await expect(meetingDocument(reader, 'not-an-id', publicUrl)).rejects.toBeInstanceOf(NotFoundError);
	});
});
