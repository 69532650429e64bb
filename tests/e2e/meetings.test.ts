import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actionItem, meeting } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { createMeeting } from '$lib/server/meetings/meetings';
import { readMinutesText } from '$lib/server/meetings/minutes/read-text';
import { addCluster, addOrganisation, addUser, ctxFor, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

const reference = readFileSync(
	new URL('../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url),
	'utf8'
);

describe('meetings in the browser', () => {
	const e2e = useE2e();
	const partner = 'e2e-meetings-partner@example.org';
	const coordinatorEmail = 'e2e-meetings-coordinator@example.org';
	let meetingId = '';
	let actionId = '';

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, 'MTE2E');
		const coordinator = await addUser(e2e.db, {
			email: coordinatorEmail,
			name: 'Coordination réunions',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, { name: 'ONG Réunions E2E', acronym: 'ORE2E' });
		await addUser(e2e.db, {
			email: partner,
			name: 'Partenaire réunions',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
		const saved = await createMeeting(
			await ctxFor(e2e.db, coordinator),
			'MTE2E',
			readMinutesText(reference, 'fr')
		);
		meetingId = saved.id;
		const [first] = await e2e.db.select().from(actionItem).where(eq(actionItem.meetingId, meetingId));
		actionId = first!.id;
		await e2e.db
			.update(actionItem)
			.set({ responsibleOrganisationId: organisationId })
			.where(eq(actionItem.id, actionId));
	});

	it('shows partners the invitation only, until the coordinator publishes the minutes', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, partner, PASSWORD);
		await open(page, `/meetings/${meetingId}`);
		expect(await page.locator('main').textContent()).not.toContain('Sigfrido Romeo');

		const coordinatorPage = await e2e.newPage();
		await signInThroughPage(coordinatorPage, coordinatorEmail, PASSWORD);
		await open(coordinatorPage, `/meetings/${meetingId}`);
		await submitForm(
			coordinatorPage,
			coordinatorPage.getByRole('button', { name: m.minutes_to_published({}, { locale: 'fr' }) })
		);
		expect(await coordinatorPage.locator('main [role=status]').textContent()).toBe(
			m.minutes_published_notice({ count: 8 }, { locale: 'fr' })
		);
		const mail = await e2e.waitForMail((mail) => mail.to.includes('sigfrido.romeo@undp.org'));
		expect(mail.text).toContain(`/meetings/${meetingId}`);
		await expectNoAxeViolations(coordinatorPage);
	});

	it('shows the published minutes laid out like the report, readable on a phone', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, partner, PASSWORD);
		await open(page, `/meetings/${meetingId}`);
		const text = (await page.locator('main').textContent())!;
		expect(text).toContain('(20/10/2016, 14:30, PNUD)');
		for (const part of [
			'1. Objectifs',
			'2. État des lieux des activités',
			'5. Actions prioritaires',
			'7. Participants'
		])
			expect(text).toContain(part);
		expect(await page.locator('main th[scope=rowgroup]').textContent()).toBe('Divers');
		expect(text).toContain('Sigfrido Romeo');
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
	});

	it('lets a partner close what their organisation owes in the tracker, and shows what is late', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, partner, PASSWORD);
		await open(page, '/actions?mine=1');
		expect(await page.locator('main tbody tr').count()).toBe(1);
		expect(await page.locator('main tbody tr.overdue').count()).toBe(1);
		await page.locator('main tbody select[name=status]').selectOption('done');
		await submitForm(page, page.locator('main tbody form button'));
		const [row] = await e2e.db.select().from(actionItem).where(eq(actionItem.id, actionId));
		expect(row!.status).toBe('done');
		await open(page, '/actions?overdue=1');
		expect(await page.locator('main').textContent()).not.toContain('Participer à la formation OPS');
		await expectNoAxeViolations(page);
	});

	it('imports a report: the draft is reviewed, nothing saved, then saved whole on confirmation', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, '/meetings');
		await page.getByRole('link', { name: m.minutes_import_title({}, { locale: 'fr' }) }).click();
		await expectNoAxeViolations(page);
		await page.locator('#file-MTE2E').setInputFiles({
			name: 'compte-rendu.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from(reference.replace('20 octobre 2016, 14h30', 'vingt octobre, 14h30'))
		});
		await submitForm(page, page.locator('main form button').first());
		expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/import\/[0-9a-f-]{36}$/);
		const review = (await page.locator('main').textContent())!;
		expect(review).toContain(m.minutes_error_date({ text: 'vingt octobre' }, { locale: 'fr' }));
		expect(review).toContain(
			m.minutes_import_counts({ agenda: 9, actions: 4, participants: 8 }, { locale: 'fr' })
		);
		await expectNoAxeViolations(page);
		const before = (await e2e.db.select().from(meeting)).length;
		await page.locator('#date').fill('2016-10-20');
		await submitForm(
			page,
			page.getByRole('button', { name: m.minutes_import_confirm({}, { locale: 'fr' }) })
		);
		expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
		expect((await e2e.db.select().from(meeting)).length).toBe(before + 1);
		expect(await page.locator('main').textContent()).toContain('(20/10/2016, 14:30, PNUD)');
		await expectNoAxeViolations(page);
	});
});
