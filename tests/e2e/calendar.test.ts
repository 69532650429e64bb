import { beforeAll, describe, expect, it } from 'vitest';
import { calendarEvent } from '$lib/server/db/schema';
import { addOctober2016 } from '$lib/server/calendar/calendar-fixtures';
import { addDays, today } from '$lib/server/calendar/agenda';
import { addCluster, addUser, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

describe('the calendar in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-calendar-coordinator@example.org';
	const reader = 'e2e-calendar-reader@example.org';
	const code = 'CALE2E';
	let october: Awaited<ReturnType<typeof addOctober2016>>;
	const soon = addDays(today(), 3);

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, code);
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination calendrier',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		await addUser(e2e.db, {
			email: reader,
			name: 'Reader',
			password: PASSWORD,
			locale: 'en',
			grants: [{ role: 'observer', clusterId }]
		});
		october = await addOctober2016(e2e.db, clusterId);
		await e2e.db.insert(calendarEvent).values({
			clusterId,
			kind: 'meeting',
			title: 'Réunion de coordination à venir',
			startsOn: soon,
			startTime: '09:30',
			place: 'PNUD, Bamako'
		});
	});

	it('shows a month from Monday with the OPS training labelled as a training, and a list of days on a phone', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const response = await open(page, `/calendar?month=2016-10&cluster=${code}`);
		expect(response?.status()).toBe(200);
		expect(await page.locator('.period h2').textContent()).toBe('octobre 2016');
		const days = page.locator('ol.month > li');
		// 26 September (a Monday) to 6 November (a Sunday): six weeks.
		expect(await days.count()).toBe(42);
		expect(await days.first().locator('.full').textContent()).toBe('lundi 26 septembre 2016');
		const friday = page.locator('ol.month > li', { hasText: 'vendredi 21 octobre 2016' });
		const training = friday.locator('li.entry', { hasText: 'OPS training' });
		expect(await training.locator('.kind').textContent()).toBe('Formation');
		expect(await training.locator('.time').textContent()).toBe('10:00–12:00');
		expect(await training.locator('.place').textContent()).toBe('NRC office');
		expect(await training.locator('a').getAttribute('href')).toBe(`/calendar/events/${october.training.id}`);
		const monday = page.locator('ol.month > li', { hasText: 'lundi 31 octobre 2016' });
		expect(await monday.locator('li.entry.kind-deadline .kind').textContent()).toBe('Échéance');
		// The activity that runs from 10 October to 15 November is shown again at the start of each week.
		expect(await monday.locator('li.entry.kind-activity .span').textContent()).toBe('(suite) 10/10 → 15/11');
		expect(await page.locator('a', { hasText: 'Ajouter un évènement' }).getAttribute('href')).toBe(
			`/calendar/events/new?cluster=${code}`
		);
		await expectNoAxeViolations(page);
		await page.locator('a[rel=next]').click();
		await page.waitForURL(/month=2016-11/);
		expect(await page.locator('.period h2').textContent()).toBe('novembre 2016');

		const phone = await e2e.newPage({ width: 360 });
		await signInThroughPage(phone, coordinator, PASSWORD);
		await open(phone, `/calendar?month=2016-10&cluster=${code}`);
		await expectNoSidewaysScroll(phone);
		expect(await phone.locator('.weekdays').isVisible()).toBe(false);
		const shown = await phone.locator('ol.month > li:visible .full').allTextContents();
		expect(shown).toContain('vendredi 21 octobre 2016');
		expect(shown).not.toContain('samedi 1 octobre 2016');
		await phone.screenshot({ path: 'tmp/cal/calendar-360.png', fullPage: true });
		await page.screenshot({ path: 'tmp/cal/calendar-month.png', fullPage: true });
	});

	it('lists what is coming, grouped by day, and a month as a list in English', async () => {
		const page = await e2e.newPage({ locale: 'en-GB' });
		await signInThroughPage(page, reader, PASSWORD);
		await open(page, `/calendar?view=list&cluster=${code}`);
		const first = page.locator('ol.list > li').first();
		expect(await first.locator('.title').first().textContent()).toBe('Réunion de coordination à venir');
		expect(await first.locator('.kind').first().textContent()).toBe('Meeting');
		// An observer reads the calendar but adds nothing to it.
		expect(await page.locator('a', { hasText: 'Add an event' }).count()).toBe(0);
		await expectNoAxeViolations(page);

		await open(page, `/calendar?view=list&month=2016-10&cluster=${code}`);
		const headings = await page.locator('ol.list h3').allTextContents();
		expect(headings[0]).toBe('Monday, 10 October 2016');
		expect(headings).toContain('Friday, 21 October 2016');
		// A list shows an activity over several weeks once, on its first day.
		expect(await page.locator('li.entry.kind-activity').count()).toBe(1);
		const action = page.locator('li.entry.kind-action');
		expect(await action.locator('.kind').textContent()).toBe('Action item');
		expect(await action.locator('.title').textContent()).toBe('Partager la matrice des projets');
		expect(await action.locator('.detail').textContent()).toBe('Responsible: Coordinateur CRP');
		await page.screenshot({ path: 'tmp/cal/calendar-list.png', fullPage: true });
	});

	it('creates a secret feed address, shown once, whose feed answers until it is replaced', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/calendar/subscribe');
		await expectNoAxeViolations(page);
		await submitForm(page, page.locator('button', { hasText: 'Créer mon adresse' }));
		const address = await page.locator('#feed-address').inputValue();
		expect(address).toMatch(new RegExp(`^${e2e.baseUrl}/calendar/feeds/cal_[\\w-]{32}/calendar\\.ics$`));
		await expectNoAxeViolations(page);
		await page.screenshot({ path: 'tmp/cal/subscribe.png', fullPage: true });

		const feed = await fetch(address);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const body = await feed.text();
		expect(body).toContain('SUMMARY:Réunion de coordination à venir');
		expect(body).toContain(`DTSTART:${soon.replaceAll('-', '')}T093000Z`);
		expect(body).toContain('LOCATION:PNUD\\, Bamako');

		await open(page, '/calendar/subscribe');
		expect(await page.locator('#feed-address').count()).toBe(0);
		await submitForm(page, page.locator('button', { hasText: "Remplacer l'adresse" }));
		const replaced = await page.locator('#feed-address').inputValue();
		expect(replaced).not.toBe(address);
		expect((await fetch(address)).status).toBe(404);
		expect((await fetch(replaced)).status).toBe(200);
		await submitForm(page, page.locator('button', { hasText: "Supprimer l'adresse" }));
		expect((await fetch(replaced)).status).toBe(404);
	});

	it('serves the cluster’s public feed without sign-in, and one event as .ics to signed-in users', async () => {
		const feed = await fetch(`${e2e.baseUrl}/calendar/clusters/${code.toLowerCase()}/calendar.ics`);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const body = await feed.text();
		expect(body).toContain('SUMMARY:Réunion de coordination à venir');
		const again = await fetch(`${e2e.baseUrl}/calendar/clusters/${code}/calendar.ics`, {
			headers: { 'if-none-match': feed.headers.get('etag')! }
		});
		expect(again.status).toBe(304);
		expect((await fetch(`${e2e.baseUrl}/calendar/clusters/NOPE/calendar.ics`)).status).toBe(404);

		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		const ics = await page.request.get(`/calendar/events/${october.training.id}/event.ics`);
		expect(ics.status()).toBe(200);
		expect(ics.headers()['content-disposition']).toContain('attachment; filename="OPS-training.ics"');
		const text = await ics.text();
		expect(text).toContain('DTSTART:20161021T100000Z');
		expect(text).toContain('LOCATION:NRC office');
		const meeting = await page.request.get(`/meetings/${october.meeting.id}/meeting.ics`);
		expect(await meeting.text()).toContain('DTSTART:20161020T143000Z');
		const visitor = await fetch(`${e2e.baseUrl}/calendar/events/${october.training.id}/event.ics`, {
			redirect: 'manual'
		});
		expect(visitor.status).toBe(303);
	});
});
