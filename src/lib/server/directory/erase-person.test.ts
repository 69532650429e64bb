import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, membership, person } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '../errors';
import { createPerson, getPerson, updatePerson, type Person } from './people';
import { erasedName, erasePerson, getPersonForErase } from './erase-person';
import { mergePeople } from './merge';
import { personalData } from './personal-data';
import { m } from '$lib/paraglide/messages';

describe(`erasing a person on request [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let aminata: Person;
	let duplicate: Person;
	const EMAIL = 'aminata.traore@mercicorps.org';
	const PHONE = '+223 76 12 34 56';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const admin = await world.as('admin');
		aminata = await createPerson(admin, {
			name: 'Aminata Traoré',
			jobTitle: 'Chargée de programme',
			email: EMAIL,
			phone: '+223 20 00 00 00',
			organisationId: world.orgA,
			languages: ['fr', 'bm']
		});
		await updatePerson(admin, aminata.id, { phone: PHONE });
		// A second record of her, merged into the first: its values are in the merge's history.
		duplicate = await createPerson(admin, {
			name: 'A. Traoré',
			email: 'a.traore@gmail.com',
			organisationId: world.orgA
		});
		await mergePeople(admin, duplicate.id, { into: aminata.id });
		await t.db.insert(membership).values({
			organisationId: world.orgA,
			clusterId: world.clusterEr,
			stage: 'member',
			focalPointId: aminata.id
		});
		// Elsewhere in the history: a mail to her, and something she did while she had an account.
		await recordAudit(t.db, null, {
			action: 'create',
			entityType: 'mail',
			entityId: 'x',
			after: { recipient: EMAIL, subject: 'Invitation' }
		});
		await recordAudit(
			t.db,
			{ userId: world.users.admin, email: EMAIL },
			{ action: 'sign-in', entityType: 'user' }
		);
	});

	const row = async (id: string) => (await t.db.select().from(person).where(eq(person.id, id)))[0]!;

	it('is refused to focal points (even of her organisation), observers and visitors; nothing changes', async () => {
		const [before, events] = [await row(aminata.id), await auditCount(t.db)];
		for (const who of ['focalPointA', 'focalPointB', 'observer'] as const) {
			await expect(erasePerson(await world.as(who), aminata.id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(getPersonForErase(await world.as(who), aminata.id)).rejects.toBeInstanceOf(ForbiddenError);
		}
		await expect(erasePerson(await world.as('visitor'), aminata.id)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		expect(await row(aminata.id)).toEqual(before);
		expect(await auditCount(t.db)).toBe(events);
	});

	it('blanks her personal fields and keeps her organisation and memberships', async () => {
		const erased = await erasePerson(await world.as('coordinator'), aminata.id);
		expect(erased).toMatchObject({
			id: aminata.id,
			name: erasedName(),
			jobTitle: null,
			email: null,
			phone: null,
			languages: [],
			organisationId: world.orgA,
			erasedAt: expect.any(Date)
		});
		expect(erasedName()).toBe('Personne effacée / Erased person');
		const [ms] = await t.db.select().from(membership).where(eq(membership.focalPointId, aminata.id));
		expect(ms).toMatchObject({ organisationId: world.orgA, stage: 'member' });
	});

	it('removes her e-mail, phone and name from the audit history, keeping who did what when', async () => {
		const quoting = await t.db
			.select({ id: auditEvent.id })
			.from(auditEvent)
			.where(
				sql`concat(${auditEvent.before}::text, ${auditEvent.after}::text, ${auditEvent.actorLabel}) ~* ${[
					'aminata',
					'mercicorps',
					'a\\.traore@gmail',
					'76 12 34 56',
					'20 00 00 00',
					'programme'
				].join('|')}`
			);
		expect(quoting).toEqual([]);

		const history = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'person'), eq(auditEvent.entityId, aminata.id)))
			.orderBy(asc(auditEvent.id));
		expect(history.map((e) => [e.action, e.actorUserId])).toEqual([
			['create', world.users.admin],
			['update', world.users.admin],
			['merge', world.users.admin],
			['erase', world.users.coordinator]
		]);
		expect(history[0]!.after).toMatchObject({
			id: aminata.id,
			name: erasedName(),
			email: null,
			phone: null,
			organisationId: world.orgA
		});
		expect(history[2]!.before).toMatchObject({
			merged: { id: duplicate.id, email: null, name: erasedName() }
		});
		// The erasure says what was erased, not what it was.
		expect(history[3]!.before).toEqual({
			erasedFields: ['name', 'jobTitle', 'email', 'phone', 'languages']
		});
		const [mail] = await t.db.select().from(auditEvent).where(eq(auditEvent.entityType, 'mail'));
		expect(mail!.after).toEqual({ recipient: null, subject: 'Invitation' });
	});

	it('cannot be edited back to life, nor erased twice', async () => {
		const coordinator = await world.as('coordinator', 'en');
		await expect(updatePerson(coordinator, aminata.id, { name: 'Aminata Traoré' })).rejects.toBeInstanceOf(
			ConflictError
		);
		const again = await erasePerson(coordinator, aminata.id).catch((e: unknown) => e);
		expect((again as ConflictError).errors[0]!.message).toBe(
			m.records_error_already_erased({}, { locale: 'en' })
		);
		expect((await getPerson(coordinator, aminata.id)).name).toBe(erasedName());
		// What is still held about her: the record and its links, nothing that says who she was.
		const data = JSON.stringify(await personalData(coordinator, aminata.id));
		expect(data).not.toMatch(/aminata|mercicorps|76 12 34 56/i);
		expect(data).toContain(world.orgA);
	});

	it('waits for an administrator to delete her account first', async () => {
		const userId = await addUser(t.db, { email: 'moussa@example.org', name: 'Moussa Keïta' });
		const [withAccount] = await t.db.select().from(person).where(eq(person.userId, userId));
		const events = await auditCount(t.db);
		const refused = await erasePerson(await world.as('admin', 'en'), withAccount!.id).catch(
			(e: unknown) => e
		);
		expect(refused).toBeInstanceOf(ConflictError);
		expect((refused as ConflictError).errors[0]!.message).toBe(
			m.records_error_erase_account({}, { locale: 'en' })
		);
		expect((await getPersonForErase(await world.as('admin', 'en'), withAccount!.id)).blocker).toBe(
			m.records_error_erase_account({}, { locale: 'en' })
		);
		expect(await row(withAccount!.id)).toEqual(withAccount);
		expect(await auditCount(t.db)).toBe(events);
	});
});
