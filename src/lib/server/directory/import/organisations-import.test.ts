import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../../tests/actors';
import { auditEvent, importUpload, location, organisation, organisationLocation } from '../../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../errors';
import { confirmImport, discardImport, getImportPreview, previewImport } from './imports';
import { csv, upload, utf8, windows1252, xlsx } from './test-files';
import { m } from '$lib/paraglide/messages';

describe(`organisations import [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		await t.db.insert(location).values([
			{ pcode: 'ML', name: 'Mali', level: 0 },
			{ pcode: 'ML06', name: 'Tombouctou', level: 1 },
			{ pcode: 'ML07', name: 'Gao', level: 1 }
		]);
	});

	const organisationCount = async () => (await t.db.select({ n: count() }).from(organisation))[0]!.n;
	const named = async (name: string) =>
		(await t.db.select().from(organisation).where(eq(organisation.name, name)))[0];
	const placesOf = async (id: string) =>
		(
			await t.db
				.select({ pcode: location.pcode })
				.from(organisationLocation)
				.innerJoin(location, eq(location.id, organisationLocation.locationId))
				.where(eq(organisationLocation.organisationId, id))
				.orderBy(location.pcode)
		).map((p) => p.pcode);

	/** The error messages of a preview as "row column: message". */
	const located = (errors: { row: number; column: string | null; message: string }[]) =>
		errors.map((e) => `${e.row} ${e.column}: ${e.message}`);

	it('reads an XLSX with an HXL hashtag row; the preview writes nothing; confirm writes the valid rows and their audit events', async () => {
		const coordinator = await world.as('coordinator');
		const file = xlsx([
			['Liste des partenaires — Cluster Relèvement Précoce', '', '', '', ''],
			['Nom de l’organisation', 'Sigle', 'Catégorie', 'Site web', 'Zones d’intervention'],
			['#org +name', '#org +acronym', '#org +type', '#org +url', '#loc +code +list'],
			['Association Relèvement Nord', 'ARN', 'ONG nationale', 'www.arn-mali.org', 'ML06, ML07'],
			['Tassaght', '', 'ONG bizarre', '', 'ML06'],
			['Programme Alimentaire Mondial', 'PAM', 'Agence des Nations Unies', 'https://www.wfp.org', 'ML99'],
			['', '', '', '', ''],
			['Conseil Régional de Gao', '', 'Gouvernement', '', 'ml07']
		]);
		const [before, eventsBefore] = [await organisationCount(), await auditCount(t.db)];

		const preview = await previewImport(coordinator, 'organisations', upload('partenaires.xlsx', file));
		expect(preview).toMatchObject({
			kind: 'organisations',
			filename: 'partenaires.xlsx',
			headerRow: 2,
			hashtagRow: 3,
			counts: { rows: 4, valid: 2, invalid: 2, matching: 0 },
			missing: []
		});
		expect(preview.fields.map((f) => [f.key, f.column])).toEqual([
			['name', 'A'],
			['acronym', 'B'],
			['type', 'C'],
			['website', 'D'],
			['country', null],
			['emailDomains', null],
			['address', null],
			['phone', null],
			['places', 'E']
		]);
		const types = m.imports_error_type({ value: 'ONG bizarre', types: '' }, { locale: 'fr' }).split(':')[0];
		expect(located(preview.errors)).toEqual([
			expect.stringMatching(new RegExp(`^5 C: ${types}`)),
			`6 E: ${m.directory_error_unknown_pcode({ codes: 'ML99' }, { locale: 'fr' })}`
		]);
		expect(preview.errors[0]).toMatchObject({ header: 'Catégorie', field: 'type' });
		// Nothing reached the directory or the audit log: the file waits in import_upload.
		expect(await organisationCount()).toBe(before);
		expect(await auditCount(t.db)).toBe(eventsBefore);
		const [staged] = await t.db.select().from(importUpload).where(eq(importUpload.id, preview.uploadId));
		expect(staged).toMatchObject({ kind: 'organisations', filename: 'partenaires.xlsx' });

		const result = await confirmImport(coordinator, preview.uploadId);
		expect(result).toEqual({
			kind: 'organisations',
			filename: 'partenaires.xlsx',
			created: 2,
			updated: 0,
			skipped: 2,
			invalid: 2
		});
		const arn = await named('Association Relèvement Nord');
		expect(arn).toMatchObject({ acronym: 'ARN', type: 'national-ngo', website: 'https://www.arn-mali.org' });
		expect(await placesOf(arn!.id)).toEqual(['ML06', 'ML07']);
		const gao = await named('Conseil Régional de Gao');
		expect(gao).toMatchObject({ type: 'government' });
		expect(await placesOf(gao!.id)).toEqual(['ML07']);
		expect(await named('Tassaght')).toBeUndefined();
		expect(await named('Programme Alimentaire Mondial')).toBeUndefined();
		expect(await organisationCount()).toBe(before + 2);

		const events = await t.db
			.select()
			.from(auditEvent)
			.where(inArray(auditEvent.action, ['import.create', 'import']))
			.orderBy(auditEvent.id);
		expect(events.map((e) => [e.action, e.entityType, e.entityId])).toEqual([
			['import.create', 'organisation', arn!.id],
			['import.create', 'organisation', gao!.id],
			['import', 'organisation', null]
		]);
		expect(events[0]!.after).toMatchObject({ name: 'Association Relèvement Nord', places: ['ML06', 'ML07'] });
		expect(events[2]!.after).toMatchObject({ created: 2, updated: 0, rows: 4, uploadId: preview.uploadId });
		expect(events.every((e) => e.actorLabel.startsWith('coordinator-'))).toBe(true);
		// The file is gone: it cannot be imported twice.
		await expect(confirmImport(coordinator, preview.uploadId)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('reads an HXL CSV whose hashtags alone name the columns, in English', async () => {
		const admin = await world.as('admin', 'en');
		const file = csv([
			['#org+name', '#org+acronym', '#org+type', '#country+code', '#contact+email+domain', '#contact+phone'],
			['Norwegian Refugee Council', 'NRC', 'international-ngo', 'nor', 'nrc.no', '+47 23 10 98 00'],
			['Mali Health', '', 'NGO', 'MLI', 'malihealth.org, gmail.com', 'not a phone!']
		]);
		const preview = await previewImport(admin, 'organisations', upload('hxl.csv', utf8(file)));
		expect(preview).toMatchObject({
			headerRow: null,
			hashtagRow: 1,
			counts: { rows: 2, valid: 1, invalid: 1 }
		});
		expect(located(preview.errors)).toEqual([`3 F: ${m.directory_error_phone({}, { locale: 'en' })}`]);
		expect(preview.errors[0]!.header).toBe('#contact+phone');
		await confirmImport(admin, preview.uploadId);
		expect(await named('Norwegian Refugee Council')).toMatchObject({
			type: 'international-ngo',
			country: 'NOR',
			emailDomains: ['nrc.no'],
			phone: '+47 23 10 98 00'
		});
	});

	it('reads a CSV saved by French Excel: Windows-1252, semicolons, accents and French headers', async () => {
		const coordinator = await world.as('coordinator');
		const text = [
			'Nom;Sigle;Type;Site web;Téléphone',
			'Médecins du Monde;MdM;ONGI;www.medecinsdumonde.org;+223 20 22 33 44',
			'Œuvre Malienne d’Entraide;OME;ong nationale;;',
			'Comité International de la Croix-Rouge;CICR;Croix-Rouge / Croissant-Rouge;https://www.icrc.org;',
			'Ministère de la Santé;;Gouvernement;;',
			'Université de Bamako;USTTB;universite;;'
		].join('\n');
		const preview = await previewImport(
			coordinator,
			'organisations',
			upload('partenaires.csv', windows1252(text))
		);
		expect(preview.counts).toEqual({ rows: 5, valid: 5, invalid: 0, matching: 0 });
		expect(preview.columns.map((c) => c.header)).toEqual(['Nom', 'Sigle', 'Type', 'Site web', 'Téléphone']);
		await confirmImport(coordinator, preview.uploadId);
		expect(await named('Médecins du Monde')).toMatchObject({
			acronym: 'MdM',
			type: 'international-ngo',
			website: 'https://www.medecinsdumonde.org',
			phone: '+223 20 22 33 44'
		});
		expect(await named('Œuvre Malienne d’Entraide')).toMatchObject({ acronym: 'OME', type: 'national-ngo' });
		expect(await named('Comité International de la Croix-Rouge')).toMatchObject({ type: 'red-cross' });
		expect(await named('Ministère de la Santé')).toMatchObject({ type: 'government' });
		expect(await named('Université de Bamako')).toMatchObject({ type: 'academic' });
	});

	it('proposes stored organisations that a row duplicates; "update" completes the record instead of creating one', async () => {
		const coordinator = await world.as('coordinator');
		const [acf] = await t.db
			.insert(organisation)
			.values({
				name: 'Action contre la Faim',
				acronym: 'ACF',
				type: 'international-ngo',
				emailDomains: ['acf-international.org']
			})
			.returning();
		const [irc] = await t.db
			.insert(organisation)
			.values({
				name: 'International Rescue Committee',
				acronym: 'IRC',
				type: 'international-ngo',
				emailDomains: ['rescue.org']
			})
			.returning();
		const [ds] = await t.db
			.insert(organisation)
			.values({
				name: 'Danish Refugee Council',
				acronym: 'DRC',
				type: 'international-ngo',
				website: 'https://drc.ngo'
			})
			.returning();
		const file = csv(
			[
				['Nom', 'Sigle', 'Type', 'Site web', 'E-mail', 'Zones'],
				[
					'ACTION CONTRE LA FAIM',
					'',
					'ONGI',
					'https://www.actioncontrelafaim.org',
					'info@actioncontrelafaim.org',
					'ML06'
				],
				['IRC Mali', '', 'ONGI', '', 'mali@rescue.org', ''],
				['Conseil Danois pour les Réfugiés', 'DRC', 'ONGI', 'https://other.example', '', 'ML07'],
				['Danish Refugee Counsel', '', 'ONGI', '', '', '']
			],
			';'
		);
		const preview = await previewImport(coordinator, 'organisations', upload('doublons.csv', utf8(file)));
		expect(preview.counts).toMatchObject({ rows: 4, valid: 4, matching: 4 });
		const byRow = new Map(preview.duplicates.map((d) => [d.row, d]));
		// Same folded name, same e-mail domain: surely the same organisation, "update" is proposed.
		expect(byRow.get(2)).toMatchObject({
			decision: `update:${acf!.id}`,
			matches: [{ id: acf!.id, reason: 'name', exact: true }]
		});
		expect(byRow.get(3)).toMatchObject({
			decision: `update:${irc!.id}`,
			matches: [{ id: irc!.id, reason: 'domain' }]
		});
		// Same acronym or a similar name: perhaps the same, "create" is proposed.
		expect(byRow.get(4)).toMatchObject({
			decision: 'create',
			matches: [{ id: ds!.id, reason: 'acronym', exact: false }]
		});
		expect(byRow.get(5)).toMatchObject({
			decision: 'create',
			matches: [{ id: ds!.id, reason: 'similar-name' }]
		});

		const before = await organisationCount();
		const result = await confirmImport(coordinator, preview.uploadId, {
			decisions: { '4': 'update', '5': 'skip' }
		});
		expect(result).toMatchObject({ created: 0, updated: 3, skipped: 1 });
		expect(await organisationCount()).toBe(before);
		const [acfAfter] = await t.db.select().from(organisation).where(eq(organisation.id, acf!.id));
		// Empty fields filled, domains and places added; the stored name and type are kept.
		expect(acfAfter).toMatchObject({
			name: 'Action contre la Faim',
			website: 'https://www.actioncontrelafaim.org',
			emailDomains: ['acf-international.org', 'actioncontrelafaim.org']
		});
		expect(await placesOf(acf!.id)).toEqual(['ML06']);
		const [dsAfter] = await t.db.select().from(organisation).where(eq(organisation.id, ds!.id));
		expect(dsAfter).toMatchObject({ name: 'Danish Refugee Council', website: 'https://drc.ngo' });
		expect(await placesOf(ds!.id)).toEqual(['ML07']);
		const [update] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'import.update'), eq(auditEvent.entityId, acf!.id)));
		expect(update!.before).toMatchObject({ website: null, places: [] });
		expect(update!.after).toMatchObject({ website: 'https://www.actioncontrelafaim.org', places: ['ML06'] });
	});

	it('reads back its own exports (CSV, XLSX, HXL): every row is found in the directory and updates it', async () => {
		const coordinator = await world.as('coordinator');
		const { exportOrganisations } = await import('../export');
		for (const format of ['csv', 'xlsx', 'hxl'] as const) {
			const file = await exportOrganisations(coordinator, { format });
			const preview = await previewImport(
				coordinator,
				'organisations',
				upload(file.filename, file.body as Uint8Array)
			);
			expect(preview.missing).toEqual([]);
			expect(preview.errors).toEqual([]);
			expect(preview.fields.every((f) => f.column !== null)).toBe(true);
			expect(preview.counts.matching).toBe(preview.counts.rows);
			expect(preview.duplicates.every((d) => d.decision === `update:${d.matches[0]!.id}`)).toBe(true);
			await discardImport(coordinator, preview.uploadId);
		}
	});

	it('lets the user choose the columns and the sheet, and preview again', async () => {
		const coordinator = await world.as('coordinator');
		const file = csv([
			['Organisation', 'Abrév.', 'Catégorie d’acteur'],
			['Groupe Pivot Santé Population', 'GPSP', 'ONG nationale']
		]);
		const preview = await previewImport(coordinator, 'organisations', upload('partenaires.csv', utf8(file)));
		expect(preview.fields.find((f) => f.key === 'type')!.column).toBeNull();
		expect(preview.missing).toEqual([
			{ field: 'type', message: m.imports_error_missing_column({ field: 'Type' }, { locale: 'fr' }) }
		]);
		expect(preview.counts.valid).toBe(0);
		// Confirming now is refused, and writes nothing.
		const events = await auditCount(t.db);
		const refused = await confirmImport(coordinator, preview.uploadId).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).errors[0]!.path).toBe('mapping.type');
		expect(await auditCount(t.db)).toBe(events);

		const mapping = { type: 'C', acronym: 'B' };
		const again = await getImportPreview(coordinator, preview.uploadId, { mapping });
		expect(again.missing).toEqual([]);
		expect(again.counts).toMatchObject({ valid: 1, invalid: 0 });
		const wrong = await getImportPreview(coordinator, preview.uploadId, { mapping: { type: 'Q' } }).catch(
			(e: unknown) => e
		);
		expect((wrong as ValidationError).errors).toEqual([
			{
				path: 'mapping.type',
				message: m.imports_error_unknown_column({ column: 'Q', last: 'C' }, { locale: 'fr' })
			}
		]);
		await confirmImport(coordinator, preview.uploadId, { mapping });
		expect(await named('Groupe Pivot Santé Population')).toMatchObject({
			acronym: 'GPSP',
			type: 'national-ngo'
		});

		const book = await import('@e965/xlsx');
		const workbook = book.utils.book_new();
		book.utils.book_append_sheet(workbook, book.utils.aoa_to_sheet([['Notes'], ['à lire']]), 'Notes');
		book.utils.book_append_sheet(
			workbook,
			book.utils.aoa_to_sheet([
				['Name', 'Type'],
				['Welthungerhilfe', 'INGO']
			]),
			'Partners'
		);
		const bytes = new Uint8Array(book.write(workbook, { type: 'array', bookType: 'xlsx' }));
		const sheets = await previewImport(coordinator, 'organisations', upload('book.xlsx', bytes));
		expect(sheets.sheets).toEqual([
			{ number: 1, name: 'Notes' },
			{ number: 2, name: 'Partners' }
		]);
		expect(sheets.sheet).toBe(2);
		const notes = await getImportPreview(coordinator, sheets.uploadId, { sheet: 1 }).catch((e: unknown) => e);
		expect((notes as ValidationError).errors[0]!.path).toBe('file');
		await discardImport(coordinator, sheets.uploadId);
		await expect(getImportPreview(coordinator, sheets.uploadId)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('says what was expected of a file that is empty, not a spreadsheet, too large or without a header row', async () => {
		const coordinator = await world.as('coordinator');
		const message = async (bytes: Uint8Array, filename = 'file.csv') => {
			const error = await previewImport(coordinator, 'organisations', upload(filename, bytes)).catch(
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['file']);
			return (error as ValidationError).errors[0]!.message;
		};
		const [before, staged] = [
			await organisationCount(),
			await t.db.select({ n: count() }).from(importUpload)
		];
		expect(await message(utf8('   \n'))).toBe(m.spreadsheets_error_empty({}, { locale: 'fr' }));
		expect(await message(utf8('%PDF-1.7\n1 0 obj\n'), 'liste.pdf')).toContain('PDF');
		const noHeader = await message(utf8('ACF;Action contre la Faim;ONGI\nMDM;Médecins du Monde;ONGI\n'));
		expect(noHeader).toContain('Nom (#org+name)');
		expect(noHeader).toContain('ACF, Action contre la Faim, ONGI');
		expect(await message(utf8('Nom;Type\n'))).toBe(m.imports_error_no_rows({ row: 1 }, { locale: 'fr' }));

		// Over 20 MB: refused from its announced length, before the body is read.
		const { readUpload } = await import('../../uploads/read-upload');
		let pulled = 0;
		const body = new ReadableStream({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(1024 * 1024));
			}
		});
		const request = new Request('http://localhost/api/v1/organisations/import', {
			method: 'POST',
			body,
			headers: { 'content-type': 'text/csv', 'content-length': String(21 * 1024 * 1024) },
			duplex: 'half'
		} as RequestInit);
		const tooLarge = await previewImport(coordinator, 'organisations', () => readUpload(request, 'fr')).catch(
			(e: unknown) => e
		);
		expect((tooLarge as ValidationError).errors[0]!.message).toBe(
			m.spreadsheets_error_too_large({ max: '20' }, { locale: 'fr' })
		);
		expect(pulled).toBeLessThanOrEqual(1);
		expect(await organisationCount()).toBe(before);
		expect(await t.db.select({ n: count() }).from(importUpload)).toEqual(staged);
	});

	it('reads the public HXL test files without failing: they are not directory data, and the message says what is expected', async () => {
		const { readdirSync } = await import('node:fs');
		const { fixture } = await import('../../spreadsheets/test-fixtures');
		const coordinator = await world.as('coordinator');
		const files = [
			'hxl-proxy',
			'libhxl-python/test_io',
			'libhxl-python/test_scripts',
			'libhxl-python/test_converters'
		].flatMap((dir) =>
			readdirSync(new URL(`../../../../../../shared/fixtures/hxl/${dir}`, import.meta.url))
				.filter((name) => name !== 'LICENSE.md')
				.map((name) => `${dir}/${name}`)
		);
		expect(files.length).toBeGreaterThan(30);
		const outcomes = new Map<string, string>();
		for (const path of files) {
			for (const kind of ['organisations', 'people'] as const) {
				const outcome = await previewImport(
					coordinator,
					kind,
					upload(path.split('/').pop()!, fixture(path))
				).then(
					(preview) => (preview.missing.length ? 'missing' : `valid ${preview.counts.valid}`),
					(error: unknown) => {
						if (!(error instanceof ValidationError)) throw new Error(`${path} as ${kind}: ${String(error)}`);
						expect(error.errors.map((e) => e.path)).toEqual(['file']);
						return error.errors[0]!.message.split(':')[0]!;
					}
				);
				outcomes.set(`${path} ${kind}`, outcome);
			}
		}
		const noColumns = m
			.imports_error_no_columns({ expected: '', found: '' }, { locale: 'fr' })
			.split(':')[0]!;
		expect(outcomes.get('hxl-proxy/input-info-nohxl.csv organisations')).toBe(noColumns);
		// `#org` names an organisation, but nothing says its type: the preview says which column is missing.
		expect(outcomes.get('hxl-proxy/basic-dataset.csv organisations')).toBe('missing');
		// None of them is imported as it is.
		expect([...outcomes.values()].filter((o) => o.startsWith('valid') && o !== 'valid 0')).toEqual([]);
		await t.db.delete(importUpload);
	});

	it('refuses visitors, observers and focal points, without reading the file; uploads are private to their sender', async () => {
		const file = utf8('Nom;Type\nAMSS;ONG\n');
		for (const [who, error] of [
			['visitor', UnauthenticatedError],
			['observer', ForbiddenError],
			['focalPointA', ForbiddenError]
		] as const) {
			const read = upload('a.csv', file);
			await expect(previewImport(await world.as(who), 'organisations', read)).rejects.toBeInstanceOf(error);
			expect(read.calls).toBe(0);
		}
		const preview = await previewImport(
			await world.as('coordinator'),
			'organisations',
			upload('a.csv', file)
		);
		const admin = await world.as('admin');
		await expect(getImportPreview(admin, preview.uploadId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(confirmImport(admin, preview.uploadId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(confirmImport(await world.as('observer'), preview.uploadId)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(confirmImport(await world.as('visitor'), preview.uploadId)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(
			getImportPreview(await world.as('coordinator'), preview.uploadId, {}, 'people')
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await named('AMSS')).toBeUndefined();
	});

	it('drops files left unconfirmed for more than a day when another is sent', async () => {
		const coordinator = await world.as('coordinator');
		const old = await previewImport(
			coordinator,
			'organisations',
			upload('a.csv', utf8('Nom;Type\nAMSS;ONG\n'))
		);
		await t.db
			.update(importUpload)
			.set({ createdAt: sql`now() - interval '25 hours'` })
			.where(eq(importUpload.id, old.uploadId));
		await previewImport(coordinator, 'organisations', upload('b.csv', utf8('Nom;Type\nAMSS;ONG\n')));
		await expect(getImportPreview(coordinator, old.uploadId)).rejects.toBeInstanceOf(NotFoundError);
	});
});
