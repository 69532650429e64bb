import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actionItem, attendance, meeting, person } from '$lib/server/db/schema';
import { addCluster, addOrganisation, addUser, PASSWORD } from '../actors';
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

describe('meeting attendance in the browser', () => {
	const e2e = useE2e();
	const coordinatorEmail = 'e2e-attendance-coordinator@example.org';
	let meetingId = '';
	let organisationId = '';

	beforeAll(async () => {
		const clusterId = await addCluster(e2e.db, 'ATE2E');
		await addUser(e2e.db, {
			email: coordinatorEmail,
			name: 'Coordination présences',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId }]
		});
		organisationId = await addOrganisation(e2e.db, { name: 'ONG Présences E2E', acronym: 'OPE2E' });
		await e2e.db.insert(person).values({
			name: 'Fatoumata Coulibaly',
			jobTitle: 'Chargée de suivi',
			email: 'f.coulibaly@ope2e.example.org',
			organisationId
		});
		const [row] = await e2e.db
			.insert(meeting)
			.values({
				clusterId,
				title: 'Réunion présences E2E',
				kind: 'cluster-meeting',
				heldOn: '2016-10-20',
				state: 'held'
			})
			.returning();
		meetingId = row!.id;
	});

	const rows = () => e2e.db.select().from(attendance).where(eq(attendance.meetingId, meetingId));

	it('adds from the directory, adds someone new after a duplicate warning, and changes a status', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, `/meetings/${meetingId}/attendance`);
		expect(await page.locator('main').textContent()).toContain("Personne n'est encore sur la liste.");
		await expectNoAxeViolations(page);

		// Found by the directory's search (no accents, part of the name), then added.
		await page.locator('#attendance-q').fill('coulibaly');
		await submitForm(page, page.locator('form[role=search] button'));
		await submitForm(page, page.getByRole('button', { name: 'Ajouter Fatoumata Coulibaly', exact: true }));
		expect(await page.locator('[role=status]').first().textContent()).toContain(
			'Fatoumata Coulibaly a été ajouté à la liste.'
		);
		expect(await page.locator('main table tbody').textContent()).toContain('Chargée de suivi');
		// She is marked as listed in the search kept on the page.
		expect(await page.locator('ul.found').textContent()).toContain('déjà sur la liste');

		// Someone not in the directory whose name looks like hers: warned first, nothing saved.
		const create = page.locator('form[action="?/create"]');
		await create.locator('#field-organisationId').selectOption(organisationId);
		await create.locator('#field-name').fill('Fatoumata Coulibali');
		await create.locator('#field-jobTitle').fill('Stagiaire');
		await create.locator('#field-email').fill('fatoumata@ope2e.example.org');
		await submitForm(page, create.getByRole('button', { name: 'Créer et ajouter' }));
		const warning = page.locator('form[action="?/create"] [role=alert]');
		expect(await warning.textContent()).toContain('Fatoumata Coulibaly');
		expect(await rows()).toHaveLength(1);
		await expectNoAxeViolations(page);
		await page.screenshot({ path: 'tmp/attendance-warning.png', fullPage: true });

		// It is someone else: confirmed, the person is created in the directory and listed.
		expect(await create.locator('#field-name').inputValue()).toBe('Fatoumata Coulibali');
		await create.locator('input[name=notDuplicate]').check();
		await submitForm(page, create.getByRole('button', { name: 'Créer et ajouter' }));
		const listed = await rows();
		expect(listed.map((r) => [r.name, r.organisationName, r.function, r.status]).sort()).toEqual([
			['Fatoumata Coulibali', 'OPE2E', 'Stagiaire', 'present'],
			['Fatoumata Coulibaly', 'OPE2E', 'Chargée de suivi', 'present']
		]);
		const [created] = await e2e.db
			.select()
			.from(person)
			.where(eq(person.email, 'fatoumata@ope2e.example.org'));
		expect(created!.organisationId).toBe(organisationId);

		// Excused instead of present.
		await page.getByLabel('Statut de Fatoumata Coulibali', { exact: true }).selectOption('excused');
		const row = page.locator('tr', { hasText: 'Fatoumata Coulibali' }).filter({ hasNotText: 'Coulibaly' });
		await submitForm(page, row.getByRole('button', { name: 'Changer' }));
		expect(await page.locator('[role=status]').first().textContent()).toContain('Liste enregistrée.');
		expect((await rows()).find((r) => r.name === 'Fatoumata Coulibali')!.status).toBe('excused');
		expect(await page.getByLabel('Statut de Fatoumata Coulibali', { exact: true }).inputValue()).toBe(
			'excused'
		);
		await expectNoAxeViolations(page);
	});

	it('is usable on a phone', async () => {
		const page = await e2e.newPage({ width: 360 });
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, `/meetings/${meetingId}/attendance?q=coulibal`);
		expect(await page.locator('main table').count()).toBe(1);
		await expectNoSidewaysScroll(page);
		await page.screenshot({ path: 'tmp/attendance-360.png', fullPage: true });
	});

	it('creates, on confirming an import, the participants ticked for the directory', async () => {
		await addOrganisation(e2e.db, { name: 'Action contre la Faim (import E2E)', acronym: 'ACF' });
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinatorEmail, PASSWORD);
		await open(page, '/meetings/import');
		await page.locator('#file-ATE2E').setInputFiles({
			name: 'compte-rendu.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from(reference)
		});
		await submitForm(page, page.locator('main form button').first());
		const keita = page.getByRole('group', { name: 'Que faire de Mamadou Keita ?' });
		// ACF is known and he has an e-mail: proposed for the directory.
		expect(await keita.locator('input[value=create]').isChecked()).toBe(true);
		const guindo = page.getByRole('group', { name: 'Que faire de Boukary Guindo ?' });
		expect(await guindo.locator('input[value=name]').isChecked()).toBe(true);
		await expectNoAxeViolations(page);
		await page.screenshot({ path: 'tmp/attendance-import.png', fullPage: true });
		await submitForm(page, page.getByRole('button', { name: 'Enregistrer la réunion' }));
		expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
		const [created] = await e2e.db.select().from(person).where(eq(person.email, 'makeita@ml.acfpain.ml'));
		const [row] = await e2e.db.select().from(attendance).where(eq(attendance.personId, created!.id));
		expect(row!.name).toBe('Mamadou Keita');
		// Other files read the same database: this report's action items must not show up in their tracker.
		const imported = new URL(page.url()).pathname.split('/').pop()!;
		await e2e.db.delete(actionItem).where(eq(actionItem.meetingId, imported));
		await e2e.db.delete(meeting).where(eq(meeting.id, imported));
	});
});
