import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, importUpload, location, organisationLocation } from '../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import type { Ctx } from '../context';
import type { Database } from '../db/client';
import { MALI_LOCATIONS } from '../example/data/mali-locations';
import { readUpload } from '../uploads/read-upload';
import {
	applyPlacesImport,
	discardPlacesImport,
	getPlacesImport,
	previewPlacesImport
} from './import-places';

const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const csv2021 = readFileSync(`${shared}reference/mali-pcodes-2021.csv`);
const geojson2017 = readFileSync(`${shared}fixtures/geo/mali-adm2-2017.geojson`);

function preview(
	ctx: Ctx,
	filename: string,
	content: Uint8Array | string,
	options: Record<string, string> = {}
) {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return previewPlacesImport(ctx, async () => ({ filename, bytes, options }));
}

/** The places as stored, to show that a refused or previewed import changed none of them. */
async function snapshot(db: Database) {
	const parent = alias(location, 'parent');
	return db
		.select({
			pcode: location.pcode,
			name: location.name,
			level: location.level,
			parent: parent.pcode,
			retiredAt: location.retiredAt
		})
		.from(location)
		.leftJoin(parent, eq(parent.id, location.parentId))
		.orderBy(asc(location.pcode));
}

async function place(db: Database, pcode: string) {
	const parent = alias(location, 'parent');
	const [row] = await db
		.select({
			id: location.id,
			name: location.name,
			level: location.level,
			parent: parent.pcode,
			retiredAt: location.retiredAt,
			geometry: location.geometry,
			displayGeometry: location.displayGeometry
		})
		.from(location)
		.leftJoin(parent, eq(parent.id, location.parentId))
		.where(eq(location.pcode, pcode));
	return row;
}

async function uploads(db: Database) {
	return (await db.select({ n: count() }).from(importUpload))[0]!.n;
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return (error as ValidationError).errors.map((e) => e.message);
}

