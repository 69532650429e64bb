import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { location } from '$lib/server/db/schema';
import { MALI_LOCATIONS } from '$lib/server/example/data/mali-locations';
import { m } from '$lib/paraglide/messages';
import { addUser, PASSWORD } from '../actors';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	open,
	signInThroughPage,
	submitForm,
	useE2e
} from './harness';

const geojson2017 = readFileSync(
	fileURLToPath(new URL('../../../shared/fixtures/geo/mali-adm2-2017.geojson', import.meta.url))
);

/** Mali's 2021 P-code list as the cluster writes it (accents restored), with the country on top. */
function maliList(): Buffer {
	const lines = MALI_LOCATIONS.map((p) => [p.pcode, p.name, p.parent ?? '', p.level].join(';'));
	return Buffer.from(['P-Code;Name;Parent P-Code;Admin Level', ...lines].join('\n'), 'utf8');
}

describe('places in the browser', () => {
	const e2e = useE2e();
	const admin = 'e2e-places-admin@example.org';
	const observer = 'e2e-places-observer@example.org';

	beforeAll(async () => {
		await addUser(e2e.db, {
			email: admin,
			name: 'Admin Lieux',
			password: PASSWORD,
			grants: [{ role: 'admin' }]
		});
		await addUser(e2e.db, {
			email: observer,
			name: 'Observateur Lieux',
			password: PASSWORD,
			grants: [{ role: 'observer' }]
		});
	});

	const maliPlaces = async () =>
		(await e2e.db.select({ n: count() }).from(location).where(like(location.pcode, 'ML%')))[0]!.n;

	it('lets an administrator import a P-code list: a mistake is explained, then the report, then the tree', async () => {
		// Other files of this shared database may have added a few of Mali's places for their plans.
		const existing = await maliPlaces();
		const page = await e2e.newPage();
		await signInThroughPage(page, admin, PASSWORD);
		await open(page, '/locations');
		await page.locator('a[href="/locations/import"]').click();
		await page.waitForURL('**/locations/import');
		await expectNoAxeViolations(page);

		// A row with a level that is not a number: the page names its row and column, nothing is saved.
		await page.locator('#field-file').setInputFiles({
			name: 'pcodes.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('P-Code;Name;Parent P-Code;Admin Level\nML;Mali;;zéro\n')
		});
		await page.locator('#field-level').fill('Admin Level');
		await submitForm(page, page.locator('main form button'));
		const alert = await page.locator('[role=alert]').textContent();
		expect(alert).toContain("Ligne 2, colonne « Admin Level » : « zéro » n'est pas un niveau.");
		// What the user typed is still there.
		expect(await page.locator('#field-level').inputValue()).toBe('Admin Level');
		await expectNoAxeViolations(page);
		expect(await maliPlaces()).toBe(existing);

		await page
			.locator('#field-file')
			.setInputFiles({ name: 'mali-pcodes-2021.csv', mimeType: 'text/csv', buffer: maliList() });
		await submitForm(page, page.locator('main form button'));
		expect(new URL(page.url()).pathname).toMatch(/^\/locations\/import\/[0-9a-f-]{36}$/);
		const report = (await page.locator('main').textContent())!;
		expect(report).toContain(m.places_report_added({ count: String(64 - existing) }, { locale: 'fr' }));
		expect(report).toContain('Ménaka');
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		// Shown, not yet applied.
		expect(await maliPlaces()).toBe(existing);

		await submitForm(page, page.getByRole('button', { name: m.places_preview_apply({}, { locale: 'fr' }) }));
		expect(new URL(page.url()).pathname).toBe('/locations');
		expect(await page.locator('[role=status]').textContent()).toContain(`${64 - existing} ajoutés`);
		expect(await maliPlaces()).toBe(64);

		// The tree: Mali, its ten regions, Gao's three cercles.
		await page.getByRole('link', { name: 'Mali', exact: true }).click();
		await page.waitForURL('**/locations/ML');
		expect(await page.locator('main tbody tr').count()).toBe(10);
		await page.getByRole('link', { name: 'Gao', exact: true }).click();
		await page.waitForURL('**/locations/ML07');
		const cercles = await page.locator('main tbody td:nth-child(2)').allTextContents();
		expect(cercles.map((name) => name.trim())).toEqual(['Ansongo', 'Bourem', 'Gao']);
	});

	it('shows what the 2017 boundaries change: Ménaka a cercle of Gao, the region’s cercles retired', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, admin, PASSWORD);
		await open(page, '/locations/import');
		await page.locator('#field-file').setInputFiles({
			name: 'mali-adm2-2017.geojson',
			mimeType: 'application/geo+json',
			buffer: geojson2017
		});
		await submitForm(page, page.locator('main form button'));
		const added = page.locator('section', {
			hasText: m.places_report_added({ count: '1' }, { locale: 'fr' })
		});
		expect(await added.locator('tbody').textContent()).toContain('ML0704');
		expect(await added.locator('tbody').textContent()).toContain('Gao (ML07)');
		const retired = page.locator('section', {
			hasText: m.places_report_retired({ count: '4' }, { locale: 'fr' })
		});
		expect(await retired.locator('tbody tr').count()).toBe(4);
		await submitForm(page, page.getByRole('button', { name: m.places_preview_apply({}, { locale: 'fr' }) }));

		await open(page, '/locations/ML1001');
		expect(await page.locator('[role=note]').textContent()).toContain("n'est plus dans la liste des P-codes");
		await open(page, '/locations/ML0704');
		expect(await page.locator('h1').textContent()).toBe('Menaka (ML0704)');
		expect(await page.locator('main svg path').count()).toBe(1);
		await expectNoAxeViolations(page);
		const [retiredPlace] = await e2e.db
			.select({ retiredAt: location.retiredAt })
			.from(location)
			.where(eq(location.pcode, 'ML1001'));
		expect(retiredPlace!.retiredAt).not.toBeNull();
	});

	it('lets a visitor find “Ménaka” by typing “menaka”, on a phone', async () => {
		const page = await e2e.newPage({ width: 360 });
		await open(page, '/locations');
		await page.locator('#search-q').fill('menaka');
		await submitForm(page, page.locator('main form[role=search] button'));
		const names = await page.locator('main tbody td:nth-child(2)').allTextContents();
		expect(names.map((n) => n.trim())).toContain('Ménaka');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Ménaka', exact: true }).first().click();
		await page.waitForURL('**/locations/ML10');
		expect(await page.locator('h1').textContent()).toBe('Ménaka (ML10)');
	});

	it('keeps the import to administrators', async () => {
		const visitor = await e2e.newPage();
		await visitor.goto('/locations/import');
		expect(new URL(visitor.url()).pathname).toBe('/sign-in');

		const page = await e2e.newPage();
		await signInThroughPage(page, observer, PASSWORD);
		await open(page, '/locations');
		expect(await page.locator('a[href="/locations/import"]').count()).toBe(0);
		const response = await page.goto('/locations/import');
		expect(response!.status()).toBe(403);
		const forged = await page.request.post('/locations/import?/preview', {
			multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: maliList() } },
			headers: { origin: e2e.baseUrl },
			maxRedirects: 0
		});
		expect(forged.status()).toBe(403);
	});
});
