import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItem, meeting, meetingNote } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addCluster, addUser, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

describe('planning and editing a meeting in the browser', () => {
	const e2e = useE2e();
	const coordinatorEmail = 'e2e-meeting-edit-coordinator@example.org';

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, 'MEDE2E');
		await addUser(e2e.db, {
			email: coordinatorEmail,
			name: 'Coordination édition',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
	});

	it('plans a meeting, builds its agenda with a "Divers" section and edits its lists', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, '/meetings/new?cluster=mede2e');
		expect(await page.locator('#field-cluster').inputValue()).toBe('MEDE2E');
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);

		await page.locator('#field-title').fill('Réunion mensuelle du CRP');
		await page.locator('#field-date').fill('2016-11-17');
		await page.locator('#field-startTime').fill('14:30');
		await page.locator('#field-endTime').fill('09:00');
		await page.locator('#field-place').fill('PNUD');
		await page.getByRole('textbox', { name: m.minutes_objectives() }).fill('Faire le point sur le HRP 2017');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_create() }));
		// The mistake is named next to its field; what was typed stays.
		expect(await page.locator('#field-endTime-error').textContent()).toBe(m.minutes_error_end_before_start());
		expect(await page.locator('#field-title').inputValue()).toBe('Réunion mensuelle du CRP');
		await page.locator('#field-endTime').fill('16:30');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_create() }));
		const id = /\/meetings\/([0-9a-f-]{36})\/edit$/.exec(new URL(page.url()).pathname)?.[1];
		expect(id).toBeDefined();
		const [saved] = await e2e.db.select().from(meeting).where(eq(meeting.id, id!));
		expect([saved!.state, saved!.startTime, saved!.endTime, saved!.objectives]).toEqual([
			'planned',
			'14:30',
			'16:30',
			'<p>Faire le point sur le HRP 2017</p>'
		]);

		const addItem = async (subject: string, section: string | undefined, context: string) => {
			await page.getByRole('link', { name: m.meetingedit_agenda_add() }).click();
			await page.waitForLoadState('load');
			await page.locator('#field-subject').fill(subject);
			if (section !== undefined) await page.locator('#field-section').fill(section);
			await page.getByRole('textbox', { name: m.minutes_context() }).fill(context);
			await submitForm(page, page.getByRole('button', { name: m.meetingedit_agenda_add() }));
		};
		await addItem('HRP 2017', '', 'Le HNO est validé.');
		await addItem('Nouveaux partenaires', 'Divers', 'Deux ONG nationales.');
		await addItem('Formation OPS', undefined, 'Vendredi 10:00 au NRC.');
		await expectNoAxeViolations(page);
		// The last item came in the "Divers" section of the one before it; move it up above it.
		await submitForm(
			page,
			page.getByRole('button', { name: m.meetingedit_move_up_named({ subject: 'Formation OPS' }) })
		);
		const rows = await page
			.locator('#agenda + * tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [...(tr as HTMLTableRowElement).cells].slice(0, 2).map((c) => c.textContent!.trim()))
			);
		expect(rows).toEqual([
			['', 'HRP 2017'],
			['Divers', 'Formation OPS'],
			['Divers', 'Nouveaux partenaires']
		]);
		const items = await e2e.db.select().from(agendaItem).where(eq(agendaItem.meetingId, id!));
		expect(items.find((i) => i.subject === 'HRP 2017')!.context).toBe('<p>Le HNO est validé.</p>');

		await page
			.getByRole('link', { name: m.meetingedit_notes_edit_named({ list: m.minutes_consensus() }) })
			.click();
		await page.waitForLoadState('load');
		await page.locator('#note-new').fill('Les partenaires soumettent avant le 31 octobre');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_save() }));
		await page
			.getByRole('link', { name: m.meetingedit_notes_edit_named({ list: m.minutes_consensus() }) })
			.click();
		await page.waitForLoadState('load');
		await page.locator('#note-new').fill('Un atelier ORS en novembre');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_save() }));
		await page
			.getByRole('link', { name: m.meetingedit_notes_edit_named({ list: m.minutes_consensus() }) })
			.click();
		await page.waitForLoadState('load');
		// Moving a line also saves what was typed.
		await page.locator('#note-0').fill('Les partenaires soumettent avant le 31 octobre 2016');
		await submitForm(
			page,
			page.getByRole('button', { name: `${m.meetingedit_move_up()} — ${m.meetingedit_note_label({ n: 2 })}` })
		);
		expect(await page.locator('#note-0').inputValue()).toBe('Un atelier ORS en novembre');
		await expectNoAxeViolations(page);
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_save() }));
		const notes = await e2e.db.select().from(meetingNote).where(eq(meetingNote.meetingId, id!));
		expect(notes.sort((a, b) => a.position - b.position).map((n) => [n.kind, n.text])).toEqual([
			['consensus', 'Un atelier ORS en novembre'],
			['consensus', 'Les partenaires soumettent avant le 31 octobre 2016']
		]);
		await page.screenshot({ path: 'tmp/meeting-edit-360.png', fullPage: true });
	});

	it('refuses a second editor saving over a changed meeting, naming what changed', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, '/meetings/new?cluster=MEDE2E');
		await page.locator('#field-title').fill('Atelier ORS');
		await page.locator('#field-date').fill('2016-11-24');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_create() }));
		const editUrl = new URL(page.url()).pathname;
		const other = await e2e.newPage();
		await signInThroughPage(other, coordinatorEmail, PASSWORD);
		await open(other, editUrl);
		await other.locator('#field-place').fill('NRC');
		await submitForm(other, other.getByRole('button', { name: m.meetingedit_save() }));
		await page.locator('#field-title').fill('Atelier ORS (reporté)');
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_save() }));
		const alert = (await page.locator('[role=alert]').textContent())!;
		expect(alert).toContain(m.meetingedit_field_place());
		expect(await page.locator('#field-title').inputValue()).toBe('Atelier ORS (reporté)');
		await expectNoAxeViolations(page);
		await open(page, `${editUrl}/delete`);
		await expectNoAxeViolations(page);
		await submitForm(page, page.getByRole('button', { name: m.meetingedit_delete_confirm() }));
		expect(new URL(page.url()).pathname).toBe('/meetings');
	});
});