describe(`importing places [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let admin: Ctx;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		admin = await world.as('admin');
		// The places the example workspace starts with: the 2021 list, names with their accents.
		const ids = new Map<string, string>();
		for (const p of MALI_LOCATIONS) {
			const [row] = await t.db
				.insert(location)
				.values({
					pcode: p.pcode,
					name: p.name,
					level: p.level,
					parentId: p.parent ? ids.get(p.parent) : null,
					validFrom: p.validFrom
				})
				.returning({ id: location.id });
			ids.set(p.pcode, row!.id);
		}
		// Organisation A works in the cercle of Ménaka: that place is in use.
		await t.db
			.insert(organisationLocation)
			.values({ organisationId: world.orgA, locationId: ids.get('ML1001')! });
	});

	it('refuses everyone but an administrator, before reading the file', async () => {
		const read = vi.fn(async () => ({ filename: 'list.csv', bytes: csv2021, options: {} }));
		for (const who of ['coordinator', 'focalPointA', 'observer'] as const) {
			await expect(previewPlacesImport(await world.as(who), read)).rejects.toBeInstanceOf(ForbiddenError);
		}
		await expect(previewPlacesImport(await world.as('visitor'), read)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		expect(read).not.toHaveBeenCalled();
		expect(await uploads(t.db)).toBe(0);
	});

	it('finds nothing to change in the 2021 list the places came from, accents kept', async () => {
		const before = await snapshot(t.db);
		const { report } = await preview(admin, 'mali-pcodes-2021.csv', csv2021);
		expect(report.columns).toEqual({
			pcode: 'P-Code',
			name: 'Name',
			parent: 'Parent P-Code',
			level: 'Admin Level'
		});
		expect(report).toMatchObject({ total: 63, levels: [1, 2], unchanged: 63, outlines: 0 });
		for (const list of ['added', 'renamed', 'moved', 'levelChanged', 'restored', 'retired'] as const)
			expect(report[list]).toEqual([]);
		expect(await snapshot(t.db)).toEqual(before);
	});

	it('reports what the 2017 boundaries change — Ménaka a cercle of Gao — and applies it only when confirmed', async () => {
		const before = await snapshot(t.db);
		const audits = await auditCount(t.db);
		const { id, report } = await preview(admin, 'mali-adm2-2017.geojson', geojson2017);
		// The COD-AB property names were recognised: admin2 P-code, its name and the admin1 above.
		expect(report.columns).toEqual({ pcode: 'adm2_pcode', name: 'adm2', parent: 'adm1_pcode', level: null });
		expect(report.levels).toEqual([2]);
		expect(report.added).toEqual([
			{ pcode: 'ML0704', name: 'Menaka', level: 2, parent: { pcode: 'ML07', name: 'Gao' } }
		]);
		expect(report.renamed).toEqual([{ pcode: 'ML0401', from: 'Baraouéli', to: 'Baroueli' }]);
		expect(report.moved).toEqual([]);
		// Ménaka region's cercles are not in 2017's list: retired, the used one said to be in use.
		expect(report.retired).toEqual([
			{ pcode: 'ML1001', name: 'Ménaka', level: 2, uses: 1 },
			{ pcode: 'ML1002', name: 'Andéramboukane', level: 2, uses: 0 },
			{ pcode: 'ML1003', name: 'Inékar', level: 2, uses: 0 },
			{ pcode: 'ML1004', name: 'Tidermène', level: 2, uses: 0 }
		]);
		expect(report.unchanged).toBe(48);
		expect(report.outlines).toBe(50);
		// A preview changes nothing; it can be read again.
		expect(await snapshot(t.db)).toEqual(before);
		expect(await auditCount(t.db)).toBe(audits);
		expect((await getPlacesImport(admin, id)).report).toEqual(report);

		expect(await applyPlacesImport(admin, id)).toEqual(report);
		const menaka2017 = await place(t.db, 'ML0704');
		expect(menaka2017).toMatchObject({ name: 'Menaka', level: 2, parent: 'ML07', retiredAt: null });
		const feature = (
			JSON.parse(geojson2017.toString('utf8')) as {
				features: { properties: { adm2_pcode: string }; geometry: unknown }[];
			}
		).features.find((f) => f.properties.adm2_pcode === 'ML0704')!;
		expect(menaka2017!.geometry).toEqual(feature.geometry);
		// Simplified for display: a few KB instead of the original's 11.
		const display = JSON.stringify(menaka2017!.displayGeometry);
		expect(display.length).toBeLessThan(6000);
		expect(display.length).toBeLessThan(JSON.stringify(feature.geometry).length / 2);
		expect((await place(t.db, 'ML0401'))!.name).toBe('Baroueli');
		// Retired, never deleted: the organisation still works in Ménaka; the region is untouched.
		const menaka2021 = await place(t.db, 'ML1001');
		expect(menaka2021!.retiredAt).toBeInstanceOf(Date);
		expect(
			await t.db
				.select()
				.from(organisationLocation)
				.where(eq(organisationLocation.locationId, menaka2021!.id))
		).toHaveLength(1);
		expect((await place(t.db, 'ML10'))!.retiredAt).toBeNull();
		expect(await place(t.db, 'ML0701')).toMatchObject({ name: 'Ansongo', parent: 'ML07' });

		const [event] = await t.db.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(1);
		expect(event).toMatchObject({ action: 'import', entityType: 'location', actorUserId: world.users.admin });
		expect(event!.after).toMatchObject({
			added: report.added,
			renamed: report.renamed,
			retired: report.retired
		});
		expect(await auditCount(t.db)).toBe(audits + 1);
		// Applied once: the upload is gone.
		await expect(applyPlacesImport(admin, id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('brings Ménaka region back with the 2021 list, and retires the 2017 cercle', async () => {
		const { id, report } = await preview(admin, 'mali-pcodes-2021.csv', csv2021);
		expect(report.added).toEqual([]);
		expect(report.restored.map((p) => p.pcode)).toEqual(['ML1001', 'ML1002', 'ML1003', 'ML1004']);
		expect(report.renamed).toEqual([{ pcode: 'ML0401', from: 'Baroueli', to: 'Baraoueli' }]);
		expect(report.retired).toEqual([{ pcode: 'ML0704', name: 'Menaka', level: 2, uses: 0 }]);
		await applyPlacesImport(admin, id);
		expect(await place(t.db, 'ML1001')).toMatchObject({ name: 'Ménaka', parent: 'ML10', retiredAt: null });
		expect((await place(t.db, 'ML0704'))!.retiredAt).toBeInstanceOf(Date);
		// Kept its outline: a P-code list brings none and takes none away.
		expect((await place(t.db, 'ML0704'))!.displayGeometry).not.toBeNull();
		expect((await snapshot(t.db)).length).toBe(65);
	});

	it('moves a place to its new parent and says so', async () => {
		const { id, report } = await preview(
			admin,
			'moves.csv',
			'pcode;name;parent;level\nML0704;Ménaka;ML10;2\nML1001;Ménaka;ML10;2\nML1002;Andéramboukane;ML10;2\nML1003;Inékar;ML10;2\nML1004;Tidermène;ML10;2\n'
		);
		expect(report.moved).toEqual([
			{
				pcode: 'ML0704',
				name: 'Ménaka',
				from: { pcode: 'ML07', name: 'Gao' },
				to: { pcode: 'ML10', name: 'Ménaka' }
			}
		]);
		expect(report.restored).toEqual([{ pcode: 'ML0704', name: 'Ménaka' }]);
		await discardPlacesImport(admin, id);
		await expect(getPlacesImport(admin, id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await place(t.db, 'ML0704'))!.parent).toBe('ML07');
	});

	it("keeps an administrator's upload to that administrator", async () => {
		const other = await addUser(t.db, {
			email: `admin-2-${world.orgA}@example.org`,
			name: 'Second admin',
			grants: [{ role: 'admin' }]
		});
		const { id } = await preview(admin, 'mali-pcodes-2021.csv', csv2021);
		const otherAdmin = await world.as('admin');
		otherAdmin.actor = { ...otherAdmin.actor!, userId: other };
		await expect(applyPlacesImport(otherAdmin, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(applyPlacesImport(await world.as('coordinator'), id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(applyPlacesImport(await world.as('visitor'), id)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(applyPlacesImport(admin, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		await discardPlacesImport(admin, id);
	});

	it('drops uploads left unconfirmed for more than a day when another comes', async () => {
		const [old] = await t.db
			.insert(importUpload)
			.values({
				userId: world.users.admin,
				kind: 'places',
				filename: 'old.csv',
				content: {},
				createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000)
			})
			.returning({ id: importUpload.id });
		const { id } = await preview(admin, 'mali-pcodes-2021.csv', csv2021);
		const left = await t.db.select({ id: importUpload.id }).from(importUpload);
		expect(left.map((u) => u.id)).toContain(id);
		expect(left.map((u) => u.id)).not.toContain(old!.id);
		await discardPlacesImport(admin, id);
	});

	describe('bad input is explained by row and column, in the user’s language, and changes nothing', () => {
		const cases: [label: string, filename: string, content: string | Uint8Array, fr: string, en: string][] = [
			[
				'malformed P-code',
				'list.csv',
				'P-Code,Name,Parent P-Code,Admin Level\nML0701,Ansongo,ML07,2\nML 0702,Bourem,ML07,2\n',
				"Ligne 3, colonne « P-Code » : « ML 0702 » n'est pas un P-code.",
				'Row 3, column “P-Code”: “ML 0702” is not a P-code.'
			],
			[
				'level not a number',
				'list.csv',
				'P-Code,Name,Parent P-Code,Admin Level\nML0701,Ansongo,ML07,deux\n',
				"Ligne 2, colonne « Admin Level » : « deux » n'est pas un niveau.",
				'Row 2, column “Admin Level”: “deux” is not a level.'
			],
			[
				'unknown parent P-code',
				'list.csv',
				'P-Code,Name,Parent P-Code,Admin Level\nML0701,Ansongo,ML07,2\nML1101,Nouveau,ML11,2\n',
				'Ligne 3, colonne « Parent P-Code » : le P-code parent « ML11 »',
				'Row 3, column “Parent P-Code”: parent P-code “ML11”'
			],
			[
				'no header row',
				'list.csv',
				'ML0701,Ansongo,ML07,2\nML0702,Bourem,ML07,2\n',
				'Aucune ligne d’en-tête'.replace('’', "'"),
				'No header row names the P-code and name columns'
			],
			[
				'header without places',
				'list.csv',
				'P-Code,Name\n',
				'Le fichier ne contient aucun lieu',
				'The file holds no places'
			],
			['empty file', 'list.csv', '  \n', 'Le fichier est vide.', 'The file is empty.'],
			[
				'not a spreadsheet',
				'list.csv',
				new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x01, 0x02]),
				'Ce fichier est un document PDF, pas un tableau.',
				'PDF'
			],
			[
				'a GeoJSON property that is not there',
				'bounds.geojson',
				'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"ML0701"},"geometry":null}]}',
				'Les entités du GeoJSON n',
				'The GeoJSON features have no property'
			],
			[
				'broken GeoJSON',
				'bounds.geojson',
				'{"type":"FeatureCollection","features":[',
				"Ce fichier n'est pas du GeoJSON lisible.",
				'This file is not readable GeoJSON.'
			],
			[
				'a GeoJSON geometry in metres',
				'bounds.geojson',
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							properties: { ADM2_PCODE: 'ML0701', ADM2_FR: 'Ansongo', ADM1_PCODE: 'ML07' },
							geometry: {
								type: 'Polygon',
								coordinates: [
									[
										[500000, 1700000],
										[510000, 1700000],
										[510000, 1710000],
										[500000, 1700000]
									]
								]
							}
						}
					]
				}),
				'Entité 1 du GeoJSON : la géométrie',
				'GeoJSON feature 1: the geometry'
			]
		];

		it.each(cases)('%s', async (_label, filename, content, fr, en) => {
			const before = await snapshot(t.db);
			const audits = await auditCount(t.db);
			const stored = await uploads(t.db);
			const options: Record<string, string> = _label.includes('property') ? { pcode: 'adm2_pcode' } : {};
			const [inFrench] = await refusal(preview(admin, filename, content, options));
			expect(inFrench).toContain(fr);
			const [inEnglish] = await refusal(preview(await world.as('admin', 'en'), filename, content, options));
			expect(inEnglish).toContain(en);
			expect(await snapshot(t.db)).toEqual(before);
			expect(await auditCount(t.db)).toBe(audits);
			expect(await uploads(t.db)).toBe(stored);
		});

		it('lists every bad row at once, not only the first', async () => {
			const messages = await refusal(
				preview(
					admin,
					'list.csv',
					'P-Code,Name,Parent P-Code,Admin Level\nML0701,,ML07,2\nml0702,Bourem,ML07,2.5\nML0701,Ansongo,ML07,2\n'
				)
			);
			expect(messages).toEqual([
				'Ligne 2, colonne « Name » : le nom manque.',
				"Ligne 3, colonne « Admin Level » : « 2.5 » n'est pas un niveau. Écrivez un nombre entier de 0 (pays) à 5 : 1 pour les régions, 2 pour les cercles…"
			]);
		});

		it('refuses a file over 20 MB before reading it whole', async () => {
			let sent = 0;
			const body = new ReadableStream<Uint8Array>({
				pull(controller) {
					sent += 1024 * 1024;
					controller.enqueue(new Uint8Array(1024 * 1024).fill(0x41));
				}
			});
			const request = new Request('http://concerto.test/api/v1/locations/import', {
				method: 'POST',
				headers: { 'content-type': 'text/csv' },
				body,
				duplex: 'half'
			} as RequestInit);
			const [message] = await refusal(
				previewPlacesImport(admin, async () => ({ ...(await readUpload(request, 'fr')), options: {} }))
			);
			expect(message).toBe(
				'Le fichier dépasse 20 Mo. Envoyez un fichier plus petit ou découpez-le en plusieurs.'
			);
			expect(sent).toBeLessThan(25 * 1024 * 1024);
		});
	});

	it('names the columns to read when the file uses other names', async () => {
		const content = 'Code lieu;Libellé;Dans;Niv\nML0705;Tessit;ML07;2\n';
		const [message] = await refusal(preview(admin, 'list.csv', content));
		expect(message).toContain('Code lieu, Libellé, Dans, Niv');
		const { id, report } = await preview(admin, 'list.csv', content, {
			pcode: 'Code lieu',
			name: 'libelle',
			parent: 'Dans',
			level: 'Niv'
		});
		expect(report.added).toEqual([
			{ pcode: 'ML0705', name: 'Tessit', level: 2, parent: { pcode: 'ML07', name: 'Gao' } }
		]);
		// Only cercles of Mali are in this file: every other cercle would be retired, which the report shows.
		expect(report.retired.length).toBeGreaterThan(40);
		await discardPlacesImport(admin, id);
		expect(
			await t.db
				.select({ n: count() })
				.from(location)
				.where(and(eq(location.pcode, 'ML0705'), isNotNull(location.id)))
		).toEqual([{ n: 0 }]);
	});
});
