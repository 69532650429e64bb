import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, person } from '../db/schema';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson, type Person } from './people';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

describe(`people [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let inA: Person;
	let inB: Person;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const admin = await world.as('admin');
		inA = await createPerson(admin, {
			name: 'Aminata Traoré',
			jobTitle: 'Chargée de programme',
			email: 'aminata@a.example.org',
			organisationId: world.orgA
		});
		inB = await createPerson(admin, {
			name: 'Boubacar Cissé',
			email: 'boubacar@b.example.org',
			phone: '+223 76 00 00 00',
			organisationId: world.orgB
		});
	});

	async function personCount() {
		const [row] = await t.db.select({ n: count() }).from(person);
		return row!.n;
	}

	async function refusedWithoutTrace<E extends Error>(
		write: () => Promise<unknown>,
		error: new (...args: never[]) => E
	): Promise<E> {
		const [people, events] = [await personCount(), await auditCount(t.db)];
		const thrown = await write().then(
			() => null,
			(e: unknown) => e
		);
		expect(thrown).toBeInstanceOf(error);
		expect(await personCount()).toBe(people);
		expect(await auditCount(t.db)).toBe(events);
		return thrown as E;
	}

	it('an administrator creates, reads, updates and deletes a person, each write audited', async () => {
		const admin = await world.as('admin');
		const created = await createPerson(admin, {
			name: 'Moussa Keïta',
			jobTitle: 'Coordinateur',
			email: ' Moussa.Keita@Example.ORG ',
			phone: '',
			organisationId: world.orgA
		});
		expect(created).toMatchObject({
			name: 'Moussa Keïta',
			email: 'moussa.keita@example.org',
			phone: null,
			organisationId: world.orgA,
			userId: null
		});
		const read = await getPerson(admin, created.id);
		expect(read.organisationName).toMatch(/^Organisation A/);

		const updated = await updatePerson(admin, created.id, { jobTitle: 'Chef de projet' });
		expect(updated).toMatchObject({ jobTitle: 'Chef de projet', email: 'moussa.keita@example.org' });
		await deletePerson(admin, created.id);
		await expect(getPerson(admin, created.id)).rejects.toBeInstanceOf(NotFoundError);

		const events = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'person'), eq(auditEvent.entityId, created.id)))
			.orderBy(auditEvent.id);
		expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
			['create', world.users.admin],
			['update', world.users.admin],
			['delete', world.users.admin]
		]);
		expect(events[1]!.before).toMatchObject({ jobTitle: 'Coordinateur' });
		expect(events[1]!.after).toMatchObject({ jobTitle: 'Chef de projet' });
		expect(events[2]!.before).toMatchObject({ name: 'Moussa Keïta' });
	});

	describe('a focal point of organisation A', () => {
		it("adds, edits and removes A's people", async () => {
			const focal = await world.as('focalPointA');
			const created = await createPerson(focal, { name: 'Fatoumata Diarra', organisationId: world.orgA });
			const updated = await updatePerson(focal, created.id, { phone: '+223 20 22 00 00' });
			expect(updated.phone).toBe('+223 20 22 00 00');
			await deletePerson(focal, created.id);
		});

		it("is refused on B's people, who stay unchanged", async () => {
			const focal = await world.as('focalPointA');
			await refusedWithoutTrace(() => updatePerson(focal, inB.id, { name: 'Renommé par A' }), ForbiddenError);
			await refusedWithoutTrace(() => deletePerson(focal, inB.id), ForbiddenError);
			await refusedWithoutTrace(
				() => createPerson(focal, { name: 'Intrus', organisationId: world.orgB }),
				ForbiddenError
			);
			expect(await getPerson(await world.as('admin'), inB.id)).toMatchObject({
				name: 'Boubacar Cissé',
				organisationId: world.orgB
			});
		});

		it('cannot add a person outside any organisation', async () => {
			const focal = await world.as('focalPointA');
			await refusedWithoutTrace(() => createPerson(focal, { name: 'Sans attache' }), ForbiddenError);
		});

		it('cannot move a person of A to B, nor take a person of B into A', async () => {
			const focal = await world.as('focalPointA');
			await refusedWithoutTrace(
				() => updatePerson(focal, inA.id, { organisationId: world.orgB }),
				ForbiddenError
			);
			await refusedWithoutTrace(
				() => updatePerson(focal, inB.id, { organisationId: world.orgA }),
				ForbiddenError
			);
			await refusedWithoutTrace(() => updatePerson(focal, inA.id, { organisationId: '' }), ForbiddenError);
			const admin = await world.as('admin');
			expect((await getPerson(admin, inA.id)).organisationId).toBe(world.orgA);
			expect((await getPerson(admin, inB.id)).organisationId).toBe(world.orgB);
		});
	});

	it('a coordinator moves a person from one organisation to another', async () => {
		const coordinator = await world.as('coordinator');
		const created = await createPerson(coordinator, { name: 'Mobile', organisationId: world.orgA });
		const moved = await updatePerson(coordinator, created.id, { organisationId: world.orgB });
		expect(moved.organisationId).toBe(world.orgB);
		await deletePerson(coordinator, created.id);
	});

	it('a visitor must sign in', async () => {
		const visitor = await world.as('visitor');
		await expect(listPeople(visitor, {})).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(getPerson(visitor, inA.id)).rejects.toBeInstanceOf(UnauthenticatedError);
		await refusedWithoutTrace(
			() => createPerson(visitor, { name: 'X', organisationId: world.orgA }),
			UnauthenticatedError
		);
		await refusedWithoutTrace(() => updatePerson(visitor, inA.id, { name: 'X' }), UnauthenticatedError);
		await refusedWithoutTrace(() => deletePerson(visitor, inA.id), UnauthenticatedError);
	});

	describe('bad input is refused with the field named, in the user language, and nothing saved', () => {
		const cases = [
			{
				what: 'a malformed e-mail',
				input: { name: 'Awa', email: 'awa@' },
				path: 'email',
				key: 'directory_error_email'
			},
			{
				what: 'an e-mail with spaces',
				input: { name: 'Awa', email: 'awa at acf.org' },
				path: 'email',
				key: 'directory_error_email'
			},
			{ what: 'an empty name', input: { name: '' }, path: 'name', key: 'error_required' },
			{
				what: 'letters in a phone number',
				input: { name: 'Awa', phone: 'call me' },
				path: 'phone',
				key: 'directory_error_phone'
			},
			{
				what: 'a 500-character name',
				input: { name: 'é'.repeat(500) },
				path: 'name',
				key: 'error_too_long'
			}
		] as const;

		for (const c of cases) {
			it(c.what, async () => {
				const seen: string[] = [];
				for (const locale of ['fr', 'en'] as const) {
					const ctx = await world.as('admin', locale);
					const error = await refusedWithoutTrace(
						() => createPerson(ctx, { ...c.input, organisationId: world.orgA }),
						ValidationError
					);
					const field = error.errors.find((e) => e.path === c.path);
					expect(field, JSON.stringify(error.errors)).toBeDefined();
					const expected =
						c.key === 'error_too_long'
							? m.error_too_long({ max: 200 }, { locale })
							: m[c.key]({}, { locale });
					expect(field!.message).toBe(expected);
					seen.push(field!.message);
				}
				expect(seen[0]).not.toBe(seen[1]);
			});
		}

		it('an organisation that does not exist', async () => {
			const admin = await world.as('admin', 'en');
			const error = await refusedWithoutTrace(
				() => createPerson(admin, { name: 'Awa', organisationId: '00000000-0000-4000-8000-000000000000' }),
				ValidationError
			);
			expect(error.errors).toEqual([
				{ path: 'organisationId', message: m.error_unknown_organisation({}, { locale: 'en' }) }
			]);
		});

		it('a malformed e-mail in an update leaves the person as they were', async () => {
			const admin = await world.as('admin');
			const before = await getPerson(admin, inA.id);
			await refusedWithoutTrace(
				() => updatePerson(admin, inA.id, { email: 'pas-une-adresse' }),
				ValidationError
			);
			expect(await getPerson(admin, inA.id)).toEqual(before);
		});

		it('HTML typed into a name is stored verbatim, as text', async () => {
			const admin = await world.as('admin');
			const name = '<img src=x onerror="alert(1)">Awa';
			const created = await createPerson(admin, { name, organisationId: world.orgA });
			expect((await getPerson(admin, created.id)).name).toBe(name);
			await deletePerson(admin, created.id);
		});
	});

	describe('search and paging', () => {
		const names = async (query: Record<string, unknown>) =>
			(await listPeople(await world.as('observer'), query)).items.map((p) => p.name);

		it('ignores case and accents', async () => {
			expect(await names({ q: 'traore' })).toEqual(['Aminata Traoré']);
			expect(await names({ q: 'CISSE' })).toEqual(['Boubacar Cissé']);
			expect(await names({ q: 'chargee de PROGRAMME' })).toEqual(['Aminata Traoré']);
		});

		it('filters by organisation', async () => {
			expect(await names({ organisation: world.orgB })).toContain('Boubacar Cissé');
			expect(await names({ organisation: world.orgB })).not.toContain('Aminata Traoré');
		});

		it('pages with the total of all matches', async () => {
			const observer = await world.as('observer');
			const all = await listPeople(observer, { limit: 500 });
			expect(all.total).toBe(all.items.length);
			expect(all.total).toBeGreaterThanOrEqual(7); // five users' people and two directory entries
			const page = await listPeople(observer, { limit: 2, offset: 2 });
			expect(page.total).toBe(all.total);
			expect(page.items.map((p) => p.id)).toEqual(all.items.slice(2, 4).map((p) => p.id));
		});
	});
});
