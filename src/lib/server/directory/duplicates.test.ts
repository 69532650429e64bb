import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { organisation, person } from '../db/schema';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../errors';
import {
	findSimilar,
	listDuplicates,
	similarTo,
	type DuplicatePair,
	type DuplicateReason
} from './duplicates';
import { erasePerson } from './erase-person';

describe(`possible duplicates [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	const ids: Record<string, string> = {};

	async function addOrg(key: string, values: Partial<typeof organisation.$inferInsert> & { name: string }) {
		const [row] = await t.db
			.insert(organisation)
			.values({ type: 'international-ngo', ...values })
			.returning({ id: organisation.id });
		ids[key] = row!.id;
	}

	async function addPerson(key: string, values: Partial<typeof person.$inferInsert> & { name: string }) {
		const [row] = await t.db.insert(person).values(values).returning({ id: person.id });
		ids[key] = row!.id;
	}

	beforeAll(async () => {
		world = await seedWorld(t.db);
		// As an import or an old record would hold them: not trimmed, not lower-cased.
		await addOrg('mercy', { name: 'Mercy Corps', emailDomains: ['mercycorps.org'] });
		await addOrg('mercyGao', {
			name: 'Bureau de Gao du partenaire américain',
			emailDomains: ['mercicorps.org']
		});
		await addOrg('acf', {
			name: 'Action contre la Faim',
			acronym: 'ACF',
			emailDomains: ['acf-international.org']
		});
		await addOrg('acfAgain', { name: 'Action Contre la faim ' });
		await addOrg('nrc', { name: 'Norwegian Refugee Council', acronym: 'NRC', emailDomains: ['nrc.no'] });
		await addOrg('drc', { name: 'Danish Refugee Council', acronym: 'DRC', emailDomains: ['drc.ngo'] });
		await addOrg('webmailA', { name: 'Association Lumière du Sahel', emailDomains: ['gmail.com'] });
		await addOrg('webmailB', { name: 'Groupe Espoir de Mopti', emailDomains: ['gmail.com'] });
		await addPerson('aminata', { name: 'Aminata Traoré', email: 'aminata@acf-international.org' });
		await addPerson('aminataUpper', { name: 'A. Traoré (ACF Gao)', email: 'Aminata@ACF-International.org' });
		await addPerson('boubacar', {
			name: 'Boubacar Cissé',
			email: 'b.cisse@example.org',
			organisationId: ids.acf
		});
		await addPerson('boubakar', { name: 'Boubakar Cisse', organisationId: ids.acf });
		await addPerson('moussa', { name: 'Moussa Keïta', email: 'moussa@example.org' });
	});

	const reasonsOf = (pairs: DuplicatePair[], a: string, b: string): DuplicateReason[] | undefined =>
		pairs.find((p) => (p.a.id === a && p.b.id === b) || (p.a.id === b && p.b.id === a))?.reasons;

	describe('the review list', () => {
		it("flags the report's mercicorps.org beside Mercy Corps' mercycorps.org", async () => {
			const list = await listDuplicates(await world.as('coordinator'), { kind: 'organisations', limit: 200 });
			expect(reasonsOf(list.items, ids.mercy!, ids.mercyGao!)).toEqual([
				expect.objectContaining({ kind: 'near-domain', edits: 1 })
			]);
			const reason = reasonsOf(list.items, ids.mercy!, ids.mercyGao!)![0] as Extract<
				DuplicateReason,
				{ kind: 'near-domain' }
			>;
			expect([reason.domain, reason.otherDomain].sort()).toEqual(['mercicorps.org', 'mercycorps.org']);
		});

		it('flags "Action contre la Faim" and "Action Contre la faim " as the same name', async () => {
			const list = await listDuplicates(await world.as('admin'), { kind: 'organisations', limit: 200 });
			expect(reasonsOf(list.items, ids.acf!, ids.acfAgain!)).toContainEqual({
				kind: 'similar-name',
				score: 1
			});
			const pair = list.items.find((p) => reasonsOf([p], ids.acf!, ids.acfAgain!))!;
			// Both sides come with what a reviewer needs to decide.
			expect([pair.a.name, pair.b.name].sort()).toEqual(['Action Contre la faim ', 'Action contre la Faim']);
		});

		it('does not take two refugee councils, or two users of gmail.com, for one organisation', async () => {
			const list = await listDuplicates(await world.as('admin'), { kind: 'organisations', limit: 200 });
			expect(reasonsOf(list.items, ids.nrc!, ids.drc!)).toBeUndefined();
			expect(reasonsOf(list.items, ids.webmailA!, ids.webmailB!)).toBeUndefined();
		});

		it('flags the same e-mail written in another case, and near-identical names with their score', async () => {
			const list = await listDuplicates(await world.as('coordinator'), { kind: 'people', limit: 200 });
			expect(reasonsOf(list.items, ids.aminata!, ids.aminataUpper!)).toEqual([
				{ kind: 'same-email', email: 'aminata@acf-international.org' }
			]);
			const names = reasonsOf(list.items, ids.boubacar!, ids.boubakar!);
			expect(names).toEqual([{ kind: 'similar-name', score: expect.any(Number) }]);
			const score = (names![0] as { score: number }).score;
			expect(score).toBeGreaterThanOrEqual(0.6);
			expect(score).toBeLessThan(1);
			// The same e-mail is the strongest evidence: listed first.
			expect(list.items[0]!.reasons[0]!.kind).toBe('same-email');
			expect(reasonsOf(list.items, ids.moussa!, ids.aminata!)).toBeUndefined();
		});

		it('pages through the pairs and counts them all', async () => {
			const coordinator = await world.as('coordinator');
			const all = await listDuplicates(coordinator, { kind: 'organisations', limit: 200 });
			const first = await listDuplicates(coordinator, { kind: 'organisations', limit: 1 });
			const second = await listDuplicates(coordinator, { kind: 'organisations', limit: 1, offset: 1 });
			expect(first.total).toBe(all.total);
			expect(first.items).toEqual(all.items.slice(0, 1));
			expect(second.items).toEqual(all.items.slice(1, 2));
		});

		it('is refused to focal points, observers and visitors, and explains a bad kind', async () => {
			for (const who of ['focalPointA', 'observer'] as const)
				await expect(listDuplicates(await world.as(who), {})).rejects.toBeInstanceOf(ForbiddenError);
			await expect(listDuplicates(await world.as('visitor'), {})).rejects.toBeInstanceOf(
				UnauthenticatedError
			);
			await expect(listDuplicates(await world.as('admin'), { kind: 'places' })).rejects.toBeInstanceOf(
				ValidationError
			);
		});
	});

	describe('on entry', () => {
		it('warns of an organisation by its name, acronym or a near e-mail domain', async () => {
			const focal = await world.as('focalPointA');
			const matches = await findSimilar(focal, {
				kind: 'organisation',
				name: 'action contre la faim',
				acronym: null,
				emailDomains: ['mercicorps.org']
			});
			expect(matches.find((x) => x.id === ids.acf)?.reasons).toContainEqual({
				kind: 'similar-name',
				score: 1
			});
			expect(matches.find((x) => x.id === ids.acfAgain)).toBeDefined();
			expect(matches.find((x) => x.id === ids.mercy)?.reasons).toEqual([
				{ kind: 'near-domain', domain: 'mercicorps.org', otherDomain: 'mercycorps.org', edits: 1 }
			]);
			expect(matches.find((x) => x.id === ids.mercyGao)?.reasons).toEqual([
				{ kind: 'same-domain', domain: 'mercicorps.org' }
			]);

			const byAcronym = await findSimilar(focal, { kind: 'organisation', name: 'ACF' });
			expect(byAcronym.find((x) => x.id === ids.acf)?.reasons).toEqual([
				{ kind: 'same-acronym', acronym: 'ACF' }
			]);
		});

		it('leaves out the record being edited', async () => {
			const admin = await world.as('admin');
			const matches = await findSimilar(
				admin,
				{ kind: 'organisation', name: 'Action contre la Faim' },
				ids.acf
			);
			expect(matches.map((x) => x.id)).toEqual([ids.acfAgain]);
		});

		it('warns of a person by the same e-mail in another case, or a near name', async () => {
			const focal = await world.as('focalPointB');
			const byEmail = await findSimilar(focal, {
				kind: 'person',
				name: 'Someone Else',
				email: ' AMINATA@acf-international.ORG'
			});
			expect(byEmail.map((x) => x.id).sort()).toEqual([ids.aminata, ids.aminataUpper].sort());
			expect(byEmail[0]!.reasons).toEqual([{ kind: 'same-email', email: expect.any(String) }]);
			const byName = await findSimilar(focal, { kind: 'person', name: 'boubacar cisse' });
			expect(byName.map((x) => x.id)).toEqual([ids.boubacar, ids.boubakar]);
			expect(byName[0]).toMatchObject({ organisationId: ids.acf, organisationName: 'Action contre la Faim' });
		});

		it('gives the possible duplicates of a record, for its page', async () => {
			const { record, matches } = await similarTo(await world.as('observer'), 'person', ids.boubakar!);
			expect(record.id).toBe(ids.boubakar);
			expect(matches.map((x) => x.id)).toEqual([ids.boubacar]);
		});

		it('is refused to visitors', async () => {
			await expect(
				findSimilar(await world.as('visitor'), { kind: 'person', name: 'Aminata Traoré' })
			).rejects.toBeInstanceOf(UnauthenticatedError);
		});
	});

	it('leaves erased people out: they all carry the same placeholder name', async () => {
		const admin = await world.as('admin');
		const before = await auditCount(t.db);
		await addPerson('gone1', { name: 'Fatoumata Diarra' });
		await addPerson('gone2', { name: 'Fatoumata Diarra' });
		await erasePerson(admin, ids.gone1!);
		await erasePerson(admin, ids.gone2!);
		expect(await auditCount(t.db)).toBe(before + 2);
		const list = await listDuplicates(admin, { kind: 'people', limit: 200 });
		expect(list.items.some((p) => [p.a.id, p.b.id].includes(ids.gone1!))).toBe(false);
		expect(await findSimilar(admin, { kind: 'person', name: 'Personne effacée / Erased person' })).toEqual(
			[]
		);
	});

	describe('with 5,000 organisations and 50,000 people', () => {
		beforeAll(async () => {
			// Names built from a few hundred Malian first and last names: many namesakes, as in life.
			await t.db.execute(sql`
				insert into organisation (name, type, email_domains)
				select 'Association ' || w1 || ' ' || initcap(substr(md5(i::text), 1, 7)) || ' de ' || w2, 'national-ngo',
					array[substr(md5(i::text), 8, 6) || '.ml']
				from generate_series(1, 5000) i,
				lateral (select (array['Lumière','Espoir','Avenir','Entraide','Solidarité','Paix','Union'])[1 + i % 7] w1,
					(array['Gao','Mopti','Kidal','Tombouctou','Ségou','Kayes','Sikasso','Ménaka','Taoudéni'])[1 + (i / 7) % 9] w2) x`);
			await t.db.execute(sql`
				insert into person (name, email)
				select f || ' ' || l, 'p' || i || '@example.org'
				from generate_series(1, 50000) i,
				lateral (select (array['Mamadou','Aminata','Moussa','Fatoumata','Oumar','Awa','Ibrahim','Mariam',
					'Boubacar','Kadiatou','Seydou','Aïssata','Souleymane','Hawa','Abdoulaye','Rokia','Modibo','Salif',
					'Adama','Bintou','Issa','Oumou','Bakary','Djénéba','Sékou','Assétou','Drissa','Fanta','Lassana',
					'Ramata'])[1 + i % 30] || ' ' || (array['', 'Ba ', 'Sy ', 'Bah '])[1 + (i / 30) % 4] f,
					(array['Traoré','Diarra','Keïta','Coulibaly','Sissoko','Touré','Cissé','Maïga','Konaté','Dembélé',
					'Sidibé','Diallo','Koné','Sangaré','Doumbia','Camara','Kanté','Fofana','Sacko','Samaké','Bagayoko',
					'Kouyaté','Dicko','Guindo','Togo','Dolo','Sanogo','Ballo','Berthé','Bamba','Mariko','Tangara','Dao',
					'Haïdara','Sylla','Diakité','Diabaté','Koïta','Djiré','Thiam'])[1 + (i / 120) % 40] l) x`);
			// Rows inserted in bulk wait in the trigram indexes' pending lists until a vacuum (autovacuum on
			// a PostgreSQL server; PGlite has none) folds them in: until then the planner rightly avoids them.
			await t.db.execute(sql`vacuum analyze organisation`);
			await t.db.execute(sql`vacuum analyze person`);
		}, 120_000);

		it('answers on entry through the trigram index, not by reading every row', async () => {
			await t.db.transaction(async (tx) => {
				await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', '0.6', true)`);
				const result = await tx.execute(
					sql`explain select id from organisation where concerto_fold(name) % concerto_fold('Mercy Corps International')`
				);
				const plan = (result as { rows: Record<string, string>[] }).rows
					.map((r) => Object.values(r)[0])
					.join('\n');
				expect(plan).toContain('organisation_name_trgm_idx');
				expect(plan).not.toMatch(/Seq Scan on organisation/);
			});
			const started = performance.now();
			const matches = await findSimilar(await world.as('focalPointA'), {
				kind: 'person',
				name: 'Mamadou Traore',
				email: 'p12@example.org'
			});
			expect(matches[0]!.reasons[0]!.kind).toBe('same-email');
			expect(performance.now() - started).toBeLessThan(5_000);
		});

		it('lists the pairs of each kind within seconds, strongest first', async () => {
			const coordinator = await world.as('coordinator');
			for (const kind of ['organisations', 'people'] as const) {
				const started = performance.now();
				const list = await listDuplicates(coordinator, { kind, limit: 50 });
				const took = performance.now() - started;
				expect(list.items).toHaveLength(50);
				expect(list.total).toBeGreaterThan(1000);
				// Generous for a shared two-core machine; about a second on its own.
				expect(took).toBeLessThan(15_000);
			}
		}, 60_000);
	});
});
