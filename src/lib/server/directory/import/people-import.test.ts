import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addOrganisation, auditCount, seedWorld, type World } from '../../../../../tests/actors';
import { auditEvent, organisation, person } from '../../db/schema';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../errors';
import { confirmImport, discardImport, previewImport } from './imports';
import { csv, upload, utf8, windows1252, xlsx } from './test-files';
import { m } from '$lib/paraglide/messages';

describe(`people import [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let nameA: string;
	let nameB: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const rows = await t.db
			.select({ id: organisation.id, name: organisation.name })
			.from(organisation)
			.where(inArray(organisation.id, [world.orgA, world.orgB]));
		nameA = rows.find((r) => r.id === world.orgA)!.name;
		nameB = rows.find((r) => r.id === world.orgB)!.name;
	});

	const peopleCount = async () => (await t.db.select({ n: count() }).from(person))[0]!.n;
	const byEmail = async (email: string) =>
		(await t.db.select().from(person).where(eq(person.email, email)))[0];
	const located = (errors: { row: number; column: string | null; message: string }[]) =>
		errors.map((e) => `${e.row} ${e.column}: ${e.message}`);

	it('finds each person’s organisation by name or acronym, and names malformed e-mails and unknown organisations by row and column', async () => {
		const coordinator = await world.as('coordinator');
		const nrc = await addOrganisation(t.db, { name: 'Conseil Norvégien pour les Réfugiés', acronym: 'NRC' });
		const file = xlsx([
			['Prénom', 'Nom', 'Fonction', 'Organisation', 'Courriel', 'Téléphone', 'Langues'],
			[
				'Aminata',
				'Traoré',
				'Coordinatrice',
				'conseil norvegien pour les refugies',
				'Aminata.Traore@NRC.no',
				'+223 76 00 00 01',
				'français, bambara'
			],
			['Ibrahim', 'Maïga', 'Chargé de suivi', 'NRC', 'ibrahim.maiga@nrc', '', 'fr'],
			['Fatoumata', 'Cissé', '', 'Organisation Inconnue', 'fatoumata@example.org', '', ''],
			['Oumar', 'Diallo', 'Logisticien', '', 'oumar.diallo@example.org', 'téléphone', 'tamasheq'],
			['Aminata', 'Traoré', '', 'NRC', 'aminata.traore@nrc.no', '', '']
		]);
		const [people, events] = [await peopleCount(), await auditCount(t.db)];
		const preview = await previewImport(coordinator, 'people', upload('contacts.xlsx', file));
		expect(preview.fields.map((f) => [f.key, f.column])).toEqual([
			['name', 'B'],
			['firstName', 'A'],
			['jobTitle', 'C'],
			['email', 'E'],
			['phone', 'F'],
			['organisation', 'D'],
			['organisationAcronym', null],
			['languages', 'G']
		]);
		expect(preview.counts).toEqual({ rows: 5, valid: 1, invalid: 4, matching: 0 });
		expect(located(preview.errors)).toEqual([
			`3 E: ${m.directory_error_email({}, { locale: 'fr' })}`,
			`4 D: ${m.imports_error_unknown_organisation({ value: 'Organisation Inconnue' }, { locale: 'fr' })}`,
			`5 F: ${m.directory_error_phone({}, { locale: 'fr' })}`,
			`6 E: ${m.imports_error_duplicate_email({ row: 2 }, { locale: 'fr' })}`
		]);
		expect(preview.errors[0]).toMatchObject({ header: 'Courriel', field: 'email' });
		expect(await peopleCount()).toBe(people);
		expect(await auditCount(t.db)).toBe(events);

		const result = await confirmImport(coordinator, preview.uploadId);
		expect(result).toMatchObject({ created: 1, updated: 0, skipped: 4, invalid: 4 });
		expect(await byEmail('aminata.traore@nrc.no')).toMatchObject({
			name: 'Aminata Traoré',
			jobTitle: 'Coordinatrice',
			organisationId: nrc,
			phone: '+223 76 00 00 01',
			languages: ['fr', 'bm']
		});
		expect(await peopleCount()).toBe(people + 1);
		expect(await auditCount(t.db)).toBe(events + 2);
	});

	it('proposes to update a stored person with the same e-mail, and fills only what is empty', async () => {
		const coordinator = await world.as('coordinator');
		const [stored] = await t.db
			.insert(person)
			.values({
				name: 'Moussa Coulibaly',
				email: 'moussa@oa.example',
				organisationId: world.orgA,
				languages: ['fr']
			})
			.returning();
		const [namesake] = await t.db
			.insert(person)
			.values({ name: 'Awa Keita', organisationId: world.orgB })
			.returning();
		const file = csv([
			['#contact+name', '#contact+title', '#org+acronym', '#contact+email', '#contact+lang'],
			['M. Coulibaly', 'Chef de projet', 'OA', 'MOUSSA@oa.example', 'en, fr'],
			['Awa Keïta', 'Assistante', 'OA', '', '']
		]);
		const preview = await previewImport(coordinator, 'people', upload('contacts.hxl.csv', utf8(file)));
		expect(preview.duplicates).toMatchObject([
			{
				row: 2,
				decision: `update:${stored!.id}`,
				matches: [{ id: stored!.id, reason: 'email', exact: true, editable: true }]
			},
			// The same name in another organisation may be another person: "create" is proposed.
			{ row: 3, decision: 'create', matches: [{ id: namesake!.id, reason: 'name-elsewhere', exact: false }] }
		]);
		const result = await confirmImport(coordinator, preview.uploadId);
		expect(result).toMatchObject({ created: 1, updated: 1 });
		const [after] = await t.db.select().from(person).where(eq(person.id, stored!.id));
		expect(after).toMatchObject({
			name: 'Moussa Coulibaly',
			jobTitle: 'Chef de projet',
			languages: ['fr', 'en']
		});
		const [event] = await t.db.select().from(auditEvent).where(eq(auditEvent.entityId, stored!.id));
		expect(event).toMatchObject({ action: 'import.update', entityType: 'person' });
		expect(event!.before).toMatchObject({ jobTitle: null });
	});

	it('lets a focal point import the people of their own organisation only: rows for another are row errors, and not written', async () => {
		const focal = await world.as('focalPointB');
		const file = windows1252(
			[
				'Nom;Fonction;Organisation;E-mail',
				`Mariam Sidibé;Chargée de programme;${nameB};mariam@ob.example`,
				`Boubacar Touré;Comptable;${nameA};boubacar@oa.example`,
				'Hawa Dembélé;Stagiaire;;hawa@ob.example'
			].join('\n')
		);
		const people = await peopleCount();
		const preview = await previewImport(focal, 'people', upload('equipe.csv', file));
		expect(preview.counts).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
		expect(located(preview.errors)).toEqual([
			`3 C: ${m.imports_error_other_organisation({ organisation: `${nameA} (OA)` }, { locale: 'fr' })}`
		]);
		const result = await confirmImport(focal, preview.uploadId);
		expect(result).toMatchObject({ created: 2, invalid: 1 });
		expect(await byEmail('mariam@ob.example')).toMatchObject({
			name: 'Mariam Sidibé',
			organisationId: world.orgB
		});
		// A focal point's list without an organisation is a list of their own organisation's people.
		expect(await byEmail('hawa@ob.example')).toMatchObject({ organisationId: world.orgB });
		expect(await byEmail('boubacar@oa.example')).toBeUndefined();
		expect(await peopleCount()).toBe(people + 2);
	});

	it('does not let a focal point update a person of another organisation', async () => {
		const [stored] = await t.db
			.insert(person)
			.values({ name: 'Seydou Konaté', email: 'seydou@oa.example', organisationId: world.orgA })
			.returning();
		const focal = await world.as('focalPointB');
		const file = utf8(`Nom;E-mail;Fonction\nSeydou Konaté;seydou@oa.example;Directeur\n`);
		const preview = await previewImport(focal, 'people', upload('a.csv', file));
		expect(preview.duplicates).toMatchObject([
			{ row: 2, decision: 'create', matches: [{ id: stored!.id, editable: false }] }
		]);
		const events = await auditCount(t.db);
		const refused = await confirmImport(focal, preview.uploadId, {
			decisions: { '2': `update:${stored!.id}` }
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).errors).toEqual([
			{
				path: 'decisions.2',
				message: m.imports_error_not_editable({ row: 2, name: 'Seydou Konaté' }, { locale: 'fr' })
			}
		]);
		expect(await auditCount(t.db)).toBe(events);
		const [after] = await t.db.select().from(person).where(eq(person.id, stored!.id));
		expect(after!.jobTitle).toBeNull();
	});

	it('reads back its own exports (CSV, XLSX, HXL): people with an e-mail are found and updated', async () => {
		const coordinator = await world.as('coordinator');
		await t.db
			.insert(person)
			.values({ name: 'Kadiatou Sow', email: 'kadiatou@ob.example', organisationId: world.orgB });
		const { exportPeople } = await import('../export');
		for (const format of ['csv', 'xlsx', 'hxl'] as const) {
			const file = await exportPeople(coordinator, { format });
			const preview = await previewImport(
				coordinator,
				'people',
				upload(file.filename, file.body as Uint8Array)
			);
			expect(preview.errors).toEqual([]);
			expect(preview.fields.filter((f) => f.column === null).map((f) => f.key)).toEqual(['firstName']);
			const kadiatou = preview.duplicates.find((d) => d.name === 'Kadiatou Sow');
			expect(kadiatou).toMatchObject({ matches: [{ reason: 'email', exact: true }] });
			expect(kadiatou!.decision).toBe(`update:${kadiatou!.matches[0]!.id}`);
			await discardImport(coordinator, preview.uploadId);
		}
	});

	it('refuses visitors and observers, who add no people', async () => {
		for (const [who, error] of [
			['visitor', UnauthenticatedError],
			['observer', ForbiddenError]
		] as const) {
			const read = upload('a.csv', utf8('Nom\nX\n'));
			await expect(previewImport(await world.as(who), 'people', read)).rejects.toBeInstanceOf(error);
			expect(read.calls).toBe(0);
		}
	});

	it('imports thousands of people in a few bulk statements', async () => {
		const coordinator = await world.as('coordinator');
		const rows = Array.from({ length: 3000 }, (_, i) => [
			`Personne ${i}`,
			'OA',
			`personne.${i}@oa.example`,
			i % 2 ? 'fr' : 'fr, en'
		]);
		const file = utf8(csv([['Nom', 'Sigle', 'E-mail', 'Langues'], ...rows]));
		const preview = await previewImport(coordinator, 'people', upload('many.csv', file));
		expect(preview.counts).toMatchObject({ rows: 3000, valid: 3000, invalid: 0 });
		const result = await confirmImport(coordinator, preview.uploadId);
		expect(result.created).toBe(3000);
		const [imported] = await t.db
			.select({ n: count() })
			.from(person)
			.where(eq(person.organisationId, world.orgA));
		expect(imported!.n).toBeGreaterThanOrEqual(3000);
		const [creates] = await t.db
			.select({ n: count() })
			.from(auditEvent)
			.where(eq(auditEvent.action, 'import.create'));
		expect(creates!.n).toBeGreaterThanOrEqual(3000);
	});
});
