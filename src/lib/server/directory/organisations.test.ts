import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, organisation } from '../db/schema';
import {
	createOrganisation,
	deleteOrganisation,
	getOrganisation,
	listOrganisations,
	updateOrganisation
} from './organisations';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

describe(`organisations [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	async function organisationCount() {
		const [row] = await t.db.select({ n: count() }).from(organisation);
		return row!.n;
	}

	async function auditOf(entityId: string) {
		return t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'organisation'), eq(auditEvent.entityId, entityId)))
			.orderBy(auditEvent.id);
	}

	/** Runs `write`, expects it to throw `error`, and checks that neither a row nor an audit event was added. */
	async function refusedWithoutTrace<E extends Error>(
		write: () => Promise<unknown>,
		error: new (...args: never[]) => E
	): Promise<E> {
		const [organisations, events] = [await organisationCount(), await auditCount(t.db)];
		const thrown = await write().then(
			() => null,
			(e: unknown) => e
		);
		expect(thrown).toBeInstanceOf(error);
		expect(await organisationCount()).toBe(organisations);
		expect(await auditCount(t.db)).toBe(events);
		return thrown as E;
	}

	describe('an administrator', () => {
		it('creates, reads, updates and deletes an organisation, each write audited with before and after', async () => {
			const admin = await world.as('admin');
			const created = await createOrganisation(admin, {
				name: '  Action contre la Faim  ',
				acronym: 'ACF',
				type: 'international-ngo',
				website: 'https://www.actioncontrelafaim.org',
				country: 'fra',
				emailDomains: 'acf-international.org, actioncontrelafaim.org'
			});
			expect(created).toMatchObject({
				name: 'Action contre la Faim',
				acronym: 'ACF',
				type: 'international-ngo',
				country: 'FRA',
				emailDomains: ['acf-international.org', 'actioncontrelafaim.org']
			});
			expect(await getOrganisation(admin, created.id)).toEqual(created);

			const updated = await updateOrganisation(admin, created.id, { name: 'ACF International', acronym: '' });
			expect(updated).toMatchObject({ name: 'ACF International', acronym: null, type: 'international-ngo' });
			// Fields left out of an update keep their values.
			expect(updated.emailDomains).toEqual(['acf-international.org', 'actioncontrelafaim.org']);

			await deleteOrganisation(admin, created.id);
			await expect(getOrganisation(admin, created.id)).rejects.toBeInstanceOf(NotFoundError);

			const events = await auditOf(created.id);
			expect(events.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
			for (const event of events) {
				expect(event.actorUserId).toBe(world.users.admin);
				expect(event.at).toBeInstanceOf(Date);
			}
			const [create, update, remove] = events;
			expect(create!.before).toBeNull();
			expect(create!.after).toMatchObject({ id: created.id, name: 'Action contre la Faim', acronym: 'ACF' });
			expect(update!.before).toMatchObject({ name: 'Action contre la Faim', acronym: 'ACF' });
			expect(update!.after).toMatchObject({ name: 'ACF International', acronym: null });
			expect(remove!.before).toMatchObject({ name: 'ACF International' });
			expect(remove!.after).toBeNull();
		});

		it('writes the organisation and its audit event in one transaction: when the audit fails, nothing is saved', async () => {
			const admin = await world.as('admin');
			await t.db.execute(
				sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$
				begin raise exception 'audit refused for the test'; end $$`)
			);
			await t.db.execute(
				sql.raw(
					'create trigger refuse_audit before insert on audit_event for each row execute function refuse_audit()'
				)
			);
			try {
				const before = await organisationCount();
				await expect(
					createOrganisation(admin, { name: 'Jamais enregistrée', type: 'other' })
				).rejects.toThrow();
				expect(await organisationCount()).toBe(before);
				const orgA = await getOrganisation(admin, world.orgA);
				await expect(updateOrganisation(admin, world.orgA, { name: 'Jamais renommée' })).rejects.toThrow();
				expect((await getOrganisation(admin, world.orgA)).name).toBe(orgA.name);
			} finally {
				await t.db.execute(sql.raw('drop trigger refuse_audit on audit_event'));
				await t.db.execute(sql.raw('drop function refuse_audit()'));
			}
		});

		it('stores HTML typed into a name verbatim, as text', async () => {
			const admin = await world.as('admin');
			const name = '<script>alert("x")</script> <b>Solidarité</b> & Co';
			const created = await createOrganisation(admin, { name, type: 'national-ngo' });
			expect((await getOrganisation(admin, created.id)).name).toBe(name);
		});
	});

	describe('bad input is refused with the field named, in the user language, and nothing saved', () => {
		const cases = [
			{
				what: 'an empty name',
				input: { name: '   ', type: 'other' },
				path: 'name',
				message: 'error_required'
			},
			{ what: 'a missing name', input: { type: 'other' }, path: 'name', message: 'error_required' },
			{
				what: 'a 500-character name',
				input: { name: 'x'.repeat(500), type: 'other' },
				path: 'name',
				message: 'error_too_long'
			},
			{
				what: 'an unknown type',
				input: { name: 'Nouvelle', type: 'cult' },
				path: 'type',
				message: 'directory_error_type'
			},
			{
				what: 'a website that is not a web address',
				input: { name: 'Nouvelle', type: 'other', website: 'javascript:alert(1)' },
				path: 'website',
				message: 'directory_error_website'
			}
		] as const;

		for (const c of cases) {
			it(`${c.what}`, async () => {
				const messages: Record<string, string> = {};
				for (const locale of ['fr', 'en'] as const) {
					const ctx = await world.as('admin', locale);
					const error = await refusedWithoutTrace(() => createOrganisation(ctx, c.input), ValidationError);
					const field = error.errors.find((e) => e.path === c.path);
					expect(field, JSON.stringify(error.errors)).toBeDefined();
					const expected =
						c.message === 'error_too_long'
							? m.error_too_long({ max: 200 }, { locale })
							: m[c.message]({}, { locale });
					expect(field!.message).toBe(expected);
					messages[locale] = field!.message;
				}
				expect(messages.fr).not.toBe(messages.en);
			});
		}

		it('an update with an empty name leaves the organisation as it was', async () => {
			const admin = await world.as('admin', 'en');
			const before = await getOrganisation(admin, world.orgA);
			const events = await auditCount(t.db);
			const error = await updateOrganisation(admin, world.orgA, { name: '' }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors[0]).toMatchObject({ path: 'name' });
			expect(await getOrganisation(admin, world.orgA)).toEqual(before);
			expect(await auditCount(t.db)).toBe(events);
		});
	});

	describe('a focal point of organisation A', () => {
		it('edits organisation A', async () => {
			const focal = await world.as('focalPointA');
			const updated = await updateOrganisation(focal, world.orgA, { website: 'https://a.example.org' });
			expect(updated.website).toBe('https://a.example.org');
			const [last] = (await auditOf(world.orgA)).slice(-1);
			expect(last).toMatchObject({ action: 'update', actorUserId: world.users.focalPointA });
		});

		it('is refused on organisation B, which stays unchanged', async () => {
			const focal = await world.as('focalPointA');
			const admin = await world.as('admin');
			const before = await getOrganisation(admin, world.orgB);
			await refusedWithoutTrace(
				() => updateOrganisation(focal, world.orgB, { name: 'Pris par A' }),
				ForbiddenError
			);
			await refusedWithoutTrace(() => deleteOrganisation(focal, world.orgB), ForbiddenError);
			expect(await getOrganisation(admin, world.orgB)).toEqual(before);
		});

		it('cannot create or delete organisations', async () => {
			const focal = await world.as('focalPointA');
			await refusedWithoutTrace(
				() => createOrganisation(focal, { name: 'Nouvelle', type: 'other' }),
				ForbiddenError
			);
			await refusedWithoutTrace(() => deleteOrganisation(focal, world.orgA), ForbiddenError);
		});
	});

	it('an observer reads the directory but cannot change it', async () => {
		const observer = await world.as('observer');
		expect((await listOrganisations(observer, {})).total).toBeGreaterThanOrEqual(2);
		await refusedWithoutTrace(
			() => createOrganisation(observer, { name: 'Nouvelle', type: 'other' }),
			ForbiddenError
		);
		await refusedWithoutTrace(() => updateOrganisation(observer, world.orgA, { name: 'x' }), ForbiddenError);
	});

	it('a coordinator keeps the directory: creates and edits any organisation', async () => {
		const coordinator = await world.as('coordinator');
		const created = await createOrganisation(coordinator, {
			name: 'Direction régionale',
			type: 'government'
		});
		const updated = await updateOrganisation(coordinator, world.orgB, { acronym: 'OB2' });
		expect(updated.acronym).toBe('OB2');
		await deleteOrganisation(coordinator, created.id);
	});

	it('a visitor must sign in to read or write', async () => {
		const visitor = await world.as('visitor');
		await expect(listOrganisations(visitor, {})).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(getOrganisation(visitor, world.orgA)).rejects.toBeInstanceOf(UnauthenticatedError);
		await refusedWithoutTrace(
			() => createOrganisation(visitor, { name: 'Nouvelle', type: 'other' }),
			UnauthenticatedError
		);
		await refusedWithoutTrace(
			() => updateOrganisation(visitor, world.orgA, { name: 'x' }),
			UnauthenticatedError
		);
		await refusedWithoutTrace(() => deleteOrganisation(visitor, world.orgA), UnauthenticatedError);
	});

	it('an unknown or malformed id is "not found"', async () => {
		const admin = await world.as('admin');
		await expect(getOrganisation(admin, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(getOrganisation(admin, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateOrganisation(admin, 'not-an-id', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
	});

	describe('search and paging', () => {
		const prefix = 'Zsearch';
		beforeAll(async () => {
			await addOrganisation(t.db, { name: `${prefix} Cluster Relèvement Précoce`, type: 'other' });
			await addOrganisation(t.db, {
				name: `${prefix} Organisation internationale pour les migrations`,
				acronym: 'OIM',
				type: 'un-agency'
			});
			await addOrganisation(t.db, { name: `${prefix} Éducation Sans Frontières`, type: 'national-ngo' });
			await addOrganisation(t.db, { name: `${prefix} 100% Solidaires`, type: 'national-ngo' });
		});

		const names = async (q: string, extra: Record<string, unknown> = {}) =>
			(await listOrganisations(await world.as('observer'), { q, ...extra })).items.map((o) => o.name);

		it('ignores case and accents', async () => {
			expect(await names('releve')).toEqual([`${prefix} Cluster Relèvement Précoce`]);
			expect(await names('RELÈVEMENT PRECOCE')).toEqual([`${prefix} Cluster Relèvement Précoce`]);
			expect(await names('education')).toEqual([`${prefix} Éducation Sans Frontières`]);
		});

		it('finds an organisation by its acronym', async () => {
			expect(await names('oim')).toEqual([`${prefix} Organisation internationale pour les migrations`]);
		});

		it('takes % and _ literally', async () => {
			expect(await names('100%')).toEqual([`${prefix} 100% Solidaires`]);
			expect(await names('%')).toEqual([`${prefix} 100% Solidaires`]);
			expect(await names('_')).toEqual([]);
		});

		it('filters by type', async () => {
			expect(await names(prefix, { type: 'national-ngo' })).toEqual([
				`${prefix} 100% Solidaires`,
				`${prefix} Éducation Sans Frontières`
			]);
		});

		it('pages through the list with the total of all matches', async () => {
			const observer = await world.as('observer');
			const all = await listOrganisations(observer, { q: prefix });
			expect(all.total).toBe(4);
			const first = await listOrganisations(observer, { q: prefix, limit: 3, offset: 0 });
			const second = await listOrganisations(observer, { q: prefix, limit: 3, offset: 3 });
			expect(first.total).toBe(4);
			expect(second.total).toBe(4);
			expect(first.items).toHaveLength(3);
			expect(second.items).toHaveLength(1);
			expect([...first.items, ...second.items].map((o) => o.id)).toEqual(all.items.map((o) => o.id));
			const beyond = await listOrganisations(observer, { q: prefix, limit: 3, offset: 10 });
			expect(beyond).toEqual({ items: [], total: 4 });
		});

		it('refuses a nonsensical page size, naming the field', async () => {
			const observer = await world.as('observer');
			const error = await listOrganisations(observer, { limit: 0 }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors[0]!.path).toBe('limit');
		});
	});
});
