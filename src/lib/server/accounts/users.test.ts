import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, person, roleGrant } from '../db/schema';
import { loadActor } from '../access/actor';
import { grantRole, insertUser, listUsers, withdrawRole } from './users';
import { updateOrganisation } from '../directory/organisations';
import { createPerson } from '../directory/people';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import { m } from '$lib/paraglide/messages';

describe(`users and roles [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	const grantsOf = async (userId: string) => (await loadActor(t.db, userId))!.grants;
	const adminGrantOf = async (userId: string) =>
		(
			await t.db
				.select()
				.from(roleGrant)
				.where(and(eq(roleGrant.userId, userId), eq(roleGrant.role, 'admin')))
		)[0]!;

	it('an administrator grants a role, which takes effect and is audited; withdrawing it takes it away', async () => {
		const admin = await world.as('admin');
		const target = world.users.focalPointA;
		await expect(
			updateOrganisation(await world.as('focalPointA'), world.orgB, { acronym: 'B?' })
		).rejects.toBeInstanceOf(ForbiddenError);

		const granted = await grantRole(admin, target, { role: 'focal-point', organisationId: world.orgB });
		expect(granted).toMatchObject({ userId: target, role: 'focal-point', organisationId: world.orgB });
		expect(await grantsOf(target)).toContainEqual({
			role: 'focal-point',
			clusterId: null,
			organisationId: world.orgB
		});
		const updated = await updateOrganisation(await world.as('focalPointA'), world.orgB, { acronym: 'OB-A' });
		expect(updated.acronym).toBe('OB-A');

		// Granting it again changes nothing and records nothing.
		const events = await auditCount(t.db);
		expect(await grantRole(admin, target, { role: 'focal-point', organisationId: world.orgB })).toBeNull();
		expect(await auditCount(t.db)).toBe(events);

		await withdrawRole(admin, granted!.id);
		expect(await grantsOf(target)).not.toContainEqual(
			expect.objectContaining({ organisationId: world.orgB })
		);
		await expect(
			updateOrganisation(await world.as('focalPointA'), world.orgB, { acronym: 'B!' })
		).rejects.toBeInstanceOf(ForbiddenError);

		const audit = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'user'), eq(auditEvent.entityId, target)))
			.orderBy(auditEvent.id);
		const [grantEvent, withdrawEvent] = audit.filter(
			(e) => e.action === 'grant-role' || e.action === 'withdraw-role'
		);
		expect(grantEvent).toMatchObject({
			action: 'grant-role',
			actorUserId: world.users.admin,
			after: { role: 'focal-point', organisationId: world.orgB }
		});
		expect(withdrawEvent).toMatchObject({
			action: 'withdraw-role',
			actorUserId: world.users.admin,
			before: { id: granted!.id, role: 'focal-point', organisationId: world.orgB }
		});
	});

	it('only administrators grant and withdraw roles; nothing changes otherwise', async () => {
		const coordinatorGrant = (
			await t.db.select().from(roleGrant).where(eq(roleGrant.userId, world.users.coordinator))
		)[0]!;
		const events = await auditCount(t.db);
		for (const who of ['coordinator', 'focalPointA', 'observer'] as const) {
			const ctx = await world.as(who);
			await expect(grantRole(ctx, world.users[who], { role: 'admin' })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(withdrawRole(ctx, coordinatorGrant.id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(listUsers(ctx)).rejects.toBeInstanceOf(ForbiddenError);
		}
		const visitor = await world.as('visitor');
		await expect(grantRole(visitor, world.users.observer, { role: 'admin' })).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(withdrawRole(visitor, coordinatorGrant.id)).rejects.toBeInstanceOf(UnauthenticatedError);
		expect(await auditCount(t.db)).toBe(events);
		expect(await grantsOf(world.users.observer)).toEqual([
			{ role: 'observer', clusterId: world.clusterEr, organisationId: null }
		]);
		expect(await grantsOf(world.users.coordinator)).toHaveLength(1);
	});

	it('an administrator cannot withdraw their own administrator role, but may withdraw another administrator’s', async () => {
		const admin = await world.as('admin', 'en');
		const own = await adminGrantOf(world.users.admin);
		const error = await withdrawRole(admin, own.id).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'role', message: m.error_last_admin({}, { locale: 'en' }) }
		]);
		expect(await grantsOf(world.users.admin)).toContainEqual({
			role: 'admin',
			clusterId: null,
			organisationId: null
		});

		const second = await addUser(t.db, {
			email: 'second-admin@example.org',
			name: 'Second',
			grants: [{ role: 'admin' }]
		});
		await withdrawRole(admin, (await adminGrantOf(second)).id);
		expect(await grantsOf(second)).toEqual([]);
	});

	it('refuses a grant without the scope its role needs, naming the field in the user language', async () => {
		const messages: string[] = [];
		for (const locale of ['fr', 'en'] as const) {
			const admin = await world.as('admin', locale);
			const events = await auditCount(t.db);
			const error = await grantRole(admin, world.users.observer, { role: 'coordinator' }).catch(
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(ValidationError);
			const [field] = (error as ValidationError).errors;
			expect(field!.path).toBe('clusterId');
			messages.push(field!.message);
			expect(await auditCount(t.db)).toBe(events);
		}
		// A message for people: not a bare key, and not the same words in both languages.
		expect(messages[0]).not.toBe(messages[1]);
		for (const message of messages) expect(message).toMatch(/\s/);
	});

	it('refuses an unknown role, user, cluster or grant', async () => {
		const admin = await world.as('admin');
		const unknownRole = await grantRole(admin, world.users.observer, { role: 'superuser' }).catch(
			(e: unknown) => e
		);
		expect(unknownRole).toBeInstanceOf(ValidationError);
		expect((unknownRole as ValidationError).errors[0]!.path).toBe('role');
		await expect(
			grantRole(admin, '00000000-0000-4000-8000-000000000000', { role: 'admin' })
		).rejects.toBeInstanceOf(NotFoundError);
		const unknownCluster = await grantRole(admin, world.users.observer, {
			role: 'coordinator',
			clusterId: '00000000-0000-4000-8000-000000000000'
		}).catch((e: unknown) => e);
		expect(unknownCluster).toBeInstanceOf(ValidationError);
		expect((unknownCluster as ValidationError).errors[0]!.path).toBe('clusterId');
		await expect(withdrawRole(admin, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('lists users with their grants for administrators', async () => {
		const users = await listUsers(await world.as('admin'));
		const coordinator = users.find((u) => u.id === world.users.coordinator);
		expect(coordinator!.grants).toEqual([
			expect.objectContaining({
				role: 'coordinator',
				clusterId: world.clusterEr,
				clusterCode: expect.any(String)
			})
		]);
	});

	describe('a new user', () => {
		it('is refused when the address already has an account, whatever its case', async () => {
			await addUser(t.db, { email: 'oumou@example.org', name: 'Oumou' });
			await expect(
				insertUser(t.db, null, { email: 'OUMOU@example.org', name: 'Oumou bis' }, 'fr')
			).rejects.toBeInstanceOf(ConflictError);
		});

		it('takes over the directory record that has their address instead of duplicating it', async () => {
			const known = await createPerson(await world.as('admin'), {
				name: 'Salif Coulibaly',
				email: 'salif@example.org',
				jobTitle: 'Responsable suivi-évaluation',
				organisationId: world.orgA
			});
			const id = await addUser(t.db, { email: 'salif@example.org', name: 'Salif C.' });
			const records = await t.db.select().from(person).where(eq(person.email, 'salif@example.org'));
			expect(records).toEqual([
				expect.objectContaining({ id: known.id, userId: id, jobTitle: 'Responsable suivi-évaluation' })
			]);
			expect((await loadActor(t.db, id))!.organisationId).toBe(world.orgA);
		});
	});
});
