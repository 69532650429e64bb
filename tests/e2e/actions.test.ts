import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actionItem, agendaItem, meeting } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

const fr = { locale: 'fr' as const };

describe('action items in the browser', () => {
	const e2e = useE2e();
	const coordinatorEmail = 'e2e-actions-coordinator@example.org';
	const partnerEmail = 'e2e-actions-partner@example.org';
	let meetingId = '';

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, 'ACE2E');
		await addUser(e2e.db, {
			email: coordinatorEmail,
			name: 'Coordination actions',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		const organisationId = await addOrganisation(e2e.db, { name: 'ONG Actions Sahel', acronym: 'OASE2E' });
		await addUser(e2e.db, {
			email: partnerEmail,
			name: 'Partenaire actions',
			password: PASSWORD,
			grants: [{ role: 'focal-point', organisationId }]
		});
		const [held] = await e2e.db
			.insert(meeting)
			.values({
				clusterId,
				title: 'Réunion actions E2E',
				kind: 'cluster-meeting',
				heldOn: '2016-10-20',
				state: 'published'
			})
			.returning();
		meetingId = held!.id;
		await e2e.db.insert(agendaItem).values({ meetingId, position: 1, subject: 'Formation OPS' });
	});

	it('lets a coordinator create an action from a meeting, finding the organisation in the directory', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, `/actions/new?meeting=${meetingId}`);
		expect(await page.locator('main').textContent()).toContain('Réunion actions E2E');
		await page.locator('#field-description').fill('Participer à la formation OPS');
		await page.locator('#find').fill('actions sahel');
		await submitForm(page, page.getByRole('button', { name: m.actionedit_find_button({}, fr) }));
		// The form came back as typed, with what the directory holds.
		expect(await page.locator('#field-description').inputValue()).toBe('Participer à la formation OPS');
		await page.getByLabel('ONG Actions Sahel (OASE2E)').check();
		await page.locator('#field-dueOn').fill('2016-10-19');
		await page.locator('#field-agendaItemId').selectOption({ label: 'Formation OPS' });
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		await submitForm(page, page.getByRole('button', { name: m.action_create({}, fr) }));
		const answer = await page.locator('main').textContent();
		expect(new URL(page.url()).pathname, answer ?? '').toMatch(/^\/actions\/[0-9a-f-]{36}$/);
		// Saved, with the due date before the meeting named.
		expect(await page.locator('main [role=status]').textContent()).toContain(
			m.actionedit_warning_due_before({ due: '19/10/2016', meeting: '20/10/2016' }, fr)
		);
		const rows = await e2e.db.select().from(actionItem).where(eq(actionItem.meetingId, meetingId));
		expect(rows.map((r) => [r.description, r.dueOn, r.status])).toEqual([
			['Participer à la formation OPS', '2016-10-19', 'open']
		]);
		expect(rows[0]!.agendaItemId).not.toBeNull();
		await expectNoAxeViolations(page);
	});

	it('lets the partner mark it done from the tracker, keeping the filters; overdue rows stand out', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, partnerEmail, PASSWORD);
		await open(page, '/actions?mine=1&status=open&cluster=ACE2E');
		const row = page.locator('main tbody tr', { hasText: 'Participer à la formation OPS' });
		expect(await row.getAttribute('class')).toContain('overdue');
		expect(await row.textContent()).toContain(m.minutes_late({}, fr));
		expect(await row.locator('a').count()).toBe(1); // the meeting; a partner does not edit the action
		await expectNoAxeViolations(page);
		await row.locator('select[name=status]').selectOption('done');
		await submitForm(page, row.locator('form button'));
		const url = new URL(page.url());
		expect([url.pathname, url.searchParams.get('mine'), url.searchParams.get('status')]).toEqual([
			'/actions',
			'1',
			'open'
		]);
		expect(url.searchParams.get('cluster')).toBe('ACE2E');
		expect(await page.locator('#f-status').inputValue()).toBe('open');
		expect(await page.locator('main').textContent()).not.toContain('Participer à la formation OPS');
		const [saved] = await e2e.db.select().from(actionItem).where(eq(actionItem.meetingId, meetingId));
		expect(saved!.status).toBe('done');
	});

	it('downloads the minutes as a Word document with a safe file name', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, partnerEmail, PASSWORD);
		const response = await page.request.get(`/meetings/${meetingId}/minutes.docx`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(response.headers()['content-disposition']).toContain(
			'filename="compte-rendu-2016-10-20-reunion-actions-e2e.docx"'
		);
		expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
	});
});
