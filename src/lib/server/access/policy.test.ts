import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import type { Actor } from './actor';
import {
	authorize,
	editsOrganisation,
	hasRole,
	isAdmin,
	managesCluster,
	managesDirectory,
	readsDirectory
} from './policy';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** The role rules, asked about actors loaded from the database as a request would load them. */
describe(`policy [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	const actors = {} as Record<'admin' | 'coordinator' | 'focalPointA' | 'focalPointB' | 'observer', Actor>;
	let multi: Actor;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		for (const who of ['admin', 'coordinator', 'focalPointA', 'focalPointB', 'observer'] as const) {
			actors[who] = (await world.as(who)).actor!;
		}
		// One person, two hats: information manager of WASH and focal point of B.
		const id = await addUser(t.db, {
			email: 'two-hats@example.org',
			name: 'Two Hats',
			grants: [
				{ role: 'information-manager', clusterId: world.clusterWash },
				{ role: 'focal-point', organisationId: world.orgB }
			]
		});
		multi = (await ctxFor(t.db, id)).actor!;
	});

	it('loads every grant of a user with its scope', () => {
		expect(actors.coordinator.grants).toEqual([
			{ role: 'coordinator', clusterId: world.clusterEr, organisationId: null }
		]);
		expect(actors.focalPointA.grants).toEqual([
			{ role: 'focal-point', clusterId: null, organisationId: world.orgA }
		]);
		expect(actors.focalPointA.organisationId).toBe(world.orgA);
		expect(multi.grants).toHaveLength(2);
	});

	it('knows administrators and nobody else as such', () => {
		expect(isAdmin(actors.admin)).toBe(true);
		for (const who of ['coordinator', 'focalPointA', 'observer'] as const)
			expect(isAdmin(actors[who])).toBe(false);
		expect(isAdmin(null)).toBe(false);
	});

	it('matches a role only within its scope', () => {
		expect(hasRole(actors.coordinator, 'coordinator', { clusterId: world.clusterEr })).toBe(true);
		expect(hasRole(actors.coordinator, 'coordinator', { clusterId: world.clusterWash })).toBe(false);
		expect(hasRole(actors.focalPointA, 'focal-point', { organisationId: world.orgA })).toBe(true);
		expect(hasRole(actors.focalPointA, 'focal-point', { organisationId: world.orgB })).toBe(false);
		expect(hasRole(actors.focalPointA, 'coordinator')).toBe(false);
	});

	it('lets administrators, coordinators and information managers keep the directory', () => {
		expect(managesDirectory(actors.admin)).toBe(true);
		expect(managesDirectory(actors.coordinator)).toBe(true);
		expect(managesDirectory(multi)).toBe(true);
		expect(managesDirectory(actors.focalPointA)).toBe(false);
		expect(managesDirectory(actors.observer)).toBe(false);
		expect(managesDirectory(null)).toBe(false);
	});

	it('lets a cluster be managed by administrators and its own coordinators and information managers', () => {
		expect(managesCluster(actors.admin, world.clusterEr)).toBe(true);
		expect(managesCluster(actors.coordinator, world.clusterEr)).toBe(true);
		expect(managesCluster(actors.coordinator, world.clusterWash)).toBe(false);
		expect(managesCluster(multi, world.clusterWash)).toBe(true);
		expect(managesCluster(multi, world.clusterEr)).toBe(false);
		expect(managesCluster(actors.observer, world.clusterEr)).toBe(false);
		expect(managesCluster(actors.focalPointA, world.clusterEr)).toBe(false);
		expect(managesCluster(null, world.clusterEr)).toBe(false);
	});

	it("lets a focal point edit their own organisation, never another's", () => {
		expect(editsOrganisation(actors.focalPointA, world.orgA)).toBe(true);
		expect(editsOrganisation(actors.focalPointA, world.orgB)).toBe(false);
		expect(editsOrganisation(actors.focalPointB, world.orgB)).toBe(true);
		expect(editsOrganisation(actors.focalPointA, null)).toBe(false);
		expect(editsOrganisation(actors.observer, world.orgA)).toBe(false);
		expect(editsOrganisation(actors.admin, world.orgB)).toBe(true);
		expect(editsOrganisation(actors.coordinator, world.orgB)).toBe(true);
		expect(editsOrganisation(null, world.orgA)).toBe(false);
	});

	it('lets anyone signed in read the directory, and no visitor', () => {
		for (const who of Object.keys(actors) as (keyof typeof actors)[])
			expect(readsDirectory(actors[who])).toBe(true);
		expect(readsDirectory(null)).toBe(false);
	});

	it('asks a visitor to sign in and refuses a known user without the right', () => {
		expect(() => authorize(null, true)).toThrow(UnauthenticatedError);
		expect(() => authorize(actors.observer, false)).toThrow(ForbiddenError);
		expect(() => authorize(actors.observer, true)).not.toThrow();
	});
});
