import { beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { deflateSync } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import { organisation, organisationLogo } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { addOrganisation, addUser, PASSWORD } from '../actors';
import { open, signInThroughPage, submitForm, useE2e } from './harness';

/** A real 2×2 PNG (Chromium must be able to draw it). */
function png(): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), body.length + 4);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(2, 0);
	header.writeUInt32BE(2, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const pixels = Buffer.from([0, 200, 30, 30, 200, 30, 30, 0, 30, 30, 200, 30, 30, 200]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(pixels)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe('directory lists, exports and logos in the browser', () => {
	const e2e = useE2e();
	const coordinator = 'e2e-lists-admin@example.org';
	let ngo: string;

	const organisationsNamed = async (name: string) =>
		(await e2e.db.select({ n: count() }).from(organisation).where(eq(organisation.name, name)))[0]!.n;

	beforeAll(async () => {
		ngo = await addOrganisation(e2e.db, {
			name: 'Réseau Sahel Listes',
			acronym: 'RSL',
			type: 'national-ngo'
		});
		await addOrganisation(e2e.db, { name: 'Direction Listes Régionale', acronym: 'DLR', type: 'government' });
		await addUser(e2e.db, {
			email: coordinator,
			name: 'Admin Listes',
			password: PASSWORD,
			grants: [{ role: 'admin' }]
		});
	});

	it('filters organisations by type and downloads exactly what the list shows as CSV', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/organisations?q=listes');
		await page.locator('#filter-type').selectOption('government');
		await submitForm(page, page.locator('form[role=search] button'));
		const main = (await page.locator('main table').textContent()) ?? '';
		expect(main).toContain('Direction Listes Régionale');
		expect(main).not.toContain('Réseau Sahel Listes');

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('a', { hasText: 'CSV' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.csv$/);
		const stream = await download.createReadStream();
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const lines = text
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('Direction Listes Régionale');
		expect(lines[1]).toContain(m.directory_type_government({}, { locale: 'fr' }));
	});

	it('uploads a logo shown on the organisation page; a file that is not an image is refused with a message', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `/organisations/${ngo}/edit`);
		await page
			.locator('#field-logo')
			.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg/>') });
		await submitForm(page, page.locator('form[action="?/logo"] button'));
		expect(await page.locator('#field-logo-error').textContent()).toBe(
			m.directory_error_logo_type({}, { locale: 'fr' })
		);
		expect(
			await e2e.db.select().from(organisationLogo).where(eq(organisationLogo.organisationId, ngo))
		).toHaveLength(0);

		await page
			.locator('#field-logo')
			.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png() });
		await submitForm(page, page.locator('form[action="?/logo"] button'));
		expect(page.url()).toContain(`/organisations/${ngo}?saved`);
		const width = await page.locator('h1 img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth);
		expect(width).toBe(2);
	});

	it('refuses an upload over 20 MB with a message in French, and nothing is stored', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, `/organisations/${ngo}/edit`);
		const huge = Buffer.alloc(21 * 1024 * 1024);
		png().copy(huge);
		await page
			.locator('#field-logo')
			.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
		await submitForm(page, page.locator('form[action="?/logo"] button'));
		expect(await page.locator('#field-logo-error').textContent()).toMatch(/20 Mo/);
	});

	it('refuses a body over 100 MB before reading it, in the language of the browser', async () => {
		const url = new URL('/organisations/new', e2e.baseUrl);
		const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = httpRequest(
				url,
				{
					method: 'POST',
					headers: {
						'content-length': String(200 * 1024 * 1024),
						'content-type': 'application/x-www-form-urlencoded',
						'accept-language': 'en-GB,en;q=0.9',
						origin: e2e.baseUrl
					}
				},
				(res) => {
					let body = '';
					res.on('data', (chunk) => (body += chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
				}
			);
			req.on('error', reject);
			// Only the first bytes are sent: the answer must not wait for the rest.
			req.write('name=x');
		});
		expect(answer.status).toBe(413);
		expect(answer.body).toContain('100 MB');
	});

	it('warns on entry that a new organisation looks like one already there, and saves it only when told to', async () => {
		const page = await e2e.newPage();
		await signInThroughPage(page, coordinator, PASSWORD);
		await open(page, '/organisations/new');
		await page.locator('[name=name]').fill('Reseau sahel listes');
		await page.locator('[name=type]').selectOption('national-ngo');
		await submitForm(page, page.locator('main form button').last());
		const warning = page.locator('.notice.warning');
		expect(await warning.textContent()).toContain('Réseau Sahel Listes');
		expect(await organisationsNamed('Reseau sahel listes')).toBe(0);
		// What was typed is still there; ticking the box saves it.
		expect(await page.locator('[name=name]').inputValue()).toBe('Reseau sahel listes');
		await page.locator('[name=notDuplicate]').check();
		await submitForm(page, page.locator('main form button').last());
		expect(page.url()).toMatch(/\/organisations\/[0-9a-f-]{36}\?saved/);
		expect(await organisationsNamed('Reseau sahel listes')).toBe(1);
	});
});
