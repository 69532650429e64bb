import { beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { importUpload, organisation, person } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addCluster, addUser, PASSWORD } from '../actors';
import { expectNoAxeViolations, open, signInThroughPage, submitForm, useE2e } from './harness';

/** What French Excel saves: Windows-1252 (here only Latin-1 characters), semicolons, CRLF. */
const frenchExcelCsv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');

describe('imports in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-import-coordinator@example.org';
	const observer = 'e2e-import-observer@example.org';

	beforeAll(async () => {
		const cluster = await addCluster(e2e.db, 'IMPE2E');
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Coordination Import',
			password: PASSWORD,
			grants: [{ role: 'coordinator', clusterId: cluster }]
		});
		await addUser(e2e.db, {
			email: observer,
			name: 'Observateur Import',
			password: PASSWORD,
			grants: [{ role: 'observer', clusterId: cluster }]
		});
	});

	const names = ['Réseau Éducation Tombouctou', 'Groupement Féminin de Gao', 'Société Ténéré Énergie'];

	it('uploads a French Excel CSV, shows the preview with its row error, imports the valid rows', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/organisations/import');
		expect(await page.locator('main').textContent()).toContain(
			m.imports_upload_hint({ max: 20 }, { locale: 'fr' })
		);

		await page.locator('#field-file').setInputFiles({
			name: 'partenaires.csv',
			mimeType: 'text/csv',
			buffer: frenchExcelCsv([
				'Nom;Sigle;Type;Site web;Téléphone',
				`${names[0]};RET;ONG nationale;www.ret-mali.org;+223 21 92 00 00`,
				`${names[1]};GFG;Association;;`,
				'Coopérative Inconnue;COOPI;Coopérative;;',
				`${names[2]};STE;Secteur privé;;`
			])
		});
		await submitForm(page);
		expect(page.url()).toMatch(/\/organisations\/import\/[0-9a-f-]{36}$/);
		const main = page.locator('main');
		expect(await main.locator('h1').textContent()).toContain('partenaires.csv');
		// The row error names the row as the spreadsheet shows it, and the column.
		const errorRow = main.locator('table tr', { hasText: 'Coopérative' });
		expect(await errorRow.locator('td').allTextContents()).toEqual([
			'4',
			'C — Type',
			expect.stringContaining('Type inconnu « Coopérative »')
		]);
		expect(await main.locator('dl.facts').textContent()).toMatch(
			/Lignes lues\s*4\s*Valides\s*3\s*Avec des erreurs\s*1/
		);
		// Nothing was written by the preview.
		expect(await e2e.db.select().from(organisation).where(inArray(organisation.name, names))).toEqual([]);
		await expectNoAxeViolations(page);

		await submitForm(page, page.locator('form[action="?/confirm"] button'));
		const url = new URL(page.url());
		expect(url.pathname).toBe('/organisations');
		expect(Object.fromEntries(url.searchParams)).toEqual({ created: '3', updated: '0', skipped: '1' });
		const stored = await e2e.db.select().from(organisation).where(inArray(organisation.name, names));
		expect(stored.map((o) => o.name).sort()).toEqual([...names].sort());
		expect(stored.find((o) => o.acronym === 'RET')).toMatchObject({
			type: 'national-ngo',
			website: 'https://www.ret-mali.org'
		});

		// The list shows them, found without their accents.
		await open(page, '/organisations?q=tenere');
		expect(await main.textContent()).toContain(names[2]);
		await open(page, '/organisations?q=groupement feminin');
		expect(await main.textContent()).toContain(names[1]);
	});

	it('lets the user choose a column that was not recognised, then confirm; another user cannot see the upload', async () => {
		const page = await e2e.newPage({ locale: 'en-GB' });
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/organisations/import');
		await page.locator('#field-file').setInputFiles({
			name: 'partners.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('Name,Kind of actor\nCommunity Radio Kidal,National NGO\n')
		});
		await submitForm(page);
		const preview = page.url();
		expect(await page.locator('[role=alert]').first().textContent()).toContain('Type');
		expect(await page.locator('form[action="?/confirm"] button').count()).toBe(0);

		await page.locator('#map-type').selectOption('B');
		await submitForm(page, page.locator('main form[method="GET"] button'));
		expect(new URL(page.url()).searchParams.get('map_type')).toBe('B');
		expect(await page.locator('form[action="?/confirm"] button').textContent()).toContain('1');

		const other = await e2e.newPage();
		await signInThroughPage(other, observer, PASSWORD);
		expect((await other.goto(preview))!.status()).toBe(404);
		expect((await other.goto('/organisations/import'))!.status()).toBe(403);

		await submitForm(page, page.locator('form[action="?/confirm"] button'));
		expect(new URL(page.url()).searchParams.get('created')).toBe('1');
		const [stored] = await e2e.db
			.select()
			.from(organisation)
			.where(eq(organisation.name, 'Community Radio Kidal'));
		expect(stored).toMatchObject({ type: 'national-ngo' });
		const id = preview.split('/').pop()!;
		expect(await e2e.db.select().from(importUpload).where(eq(importUpload.id, id))).toEqual([]);
	});

	it('proposes to update a person already in the directory; the user chooses to skip the row instead', async () => {
		const [delta] = await e2e.db
			.insert(organisation)
			.values({ name: 'ONG Delta E2E', acronym: 'DELTA', type: 'national-ngo' })
			.returning();
		const [awa] = await e2e.db
			.insert(person)
			.values({ name: 'Awa Traoré', email: 'awa@delta.example', organisationId: delta!.id })
			.returning();
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/people/import');
		await page.locator('#field-file').setInputFiles({
			name: 'contacts.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'Nom,Sigle,E-mail,Fonction\nAwa Traoré,DELTA,awa@delta.example,Directrice\nBakary Sangaré,DELTA,bakary@delta.example,\n'
			)
		});
		await submitForm(page);
		const decision = page.locator('select[name=decision_2]');
		expect(await decision.inputValue()).toBe(`update:${awa!.id}`);
		expect(await page.locator('main').textContent()).toContain(m.imports_reason_email({}, { locale: 'fr' }));
		await decision.selectOption('skip');
		await submitForm(page, page.locator('form[action="?/confirm"] button'));
		const url = new URL(page.url());
		expect(url.pathname).toBe('/people');
		expect(Object.fromEntries(url.searchParams)).toEqual({ created: '1', updated: '0', skipped: '1' });
		const [after] = await e2e.db.select().from(person).where(eq(person.id, awa!.id));
		expect(after!.jobTitle).toBeNull();
		const [bakary] = await e2e.db.select().from(person).where(eq(person.email, 'bakary@delta.example'));
		expect(bakary).toMatchObject({ name: 'Bakary Sangaré', organisationId: delta!.id });
	});

	it('says what was expected of a file that is not a spreadsheet', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/people/import');
		await page.locator('#field-file').setInputFiles({
			name: 'compte-rendu.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
		});
		await submitForm(page);
		expect(new URL(page.url()).pathname).toBe('/people/import');
		expect(await page.locator('#field-file-error').textContent()).toContain('PDF');
		expect(await page.locator('#field-file').getAttribute('aria-invalid')).toBe('true');
	});
});
