import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import {
	addOrganisation,
	addUser,
	auditCount,
	ctxFor,
	seedWorld,
	type World
} from '../../../../tests/actors';
import { auditEvent, membership, membershipStep, person } from '../db/schema';
import type { Ctx } from '../context';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import {
	addToPipeline,
	countMembershipsByStage,
	focalPointOptions,
	getMembership,
	listMemberships,
	membershipHistory,
	membershipsOfOrganisation,
	moveMembership,
	organisationsOutsidePipeline,
	removeMembership,
	setFocalPoint,
	updateMembership
} from './memberships';
import { m } from '$lib/paraglide/messages';

describe(`membership pipeline [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let washCoordinator: Ctx;
	/** Government services and a private firm of the directory, not yet in any pipeline. */
	const org: Record<'civilProtection' | 'solidarity' | 'youthJobs' | 'employers' | 'telecom', string> = {
		civilProtection: '',
		solidarity: '',
		youthJobs: '',
		employers: '',
		telecom: ''
	};
	let civilProtectionHead: string;
	let personOfA: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const washUser = await addUser(t.db, {
			email: `wash-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		washCoordinator = await ctxFor(t.db, washUser);
		org.civilProtection = await addOrganisation(t.db, {
			name: 'Direction générale de la Protection civile',
			acronym: 'DGPC',
			type: 'government'
		});
		org.solidarity = await addOrganisation(t.db, {
			name: "Ministère de la Solidarité et de l'Action humanitaire",
			acronym: 'MSAH',
			type: 'government'
		});
		org.youthJobs = await addOrganisation(t.db, {
			name: "Agence pour la promotion de l'emploi des jeunes",
			acronym: 'APEJ',
			type: 'government'
		});
		org.employers = await addOrganisation(t.db, {
			name: 'Conseil national du patronat du Mali',
			acronym: 'CNPM',
			type: 'private-sector'
		});
		org.telecom = await addOrganisation(t.db, { name: 'Télécom Exemple', type: 'private-sector' });
		const people = await t.db
			.insert(person)
			.values([
				{ name: 'Awa Coulibaly', jobTitle: 'Directrice', organisationId: org.civilProtection },
				{ name: 'Personne de A', organisationId: world.orgA }
			])
			.returning({ id: person.id });
		[civilProtectionHead, personOfA] = people.map((p) => p.id) as [string, string];
	});

	const tableCounts = async () => ({
		memberships: (await t.db.select({ n: count() }).from(membership))[0]!.n,
		steps: (await t.db.select({ n: count() }).from(membershipStep))[0]!.n,
		audit: await auditCount(t.db)
	});

	/** Runs a write that must be refused, and checks that nothing at all was written. */
	async function refusedWithoutTrace<E extends Error>(
		write: () => Promise<unknown>,
		error: new (...args: never[]) => E
	): Promise<E> {
		const before = await tableCounts();
		const thrown = await write().then(
			() => null,
			(e: unknown) => e
		);
		expect(thrown).toBeInstanceOf(error);
		expect(await tableCounts()).toEqual(before);
		return thrown as E;
	}

	async function membershipOf(organisationId: string, clusterId = world.clusterEr) {
		const [row] = await t.db
			.select()
			.from(membership)
			.where(and(eq(membership.organisationId, organisationId), eq(membership.clusterId, clusterId)));
		return row;
	}

	it('the coordinator adds a government service as a prospect, then moves it with a dated note', async () => {
		const coordinator = await world.as('coordinator');
		const added = await addToPipeline(coordinator, world.clusterEr, {
			organisationId: org.civilProtection,
			at: '2016-10-24',
			note: 'Identifiée à la réunion du 20 octobre'
		});
		expect(added).toMatchObject({ stage: 'prospect', organisationId: org.civilProtection });

		const moved = await moveMembership(coordinator, added.id, {
			stage: 'contacted',
			at: '28/10/2016',
			note: 'Lettre remise au directeur'
		});
		expect(moved).toMatchObject({
			stage: 'contacted',
			organisationName: 'Direction générale de la Protection civile',
			organisationType: 'government',
			lastNote: 'Lettre remise au directeur'
		});
		expect(moved.since.toISOString().slice(0, 10)).toBe('2016-10-28');

		const history = await membershipHistory(await world.as('observer'), added.id);
		expect(history.map((s) => [s.stage, s.at.toISOString().slice(0, 10), s.note])).toEqual([
			['prospect', '2016-10-24', 'Identifiée à la réunion du 20 octobre'],
			['contacted', '2016-10-28', 'Lettre remise au directeur']
		]);
		expect(history.every((s) => s.byName === coordinator.actor!.name)).toBe(true);

		const events = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityType, 'membership'), eq(auditEvent.entityId, added.id)));
		expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
			['create', world.users.coordinator],
			['update', world.users.coordinator]
		]);
		expect(events[1]!.before).toMatchObject({ stage: 'prospect' });
		expect(events[1]!.after).toMatchObject({
			stage: 'contacted',
			step: { note: 'Lettre remise au directeur' }
		});
	});

	it('lists the pipeline filtered by organisation type and stage, with counts per stage', async () => {
		const coordinator = await world.as('coordinator');
		for (const id of [org.solidarity, org.youthJobs, org.employers])
			await addToPipeline(coordinator, world.clusterEr, { organisationId: id, at: '2016-10-25' });
		await addToPipeline(coordinator, world.clusterEr, {
			organisationId: world.orgA,
			stage: 'member',
			at: '2016-10-20'
		});

		const observer = await world.as('observer');
		const governmentProspects = await listMemberships(observer, world.clusterEr, {
			type: 'government',
			stage: 'prospect'
		});
		expect(governmentProspects.items.map((r) => r.organisationAcronym)).toEqual(['APEJ', 'MSAH']);
		expect(governmentProspects.total).toBe(2);

		// Every government service, prospects before those already contacted.
		const government = await listMemberships(observer, world.clusterEr, { type: 'government', stage: '' });
		expect(government.items.map((r) => [r.organisationAcronym, r.stage])).toEqual([
			['APEJ', 'prospect'],
			['MSAH', 'prospect'],
			['DGPC', 'contacted']
		]);
		// Found without accents or capitals.
		const found = await listMemberships(observer, world.clusterEr, { q: 'generale de la protection' });
		expect(found.items.map((r) => r.organisationAcronym)).toEqual(['DGPC']);

		expect(await countMembershipsByStage(observer, world.clusterEr, {})).toEqual({
			prospect: 3,
			contacted: 1,
			interested: 0,
			member: 1,
			inactive: 0
		});
		expect(await countMembershipsByStage(observer, world.clusterEr, { type: 'private-sector' })).toEqual({
			prospect: 1,
			contacted: 0,
			interested: 0,
			member: 0,
			inactive: 0
		});
		// Another cluster's pipeline is its own.
		expect((await listMemberships(observer, world.clusterWash, {})).total).toBe(0);
		// The organisations the add form offers are those not yet in this pipeline.
		const outside = await organisationsOutsidePipeline(observer, world.clusterEr);
		expect(outside.map((o) => o.id)).toContain(org.telecom);
		expect(outside.map((o) => o.id)).not.toContain(org.solidarity);
	});

	it('moving to the stage it is at only adds a note, and so needs one', async () => {
		const coordinator = await world.as('coordinator', 'en');
		const { id } = (await membershipOf(org.solidarity))!;
		const noted = await moveMembership(coordinator, id, {
			stage: 'prospect',
			note: 'Le ministre reçoit après le 2 novembre'
		});
		expect(noted.stage).toBe('prospect');
		expect(noted.lastNote).toBe('Le ministre reçoit après le 2 novembre');
		// Still a prospect since it was added: a note is not a new stage.
		expect(noted.since.toISOString().slice(0, 10)).toBe('2016-10-25');
		expect((await membershipHistory(coordinator, id)).map((s) => s.stage)).toEqual(['prospect', 'prospect']);

		const error = await refusedWithoutTrace(
			() => moveMembership(coordinator, id, { stage: 'prospect', note: '  ' }),
			ValidationError
		);
		expect(error.errors).toEqual([
			{ path: 'note', message: m.membership_error_note_required({}, { locale: 'en' }) }
		]);
	});

	it('refuses a malformed, future or out-of-order step date in the user language, changing nothing', async () => {
		const { id } = (await membershipOf(org.civilProtection))!;
		const before = await getMembership(await world.as('observer'), id);
		for (const locale of ['fr', 'en'] as const) {
			const coordinator = await world.as('coordinator', locale);
			for (const at of ['31/02/2016', '2016-02-30', '2016-13-01', 'demain', '20.10.2016']) {
				const error = await refusedWithoutTrace(
					() => moveMembership(coordinator, id, { stage: 'interested', at }),
					ValidationError
				);
				expect(error.errors, at).toEqual([{ path: 'at', message: m.membership_error_date({}, { locale }) }]);
			}
			const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
			const future = await refusedWithoutTrace(
				() => moveMembership(coordinator, id, { stage: 'interested', at: tomorrow }),
				ValidationError
			);
			expect(future.errors[0]!.message).toBe(m.membership_error_date_future({}, { locale }));
			// Contacted on 28/10/2016: the next step cannot be dated the day before.
			const early = await refusedWithoutTrace(
				() => moveMembership(coordinator, id, { stage: 'interested', at: '2016-10-27' }),
				ValidationError
			);
			expect(early.errors).toEqual([
				{
					path: 'at',
					message: m.membership_error_date_before({ date: '28/10/2016' }, { locale })
				}
			]);
			const unknownStage = await refusedWithoutTrace(
				() => moveMembership(coordinator, id, { stage: 'partner', note: 'x' }),
				ValidationError
			);
			expect(unknownStage.errors).toEqual([
				{ path: 'stage', message: m.membership_error_stage({}, { locale }) }
			]);
		}
		expect(await getMembership(await world.as('observer'), id)).toEqual(before);
	});

	it('dates a step on the day of the previous one after it, so that the history keeps its order', async () => {
		const coordinator = await world.as('coordinator');
		const { id } = (await membershipOf(org.youthJobs))!;
		// Added on 25/10/2016, contacted the same day, then interested "today" (now).
		await moveMembership(coordinator, id, { stage: 'contacted', at: '25/10/2016', note: 'Appel' });
		await moveMembership(coordinator, id, { stage: 'interested', note: 'Réunion prévue' });
		const history = await membershipHistory(coordinator, id);
		expect(history.map((s) => s.stage)).toEqual(['prospect', 'contacted', 'interested']);
		expect(history[1]!.at.getTime()).toBeGreaterThan(history[0]!.at.getTime());
		expect(history[2]!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('lets only the coordinators of that cluster and administrators change its pipeline', async () => {
		const { id } = (await membershipOf(org.employers))!;
		const move = { stage: 'contacted', note: 'Courriel envoyé' };
		for (const ctx of [washCoordinator, await world.as('focalPointA'), await world.as('observer')]) {
			await refusedWithoutTrace(() => moveMembership(ctx, id, move), ForbiddenError);
			await refusedWithoutTrace(
				() => addToPipeline(ctx, world.clusterEr, { organisationId: org.telecom }),
				ForbiddenError
			);
			await refusedWithoutTrace(() => setFocalPoint(ctx, id, { focalPointId: '' }), ForbiddenError);
			await refusedWithoutTrace(() => updateMembership(ctx, id, { note: 'x' }), ForbiddenError);
			await refusedWithoutTrace(() => removeMembership(ctx, id), ForbiddenError);
		}
		// A focal point of the very organisation in the pipeline does not move it either.
		const { id: memberA } = (await membershipOf(world.orgA))!;
		const focalOfA = await world.as('focalPointA');
		await refusedWithoutTrace(() => moveMembership(focalOfA, memberA, { stage: 'inactive' }), ForbiddenError);
		// Visitors are asked to sign in, for reads as for writes.
		const visitor = await world.as('visitor');
		await refusedWithoutTrace(() => moveMembership(visitor, id, move), UnauthenticatedError);
		await expect(listMemberships(visitor, world.clusterEr, {})).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(getMembership(visitor, id)).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(membershipsOfOrganisation(visitor, org.employers)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);

		// Every member of the directory reads the pipeline, the observer and focal points included.
		for (const who of ['observer', 'focalPointB'] as const) {
			const ctx = await world.as(who);
			expect((await listMemberships(ctx, world.clusterEr, {})).total).toBe(5);
			expect(await membershipHistory(ctx, id)).toHaveLength(1);
		}
		// The WASH coordinator manages the WASH pipeline, and an administrator any.
		await addToPipeline(washCoordinator, world.clusterWash, { organisationId: org.employers });
		const admin = await world.as('admin');
		expect((await moveMembership(admin, id, move)).stage).toBe('contacted');
	});

	it('does not find a membership through another cluster, nor change it that way', async () => {
		const coordinator = await world.as('coordinator');
		const { id } = (await membershipOf(org.solidarity))!;
		const asWash = { clusterId: world.clusterWash };
		await expect(getMembership(coordinator, id, asWash)).rejects.toBeInstanceOf(NotFoundError);
		await expect(membershipHistory(coordinator, id, asWash)).rejects.toBeInstanceOf(NotFoundError);
		await refusedWithoutTrace(
			() => moveMembership(coordinator, id, { stage: 'contacted', note: 'x' }, asWash),
			NotFoundError
		);
		await refusedWithoutTrace(() => removeMembership(coordinator, id, asWash), NotFoundError);
		await refusedWithoutTrace(
			() => moveMembership(coordinator, 'not-an-id', { stage: 'contacted', note: 'x' }),
			NotFoundError
		);
		await refusedWithoutTrace(
			() =>
				addToPipeline(coordinator, '00000000-0000-4000-8000-000000000000', { organisationId: org.telecom }),
			NotFoundError
		);
		expect((await getMembership(coordinator, id, { clusterId: world.clusterEr })).id).toBe(id);
	});

	it('refuses an unknown organisation, a duplicate, or a focal point of another organisation', async () => {
		const coordinator = await world.as('coordinator', 'en');
		const unknown = await refusedWithoutTrace(
			() =>
				addToPipeline(coordinator, world.clusterEr, {
					organisationId: '00000000-0000-4000-8000-000000000000'
				}),
			ValidationError
		);
		expect(unknown.errors).toEqual([
			{ path: 'organisationId', message: m.membership_error_organisation({}, { locale: 'en' }) }
		]);
		const malformed = await refusedWithoutTrace(
			() => addToPipeline(coordinator, world.clusterEr, { organisationId: 'DGPC', stage: 'friend' }),
			ValidationError
		);
		expect(malformed.errors.map((e) => e.path).sort()).toEqual(['organisationId', 'stage']);
		const duplicate = await refusedWithoutTrace(
			() => addToPipeline(coordinator, world.clusterEr, { organisationId: org.solidarity }),
			ConflictError
		);
		expect(duplicate.errors).toEqual([
			{ path: 'organisationId', message: m.membership_error_already_in_pipeline({}, { locale: 'en' }) }
		]);
		const strangerFocal = await refusedWithoutTrace(
			() =>
				addToPipeline(coordinator, world.clusterEr, { organisationId: org.telecom, focalPointId: personOfA }),
			ValidationError
		);
		expect(strangerFocal.errors[0]!.path).toBe('focalPointId');
		// A filter that is not on the list is named as such, not as "invalid input".
		const badFilter = await listMemberships(coordinator, world.clusterEr, { type: 'ministry' }).catch(
			(e: unknown) => e
		);
		expect(badFilter).toBeInstanceOf(ValidationError);
		expect((badFilter as ValidationError).errors).toEqual([
			{ path: 'type', message: m.membership_error_type({}, { locale: 'en' }) }
		]);
	});

	it('two coordinators adding the same organisation at once: one wins, the other gets a conflict', async () => {
		const first = await world.as('admin');
		const second = { ...(await world.as('coordinator')), db: (await t.connectAgain()).db };
		const results = await Promise.allSettled([
			addToPipeline(first, world.clusterEr, { organisationId: org.telecom }),
			addToPipeline(second, world.clusterEr, { organisationId: org.telecom })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const [failure] = results.filter((r) => r.status === 'rejected');
		expect(failure!.reason).toBeInstanceOf(ConflictError);
		expect(await membershipHistory(first, (await membershipOf(org.telecom))!.id)).toHaveLength(1);
	});

	it('names a person of the organisation as its focal point, and clears it', async () => {
		const coordinator = await world.as('coordinator');
		const { id } = (await membershipOf(org.civilProtection))!;
		expect((await focalPointOptions(coordinator, org.civilProtection)).map((p) => p.id)).toEqual([
			civilProtectionHead
		]);
		const named = await setFocalPoint(coordinator, id, { focalPointId: civilProtectionHead });
		expect(named).toMatchObject({ focalPointId: civilProtectionHead, focalPointName: 'Awa Coulibaly' });
		await refusedWithoutTrace(
			() => setFocalPoint(coordinator, id, { focalPointId: personOfA }),
			ValidationError
		);
		expect((await getMembership(coordinator, id)).focalPointId).toBe(civilProtectionHead);

		const clusters = await membershipsOfOrganisation(await world.as('focalPointB'), org.civilProtection);
		expect(clusters).toHaveLength(1);
		expect(clusters[0]).toMatchObject({
			clusterId: world.clusterEr,
			stage: 'contacted',
			focalPointName: 'Awa Coulibaly'
		});
		expect(clusters[0]!.clusterCode).toMatch(/^ER/);
		expect(clusters[0]!.since.toISOString().slice(0, 10)).toBe('2016-10-28');

		expect((await setFocalPoint(coordinator, id, { focalPointId: '' })).focalPointId).toBeNull();
	});

	it('the API patch moves and names the focal point in one write', async () => {
		const coordinator = await world.as('coordinator');
		const { id } = (await membershipOf(org.civilProtection))!;
		const events = await auditCount(t.db);
		const updated = await updateMembership(coordinator, id, {
			stage: 'interested',
			note: 'Intéressée par le groupe de travail',
			focalPointId: civilProtectionHead
		});
		expect(updated).toMatchObject({ stage: 'interested', focalPointId: civilProtectionHead });
		expect(await auditCount(t.db)).toBe(events + 1);
		// A patch with nothing but a note keeps the stage.
		expect((await updateMembership(coordinator, id, { note: 'Relance' })).stage).toBe('interested');
		// An empty patch writes nothing.
		const before = await tableCounts();
		expect((await updateMembership(coordinator, id, {})).stage).toBe('interested');
		expect(await tableCounts()).toEqual(before);
	});

	it('removes a prospect outright; any other membership becomes inactive with its history', async () => {
		const coordinator = await world.as('coordinator');
		const prospect = (await membershipOf(org.telecom))!;
		expect(await removeMembership(coordinator, prospect.id)).toBe('deleted');
		expect(await membershipOf(org.telecom)).toBeUndefined();
		const [deleted] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityId, prospect.id), eq(auditEvent.action, 'delete')));
		expect(deleted!.before).toMatchObject({ organisationId: org.telecom, stage: 'prospect' });

		const contacted = (await membershipOf(org.youthJobs))!;
		expect(await removeMembership(coordinator, contacted.id)).toBe('inactive');
		const history = await membershipHistory(coordinator, contacted.id);
		expect(history.map((s) => s.stage)).toEqual(['prospect', 'contacted', 'interested', 'inactive']);
		// Already inactive: nothing more to record.
		const before = await tableCounts();
		expect(await removeMembership(coordinator, contacted.id)).toBe('inactive');
		expect(await tableCounts()).toEqual(before);
	});
});
