import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import {
	auditEvent,
	cluster,
	location,
	membership,
	membershipStep,
	organisation,
	organisationLocation,
	organisationLogo,
	person,
	roleGrant
} from '../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import {
	mergeOrganisations,
	mergePeople,
	moverFor,
	organisationMergePreview,
	personMergePreview
} from './merge';
import { linksTo } from './record-links';
import { erasePerson } from './erase-person';
import { m } from '$lib/paraglide/messages';

describe(`merging records [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let places: { gao: string; mopti: string };
	let n = 0;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const rows = await t.db
			.insert(location)
			.values([
				{ pcode: 'ML07', name: 'Gao', level: 1 },
				{ pcode: 'ML05', name: 'Mopti', level: 1 }
			])
			.returning();
		places = { gao: rows[0]!.id, mopti: rows[1]!.id };
	});

	/**
	 * Two records of one organisation, as the directory ends up with them: "Mercy Corps" (kept) and
	 * "Mercy Corps Mali" (merged), each with people, roles, memberships, places and a logo.
	 */
	async function twoMercyCorps() {
		n++;
		const [kept, merged] = await t.db
			.insert(organisation)
			.values([
				{ name: `Mercy Corps ${n}`, type: 'international-ngo', emailDomains: ['mercycorps.org'] },
				{
					name: `Mercy Corps Mali ${n}`,
					acronym: 'MC',
					type: 'international-ngo',
					website: 'https://www.mercycorps.org',
					emailDomains: ['mercicorps.org', 'mercycorps.org']
				}
			])
			.returning();
		const [keptPerson, mergedPerson1, mergedPerson2] = await t.db
			.insert(person)
			.values([
				{ name: 'Ousmane Maïga', organisationId: kept!.id },
				{ name: 'Aminata Traoré', email: `atraore${n}@mercicorps.org`, organisationId: merged!.id },
				{ name: 'Issa Dicko', organisationId: merged!.id }
			])
			.returning();
		const both = await addUser(t.db, {
			email: `both-${n}@example.org`,
			name: 'Focal point of both',
			grants: [
				{ role: 'focal-point', organisationId: kept!.id },
				{ role: 'focal-point', organisationId: merged!.id }
			]
		});
		const onlyMerged = await addUser(t.db, {
			email: `merged-${n}@example.org`,
			name: 'Focal point of the merged one',
			grants: [{ role: 'focal-point', organisationId: merged!.id }]
		});
		// In ER both are there, the merged record further along; in WASH only the merged one.
		const [keptEr, mergedEr, mergedWash] = await t.db
			.insert(membership)
			.values([
				{ organisationId: kept!.id, clusterId: world.clusterEr, stage: 'contacted' },
				{
					organisationId: merged!.id,
					clusterId: world.clusterEr,
					stage: 'member',
					focalPointId: mergedPerson1!.id
				},
				{ organisationId: merged!.id, clusterId: world.clusterWash, stage: 'prospect' }
			])
			.returning();
		await t.db.insert(membershipStep).values([
			{ membershipId: keptEr!.id, stage: 'contacted', note: 'kept: contacted' },
			{ membershipId: mergedEr!.id, stage: 'interested', note: 'merged: interested' },
			{ membershipId: mergedEr!.id, stage: 'member', note: 'merged: member' },
			{ membershipId: mergedWash!.id, stage: 'prospect', note: 'merged: prospect' }
		]);
		await t.db.insert(organisationLocation).values([
			{ organisationId: kept!.id, locationId: places.gao },
			{ organisationId: merged!.id, locationId: places.gao },
			{ organisationId: merged!.id, locationId: places.mopti }
		]);
		await t.db
			.insert(organisationLogo)
			.values({ organisationId: merged!.id, mime: 'image/png', data: 'iVBOR' });
		await t.db
			.update(cluster)
			.set({ coLeadOrganisationId: merged!.id })
			.where(eq(cluster.id, world.clusterWash));
		return {
			kept: kept!,
			merged: merged!,
			people: { kept: keptPerson!, merged: [mergedPerson1!, mergedPerson2!] },
			users: { both, onlyMerged },
			memberships: { keptEr: keptEr!, mergedEr: mergedEr!, mergedWash: mergedWash! }
		};
	}

	/** Everything that points at either record, to compare before and after a refused merge. */
	async function snapshot(ids: string[]) {
		return {
			organisations: await t.db.select().from(organisation).where(inArray(organisation.id, ids)),
			people: await t.db
				.select({ id: person.id, organisationId: person.organisationId })
				.from(person)
				.where(inArray(person.organisationId, ids))
				.orderBy(asc(person.id)),
			grants: await t.db
				.select()
				.from(roleGrant)
				.where(inArray(roleGrant.organisationId, ids))
				.orderBy(asc(roleGrant.id)),
			memberships: await t.db
				.select()
				.from(membership)
				.where(inArray(membership.organisationId, ids))
				.orderBy(asc(membership.id)),
			steps: await t.db.select().from(membershipStep).orderBy(asc(membershipStep.id)),
			places: await t.db
				.select()
				.from(organisationLocation)
				.where(inArray(organisationLocation.organisationId, ids))
				.orderBy(asc(organisationLocation.organisationId), asc(organisationLocation.locationId)),
			logos: await t.db.select().from(organisationLogo).where(inArray(organisationLogo.organisationId, ids)),
			audit: await auditCount(t.db)
		};
	}

	describe('two organisations', () => {
		it('keeps every link: people, roles, memberships with their steps, places, logo, cluster co-lead', async () => {
			const s = await twoMercyCorps();
			const coordinator = await world.as('coordinator');
			const after = await mergeOrganisations(coordinator, s.merged.id, { into: s.kept.id });

			expect(after).toMatchObject({
				id: s.kept.id,
				name: s.kept.name,
				// Empty fields filled from the merged record, domains joined.
				acronym: 'MC',
				website: 'https://www.mercycorps.org',
				emailDomains: ['mercycorps.org', 'mercicorps.org']
			});
			expect(await t.db.select().from(organisation).where(eq(organisation.id, s.merged.id))).toEqual([]);

			const people = await t.db.select().from(person).where(eq(person.organisationId, s.kept.id));
			expect(people.map((p) => p.name)).toEqual(
				expect.arrayContaining(['Aminata Traoré', 'Issa Dicko', 'Ousmane Maïga'])
			);
			expect(await t.db.select().from(person).where(eq(person.organisationId, s.merged.id))).toEqual([]);

			// The user who was focal point of both keeps one grant; the other's grant moved.
			const grants = await t.db
				.select({ userId: roleGrant.userId, organisationId: roleGrant.organisationId })
				.from(roleGrant)
				.where(inArray(roleGrant.userId, [s.users.both, s.users.onlyMerged]));
			expect(grants).toHaveLength(2);
			expect(grants.every((g) => g.organisationId === s.kept.id)).toBe(true);

			const memberships = await t.db
				.select()
				.from(membership)
				.where(eq(membership.organisationId, s.kept.id))
				.orderBy(asc(membership.stage));
			// ER: the more advanced stage (member) stays, with its focal point, and every step of both.
			const er = memberships.find((ms) => ms.clusterId === world.clusterEr)!;
			expect(er).toMatchObject({
				id: s.memberships.mergedEr.id,
				stage: 'member',
				focalPointId: s.people.merged[0]!.id
			});
			const erSteps = await t.db.select().from(membershipStep).where(eq(membershipStep.membershipId, er.id));
			expect(erSteps.map((step) => step.note).sort()).toEqual([
				'kept: contacted',
				'merged: interested',
				'merged: member'
			]);
			expect(memberships.find((ms) => ms.clusterId === world.clusterWash)).toMatchObject({
				id: s.memberships.mergedWash.id,
				stage: 'prospect'
			});

			const placesAfter = await t.db
				.select({ locationId: organisationLocation.locationId })
				.from(organisationLocation)
				.where(eq(organisationLocation.organisationId, s.kept.id));
			expect(placesAfter.map((p) => p.locationId).sort()).toEqual([places.gao, places.mopti].sort());
			expect(
				await t.db.select().from(organisationLogo).where(eq(organisationLogo.organisationId, s.kept.id))
			).toHaveLength(1);
			const [wash] = await t.db.select().from(cluster).where(eq(cluster.id, world.clusterWash));
			expect(wash!.coLeadOrganisationId).toBe(s.kept.id);

			const [event] = await t.db
				.select()
				.from(auditEvent)
				.where(and(eq(auditEvent.action, 'merge'), eq(auditEvent.entityId, s.kept.id)));
			expect(event).toMatchObject({ entityType: 'organisation', actorUserId: world.users.coordinator });
			expect(event!.before).toMatchObject({
				kept: { id: s.kept.id, name: s.kept.name },
				merged: { id: s.merged.id, name: s.merged.name, acronym: 'MC' }
			});
			expect(event!.after).toMatchObject({
				id: s.kept.id,
				mergedId: s.merged.id,
				moved: {
					// Aminata, Issa, and the person record of the merged record's focal point account.
					'person.organisation_id': 3,
					'role_grant.organisation_id': 1,
					'membership.organisation_id': 2
				}
			});
		});

		it("keeps the kept record's logo when both have one", async () => {
			const s = await twoMercyCorps();
			await t.db
				.insert(organisationLogo)
				.values({ organisationId: s.kept.id, mime: 'image/gif', data: 'R0lG' });
			await mergeOrganisations(await world.as('admin'), s.merged.id, { into: s.kept.id });
			const logos = await t.db
				.select()
				.from(organisationLogo)
				.where(eq(organisationLogo.organisationId, s.kept.id));
			expect(logos).toEqual([expect.objectContaining({ mime: 'image/gif' })]);
		});

		it('shows both records side by side with what points at each', async () => {
			const s = await twoMercyCorps();
			const preview = await organisationMergePreview(await world.as('coordinator'), s.kept.id, s.merged.id);
			const peopleOf = async (id: string) =>
				(await t.db.select().from(person).where(eq(person.organisationId, id))).length;
			expect(preview.a).toMatchObject({
				id: s.kept.id,
				links: { 'person.organisation_id': await peopleOf(s.kept.id) }
			});
			expect(preview.b.links).toMatchObject({
				'person.organisation_id': await peopleOf(s.merged.id),
				'role_grant.organisation_id': 2,
				'membership.organisation_id': 2,
				'organisation_location.organisation_id': 2,
				'organisation_logo.organisation_id': 1,
				'cluster.co_lead_organisation_id': 1
			});
			await expect(
				organisationMergePreview(await world.as('focalPointA'), s.kept.id, s.merged.id)
			).rejects.toBeInstanceOf(ForbiddenError);
		});

		it('leaves both records intact when the merge fails half-way', async () => {
			const s = await twoMercyCorps();
			const before = await snapshot([s.kept.id, s.merged.id]);
			// The last step, deleting the merged record, fails after every link has been moved.
			await t.db.execute(
				sql.raw(`create function refuse_delete() returns trigger language plpgsql as $$
					begin raise exception 'refused for the test'; end $$`)
			);
			await t.db.execute(
				sql.raw(`create trigger refuse_delete before delete on organisation for each row
					when (old.id = '${s.merged.id}') execute function refuse_delete()`)
			);
			try {
				await expect(
					mergeOrganisations(await world.as('admin'), s.merged.id, { into: s.kept.id })
				).rejects.toThrow();
			} finally {
				await t.db.execute(sql.raw('drop trigger refuse_delete on organisation'));
				await t.db.execute(sql.raw('drop function refuse_delete'));
			}
			expect(await snapshot([s.kept.id, s.merged.id])).toEqual(before);
		});

		it('is refused to a focal point (even of both) and an observer, and nothing changes', async () => {
			const s = await twoMercyCorps();
			const before = await snapshot([s.kept.id, s.merged.id]);
			await t.db.insert(roleGrant).values([
				{ userId: world.users.focalPointA, role: 'focal-point', organisationId: s.kept.id },
				{ userId: world.users.focalPointA, role: 'focal-point', organisationId: s.merged.id }
			]);
			const grantsAdded = await snapshot([s.kept.id, s.merged.id]);
			for (const who of ['focalPointA', 'observer'] as const)
				await expect(
					mergeOrganisations(await world.as(who), s.merged.id, { into: s.kept.id })
				).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				mergeOrganisations(await world.as('visitor'), s.merged.id, { into: s.kept.id })
			).rejects.toBeInstanceOf(UnauthenticatedError);
			expect(await snapshot([s.kept.id, s.merged.id])).toEqual(grantsAdded);
			expect(grantsAdded.audit).toBe(before.audit);
		});

		it('explains bad input and changes nothing', async () => {
			const s = await twoMercyCorps();
			const before = await snapshot([s.kept.id, s.merged.id]);
			const admin = await world.as('admin', 'en');
			const invalid = await mergeOrganisations(admin, s.merged.id, { into: 'mercy' }).catch(
				(e: unknown) => e
			);
			expect(invalid).toBeInstanceOf(ValidationError);
			expect((invalid as ValidationError).errors).toEqual([
				{ path: 'into', message: m.records_error_into({}, { locale: 'en' }) }
			]);
			const same = await mergeOrganisations(admin, s.merged.id, { into: s.merged.id }).catch(
				(e: unknown) => e
			);
			expect((same as ValidationError).errors[0]!.message).toBe(
				m.records_error_same_record({}, { locale: 'en' })
			);
			await expect(
				mergeOrganisations(admin, s.merged.id, { into: '6a1d2b6e-8d1f-4c55-9d0e-0c4f4c3f2a11' })
			).rejects.toBeInstanceOf(ValidationError);
			await expect(
				mergeOrganisations(admin, '6a1d2b6e-8d1f-4c55-9d0e-0c4f4c3f2a11', { into: s.kept.id })
			).rejects.toBeInstanceOf(NotFoundError);
			expect(await snapshot([s.kept.id, s.merged.id])).toEqual(before);
		});
	});

	describe('two people', () => {
		let s: Awaited<ReturnType<typeof twoMercyCorps>>;
		beforeEach(async () => {
			s = await twoMercyCorps();
		});

		/** The person record of a new user account (accounts come with one). */
		async function personWithAccount(name: string) {
			const userId = await addUser(t.db, { email: `${name.toLowerCase()}-${n}@example.org`, name });
			const [row] = await t.db.select().from(person).where(eq(person.userId, userId));
			return row!;
		}

		it('moves the account, the focal points and fills the empty fields', async () => {
			const [kept] = await t.db
				.insert(person)
				.values({ name: 'Aminata TRAORE', jobTitle: 'Chargée de suivi', languages: ['fr'] })
				.returning();
			const merged = await personWithAccount('Aminata');
			await t.db
				.update(person)
				.set({ phone: '+223 76 00 00 00', languages: ['fr', 'bm'], organisationId: s.merged.id })
				.where(eq(person.id, merged.id));
			await t.db
				.update(membership)
				.set({ focalPointId: merged.id })
				.where(eq(membership.id, s.memberships.mergedEr.id));

			const after = await mergePeople(await world.as('coordinator'), merged.id, { into: kept!.id });
			expect(after).toMatchObject({
				id: kept!.id,
				name: 'Aminata TRAORE',
				jobTitle: 'Chargée de suivi',
				email: merged.email,
				phone: '+223 76 00 00 00',
				organisationId: s.merged.id,
				userId: merged.userId,
				languages: ['fr', 'bm']
			});
			expect(await t.db.select().from(person).where(eq(person.id, merged.id))).toEqual([]);
			const [ms] = await t.db.select().from(membership).where(eq(membership.id, s.memberships.mergedEr.id));
			expect(ms!.focalPointId).toBe(kept!.id);
			const [event] = await t.db
				.select()
				.from(auditEvent)
				.where(and(eq(auditEvent.action, 'merge'), eq(auditEvent.entityId, kept!.id)));
			expect(event).toMatchObject({ entityType: 'person' });
			expect(event!.before).toMatchObject({
				kept: { id: kept!.id },
				merged: { id: merged.id, userId: merged.userId }
			});
			expect(event!.after).toMatchObject({ mergedId: merged.id, moved: { 'membership.focal_point_id': 1 } });
		});

		it('refuses two people who both have an account, saying why, and changes nothing', async () => {
			const a = await personWithAccount('Awa');
			const b = await personWithAccount('Bintou');
			const rows = async () =>
				t.db
					.select()
					.from(person)
					.where(inArray(person.id, [a.id, b.id]))
					.orderBy(asc(person.id));
			const before = { rows: await rows(), audit: await auditCount(t.db) };
			const refused = await mergePeople(await world.as('admin', 'en'), a.id, { into: b.id }).catch(
				(e: unknown) => e
			);
			expect(refused).toBeInstanceOf(ConflictError);
			expect((refused as ConflictError).errors[0]!.message).toBe(
				m.records_error_both_accounts({}, { locale: 'en' })
			);
			expect((await personMergePreview(await world.as('admin', 'en'), a.id, b.id)).blocker).toBe(
				m.records_error_both_accounts({}, { locale: 'en' })
			);
			expect({ rows: await rows(), audit: await auditCount(t.db) }).toEqual(before);
		});

		it('refuses to merge a person who was erased', async () => {
			const [a, b] = s.people.merged;
			await erasePerson(await world.as('admin'), a!.id);
			await expect(mergePeople(await world.as('admin'), b!.id, { into: a!.id })).rejects.toBeInstanceOf(
				ConflictError
			);
		});

		it('is refused to focal points and observers, and nothing changes', async () => {
			const [a, b] = s.people.merged;
			const before = await snapshot([s.kept.id, s.merged.id]);
			for (const who of ['focalPointA', 'focalPointB', 'observer'] as const)
				await expect(mergePeople(await world.as(who), a!.id, { into: b!.id })).rejects.toBeInstanceOf(
					ForbiddenError
				);
			expect(await snapshot([s.kept.id, s.merged.id])).toEqual(before);
		});
	});

	it('knows how to move every link to an organisation or a person, present and future', () => {
		const organisationLinks = linksTo(organisation).map((l) => l.key);
		expect(organisationLinks).toEqual(
			expect.arrayContaining([
				'cluster.co_lead_organisation_id',
				'cluster.lead_organisation_id',
				'membership.organisation_id',
				'organisation_location.organisation_id',
				'organisation_logo.organisation_id',
				'person.organisation_id',
				'role_grant.organisation_id'
			])
		);
		expect(linksTo(person).map((l) => l.key)).toContain('membership.focal_point_id');
		// A link in a unique key needs its own way to move (see MOVERS in merge.ts).
		for (const link of [...linksTo(organisation), ...linksTo(person)])
			expect(moverFor(link), `no way to move ${link.key}`).not.toBeNull();
		expect(linksTo(organisation).find((l) => l.key === 'role_grant.organisation_id')!.inUniqueKey).toBe(true);
		expect(linksTo(organisation).find((l) => l.key === 'person.organisation_id')!.inUniqueKey).toBe(false);
	});
});
