import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, membership, person, session } from '../db/schema';
import { issueApiToken } from '../accounts/api-tokens';
import { loadActor } from '../access/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { updatePerson } from './people';
import { personalData, personalDataDownload } from './personal-data';

describe(`a person's data on request [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let userId: string;
	let personId: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		userId = await addUser(t.db, {
			email: 'kadiatou@acf.example.org',
			name: 'Kadiatou Sangaré',
			password: 'a long enough password',
			grants: [{ role: 'focal-point', organisationId: world.orgA }]
		});
		const [row] = await t.db.select().from(person).where(eq(person.userId, userId));
		personId = row!.id;
		await updatePerson(await world.as('admin'), personId, {
			jobTitle: 'Cheffe de projet',
			phone: '+223 66 00 00 00'
		});
		await t.db.insert(membership).values({
			organisationId: world.orgA,
			clusterId: world.clusterEr,
			stage: 'member',
			focalPointId: personId
		});
		await t.db.insert(session).values({
			userId,
			token: 'secret-session-token',
			expiresAt: new Date(Date.now() + 86_400_000),
			ipAddress: '196.200.1.1',
			userAgent: 'Firefox'
		});
		await issueApiToken(t.db, (await loadActor(t.db, userId))!, 'Spreadsheet');
	});

	it('gathers the record, organisation, account, roles, focal points and history, without secrets', async () => {
		const data = await personalData(await world.as('coordinator'), personId);
		expect(data.person).toMatchObject({
			id: personId,
			name: 'Kadiatou Sangaré',
			email: 'kadiatou@acf.example.org',
			jobTitle: 'Cheffe de projet',
			phone: '+223 66 00 00 00'
		});
		expect(data.organisation).toMatchObject({ id: world.orgA, acronym: 'OA' });
		expect(data.account).toMatchObject({
			id: userId,
			email: 'kadiatou@acf.example.org',
			roles: [
				expect.objectContaining({
					role: 'focal-point',
					organisation: expect.stringMatching(/^Organisation A/)
				})
			],
			sessions: [
				{
					createdAt: expect.any(Date),
					expiresAt: expect.any(Date),
					ipAddress: '196.200.1.1',
					userAgent: 'Firefox'
				}
			],
			apiTokens: [expect.objectContaining({ name: 'Spreadsheet', prefix: expect.stringMatching(/^cto_/) })]
		});
		expect(data.focalPointOf).toEqual([
			expect.objectContaining({ stage: 'member', cluster: expect.any(String) })
		]);
		expect(data.history.map((e) => [e.entityType, e.action])).toEqual(
			expect.arrayContaining([
				['user', 'create'],
				['person', 'update']
			])
		);
		const text = JSON.stringify(data);
		expect(text).not.toContain('secret-session-token');
		expect(text).not.toMatch(/"(password|token|tokenHash|hash)"/);
		expect(text).not.toMatch(/\$argon2/);
	});

	it('is a JSON file to download, and the hand-over is recorded', async () => {
		const events = await auditCount(t.db);
		const file = await personalDataDownload(await world.as('admin', 'en'), personId);
		expect(file.contentType).toBe('application/json; charset=utf-8');
		expect(file.filename).toMatch(/^personal-data-kadiatou-sangare-\d{4}-\d{2}-\d{2}\.json$/);
		expect(JSON.parse(String(file.body)).person.id).toBe(personId);
		expect(await auditCount(t.db)).toBe(events + 1);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'export-personal-data'), eq(auditEvent.entityId, personId)));
		expect(event).toMatchObject({ entityType: 'person', actorUserId: world.users.admin });
	});

	it('is given to the person themselves', async () => {
		const own = await personalData(await ctxFor(t.db, userId), personId);
		expect(own.person.id).toBe(personId);
	});

	it('is refused to a focal point about someone else, to observers and to visitors; nothing recorded', async () => {
		const events = await auditCount(t.db);
		for (const who of ['focalPointA', 'focalPointB', 'observer'] as const)
			await expect(personalDataDownload(await world.as(who), personId)).rejects.toBeInstanceOf(
				ForbiddenError
			);
		await expect(personalData(await world.as('visitor'), personId)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(personalData(await world.as('admin'), 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			personalData(await world.as('admin'), '6a1d2b6e-8d1f-4c55-9d0e-0c4f4c3f2a11')
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await auditCount(t.db)).toBe(events);
	});
});
