import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, seedWorld, type World } from '../../../../tests/actors';
import { auditEvent, cluster } from '../db/schema';
import { createCluster, deleteCluster, getCluster, listClusters, updateCluster } from './clusters';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import { m } from '$lib/paraglide/messages';
import { addPlan } from '../../../../tests/plans';

describe(`clusters [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
	});

	async function clusterCount() {
		const [row] = await t.db.select({ n: count() }).from(cluster);
		return row!.n;
	}

	async function refusedWithoutTrace<E extends Error>(
		write: () => Promise<unknown>,
		error: new (...args: never[]) => E
	): Promise<E> {
		const [clusters, events] = [await clusterCount(), await auditCount(t.db)];
		const thrown = await write().then(
			() => null,
			(e: unknown) => e
		);
		expect(thrown).toBeInstanceOf(error);
		expect(await clusterCount()).toBe(clusters);
		expect(await auditCount(t.db)).toBe(events);
		return thrown as E;
	}

	it('an administrator creates a cluster with its lead organisations, audited', async () => {
		const admin = await world.as('admin');
		const created = await createCluster(admin, {
			code: 'shelter',
			nameFr: 'Abris',
			nameEn: 'Shelter',
			leadOrganisationId: world.orgA,
			coLeadOrganisationId: ''
		});
		expect(created).toMatchObject({
			code: 'SHELTER',
			nameFr: 'Abris',
			nameEn: 'Shelter',
			leadOrganisationId: world.orgA,
			coLeadOrganisationId: null
		});
		const read = await getCluster(await world.as('visitor'), created.id);
		expect(read.leadName).toMatch(/^Organisation A/);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'cluster'), eq(auditEvent.entityId, created.id)));
		expect(event).toMatchObject({ action: 'create', actorUserId: world.users.admin });
		expect(event!.after).toMatchObject({ code: 'SHELTER' });
	});

	it('a duplicate code is a conflict, whatever its case, and nothing is saved', async () => {
		const admin = await world.as('admin', 'en');
		await createCluster(admin, { code: 'PROT', nameFr: 'Protection', nameEn: 'Protection' });
		const error = await refusedWithoutTrace(
			() => createCluster(admin, { code: 'prot', nameFr: 'Autre', nameEn: 'Other' }),
			ConflictError
		);
		expect(error.errors).toEqual([
			{ path: 'code', message: m.error_cluster_code_taken({ code: 'PROT' }, { locale: 'en' }) }
		]);
		// Renaming another cluster to a taken code is refused too.
		const other = await createCluster(admin, { code: 'EDU', nameFr: 'Éducation', nameEn: 'Education' });
		await expect(updateCluster(admin, other.id, { code: 'PROT' })).rejects.toBeInstanceOf(ConflictError);
		expect((await getCluster(admin, other.id)).code).toBe('EDU');
	});

	it('two administrators creating the same code at once: one wins, the other gets a conflict', async () => {
		const first = await world.as('admin');
		// On PostgreSQL a separate connection, as a second app instance would have.
		const second = { ...(await world.as('admin')), db: (await t.connectAgain()).db };
		// A race shows only now and then: several rounds make a lost one all but certain.
		for (let round = 0; round < 10; round++) {
			const code = `RACE${round}`;
			const results = await Promise.allSettled([
				createCluster(first, { code, nameFr: 'Course', nameEn: 'Race' }),
				createCluster(second, { code, nameFr: 'Course', nameEn: 'Race' })
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const [failure] = results.filter((r) => r.status === 'rejected');
			expect(failure!.reason, `round ${round}: ${String(failure!.reason)}`).toBeInstanceOf(ConflictError);
		}
	});

	it('bad input names the field in the user language', async () => {
		for (const locale of ['fr', 'en'] as const) {
			const admin = await world.as('admin', locale);
			const error = await refusedWithoutTrace(
				() => createCluster(admin, { code: 'x', nameFr: '', nameEn: 'Shelter' }),
				ValidationError
			);
			expect(error.errors.map((e) => e.path).sort()).toEqual(['code', 'nameFr']);
			expect(error.errors.find((e) => e.path === 'code')!.message).toBe(
				m.directory_error_cluster_code({}, { locale })
			);
		}
		const admin = await world.as('admin');
		const unknown = await refusedWithoutTrace(
			() =>
				createCluster(admin, {
					code: 'NUT',
					nameFr: 'Nutrition',
					nameEn: 'Nutrition',
					leadOrganisationId: '00000000-0000-4000-8000-000000000000'
				}),
			ValidationError
		);
		expect(unknown.errors[0]!.path).toBe('leadOrganisationId');
	});

	it('the coordinator of a cluster edits it, but not another cluster', async () => {
		const coordinator = await world.as('coordinator');
		const updated = await updateCluster(coordinator, world.clusterEr, { nameEn: 'Early Recovery' });
		expect(updated.nameEn).toBe('Early Recovery');
		const before = await getCluster(coordinator, world.clusterWash);
		await refusedWithoutTrace(
			() => updateCluster(coordinator, world.clusterWash, { nameEn: 'Taken' }),
			ForbiddenError
		);
		expect(await getCluster(coordinator, world.clusterWash)).toEqual(before);
	});

	it('only administrators create or delete clusters', async () => {
		for (const who of ['coordinator', 'focalPointA', 'observer'] as const) {
			const ctx = await world.as(who);
			await refusedWithoutTrace(
				() => createCluster(ctx, { code: 'FSL', nameFr: 'Sécurité alimentaire', nameEn: 'Food security' }),
				ForbiddenError
			);
			await refusedWithoutTrace(() => deleteCluster(ctx, world.clusterEr), ForbiddenError);
		}
		const visitor = await world.as('visitor');
		await refusedWithoutTrace(
			() => createCluster(visitor, { code: 'FSL', nameFr: 'Sécurité alimentaire', nameEn: 'Food security' }),
			UnauthenticatedError
		);
		await refusedWithoutTrace(
			() => updateCluster(visitor, world.clusterEr, { nameEn: 'x' }),
			UnauthenticatedError
		);

		const admin = await world.as('admin');
		const doomed = await createCluster(admin, { code: 'TMP', nameFr: 'Temporaire', nameEn: 'Temporary' });
		await deleteCluster(admin, doomed.id);
		await expect(getCluster(admin, doomed.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('keeps a cluster that takes part in a plan, saying why, in the user’s language', async () => {
		await addPlan(t.db, [world.clusterWash]);
		const admin = await world.as('admin', 'en');
		const error = await refusedWithoutTrace(() => deleteCluster(admin, world.clusterWash), ConflictError);
		const { code } = await getCluster(admin, world.clusterWash);
		expect(error.errors[0]!.message).toBe(m.error_cluster_in_use({ code }, { locale: 'en' }));
	});

	it('a focal point edits no cluster', async () => {
		const focal = await world.as('focalPointA');
		await refusedWithoutTrace(() => updateCluster(focal, world.clusterEr, { nameFr: 'x' }), ForbiddenError);
	});

	it('visitors read the list of clusters, searched without regard to case or accents', async () => {
		const visitor = await world.as('visitor');
		const all = await listClusters(visitor, {});
		expect(all.total).toBe(all.items.length);
		expect(all.total).toBeGreaterThanOrEqual(2);
		const found = await listClusters(visitor, { q: 'education' });
		expect(found.items.map((c) => c.code)).toEqual(['EDU']);
	});
});
