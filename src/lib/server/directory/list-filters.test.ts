import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, auditCount, seedWorld, type World } from '../../../../tests/actors';
import {
	auditEvent,
	cluster,
	location,
	membership,
	organisation,
	organisationLocation,
	person
} from '../db/schema';
import {
	createOrganisation,
	deleteOrganisation,
	getOrganisationDetail,
	listOrganisations,
	updateOrganisation
} from './organisations';
import { createPerson, listPeople, updatePerson } from './people';
import { getLogo, removeLogo, setLogo } from './logos';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe(`directory lists, places, logos [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let ngo: string;
	let ministry: string;
	let firm: string;
	let clusterCode: string;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const [ml] = await t.db.insert(location).values({ pcode: 'ML', name: 'Mali', level: 0 }).returning();
		const [gao] = await t.db
			.insert(location)
			.values({ pcode: 'ML07', name: 'Gao', level: 1, parentId: ml!.id })
			.returning();
		await t.db.insert(location).values([
			{ pcode: 'ML0701', name: 'Ansongo', level: 2, parentId: gao!.id },
			{ pcode: 'ML06', name: 'Tombouctou', level: 1, parentId: ml!.id }
		]);
		const coordinator = await world.as('coordinator');
		ngo = (
			await createOrganisation(coordinator, {
				name: 'Relèvement Nord',
				type: 'national-ngo',
				places: 'ML0701'
			})
		).id;
		ministry = await addOrganisation(t.db, { name: 'Ministère de la Solidarité', type: 'government' });
		firm = await addOrganisation(t.db, { name: 'Orange Mali', type: 'private-sector' });
		const [er] = await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr));
		clusterCode = er!.code;
		await t.db.insert(membership).values([
			{ organisationId: ngo, clusterId: world.clusterEr, stage: 'member' },
			{ organisationId: ministry, clusterId: world.clusterEr, stage: 'prospect' },
			{ organisationId: firm, clusterId: world.clusterWash, stage: 'prospect' }
		]);
		await t.db.insert(person).values([
			{ name: 'Awa Traoré', organisationId: ngo, languages: ['fr', 'bm'] },
			{ name: 'John Smith', organisationId: firm, languages: ['en'] }
		]);
	});

	const names = (items: { name: string }[]) => items.map((i) => i.name);

	it('filters organisations by cluster, membership step, type and place (a place includes the places inside it)', async () => {
		const observer = await world.as('observer');
		const inCluster = await listOrganisations(observer, { cluster: clusterCode.toLowerCase() });
		expect(names(inCluster.items).sort()).toEqual(['Ministère de la Solidarité', 'Relèvement Nord']);
		const prospects = await listOrganisations(observer, { cluster: clusterCode, stage: 'prospect' });
		expect(names(prospects.items)).toEqual(['Ministère de la Solidarité']);
		const anyProspect = await listOrganisations(observer, { stage: 'prospect', type: 'private-sector' });
		expect(names(anyProspect.items)).toEqual(['Orange Mali']);
		expect(names((await listOrganisations(observer, { place: 'ML07' })).items)).toEqual(['Relèvement Nord']);
		expect((await listOrganisations(observer, { place: 'ML06' })).total).toBe(0);
	});

	it('sorts organisations by the column asked for, and refuses an unknown sort with a message', async () => {
		const observer = await world.as('observer');
		const byType = await listOrganisations(observer, { sort: 'type', q: 'i' });
		const types = byType.items.map((o) => o.type);
		expect(types).toEqual([...types].sort());
		await expect(listOrganisations(observer, { sort: 'salary' })).rejects.toBeInstanceOf(ValidationError);
		// A filter value that is not in the list is named in the user's language, not "invalid input".
		const error = await listOrganisations(await world.as('observer', 'en'), { type: 'ministry' }).catch(
			(e) => e
		);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'type', message: m.directory_error_type({}, { locale: 'en' }) }
		]);
	});

	it('keeps where an organisation works, and names an unknown P-code without changing anything', async () => {
		const coordinator = await world.as('coordinator');
		const detail = await getOrganisationDetail(coordinator, ngo);
		expect(detail.places).toEqual([{ pcode: 'ML0701', name: 'Ansongo', level: 2 }]);
		const events = await auditCount(t.db);
		const error = await updateOrganisation(coordinator, ngo, { places: 'ML06, ML99', address: 'Gao' }).catch(
			(e) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors[0]).toMatchObject({ path: 'places' });
		expect((error as ValidationError).errors[0]!.message).toContain('ML99');
		expect(await auditCount(t.db)).toBe(events);
		const [row] = await t.db.select().from(organisation).where(eq(organisation.id, ngo));
		expect(row!.address).toBeNull();

		await updateOrganisation(coordinator, ngo, { places: ['ml06', 'ML0701'], phone: '+223 20 22 00 00' });
		const after = await getOrganisationDetail(coordinator, ngo);
		expect(after.places.map((p) => p.pcode)).toEqual(['ML06', 'ML0701']);
		expect(after.phone).toBe('+223 20 22 00 00');
		// Leaving the field out keeps the places.
		await updateOrganisation(coordinator, ngo, { address: 'Quartier Château, Gao' });
		expect((await getOrganisationDetail(coordinator, ngo)).places).toHaveLength(2);
		const links = await t.db
			.select()
			.from(organisationLocation)
			.where(eq(organisationLocation.organisationId, ngo));
		expect(links).toHaveLength(2);
	});

	it('filters people by organisation type, cluster and language', async () => {
		const observer = await world.as('observer');
		expect(names((await listPeople(observer, { language: 'bm' })).items)).toEqual(['Awa Traoré']);
		expect(names((await listPeople(observer, { type: 'private-sector' })).items)).toEqual(['John Smith']);
		expect(names((await listPeople(observer, { cluster: clusterCode })).items)).toEqual(['Awa Traoré']);
		expect((await listPeople(observer, { q: 'traore', type: 'national-ngo' })).total).toBe(1);
		// A search also finds people by the name or acronym of their organisation.
		expect(names((await listPeople(observer, { q: 'orange mali' })).items)).toEqual(['John Smith']);
		expect(names((await listPeople(observer, { q: 'AWA TRAORE' })).items)).toEqual(['Awa Traoré']);
	});

	it('takes languages as codes and refuses a malformed one', async () => {
		const coordinator = await world.as('coordinator');
		const created = await createPerson(coordinator, { name: 'Moussa Diallo', languages: 'fr, ff, EN' });
		expect(created.languages).toEqual(['fr', 'ff', 'en']);
		await expect(updatePerson(coordinator, created.id, { languages: 'français' })).rejects.toBeInstanceOf(
			ValidationError
		);
	});

	it('refuses to edit an erased person back to life', async () => {
		const coordinator = await world.as('coordinator');
		const [erased] = await t.db
			.insert(person)
			.values({ name: '—', erasedAt: new Date() })
			.returning({ id: person.id });
		const events = await auditCount(t.db);
		await expect(updatePerson(coordinator, erased!.id, { name: 'Back again' })).rejects.toBeInstanceOf(
			ConflictError
		);
		expect(await auditCount(t.db)).toBe(events);
	});

	it('stores a raster logo, refuses other files and other organisations’ focal points, audits each change', async () => {
		const coordinator = await world.as('coordinator');
		await expect(
			setLogo(coordinator, ngo, new TextEncoder().encode('<svg onload="alert(1)"/>'))
		).rejects.toThrow(ValidationError);
		const big = new Uint8Array(600 * 1024);
		big.set(PNG);
		await expect(setLogo(coordinator, ngo, big)).rejects.toBeInstanceOf(ValidationError);
		await expect(setLogo(await world.as('focalPointB'), world.orgA, PNG)).rejects.toBeInstanceOf(
			ForbiddenError
		);

		const events = await auditCount(t.db);
		await setLogo(await world.as('focalPointA'), world.orgA, PNG);
		const logo = await getLogo(await world.as('observer'), world.orgA);
		expect(logo.mime).toBe('image/png');
		expect([...logo.bytes]).toEqual([...PNG]);
		expect((await getOrganisationDetail(coordinator, world.orgA)).hasLogo).toBe(true);
		await removeLogo(coordinator, world.orgA);
		expect((await getOrganisationDetail(coordinator, world.orgA)).hasLogo).toBe(false);
		expect(await auditCount(t.db)).toBe(events + 2);
	});

	it('deleting an organisation lists in its audit event the people, grants, memberships and places that went with it', async () => {
		const admin = await world.as('admin');
		const doomed = await createOrganisation(admin, { name: 'Éphémère', type: 'other', places: 'ML06' });
		const [someone] = await t.db
			.insert(person)
			.values({ name: 'Ali', organisationId: doomed.id })
			.returning();
		await t.db
			.insert(membership)
			.values({ organisationId: doomed.id, clusterId: world.clusterEr, stage: 'member' });
		await deleteOrganisation(admin, doomed.id);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.entityId, doomed.id), eq(auditEvent.action, 'delete')));
		expect(event!.before).toMatchObject({
			name: 'Éphémère',
			peopleIds: [someone!.id],
			memberships: [{ clusterId: world.clusterEr, stage: 'member' }]
		});
		expect((event!.before as { locationIds: string[] }).locationIds).toHaveLength(1);
		// The person stays, without an organisation.
		const [kept] = await t.db.select().from(person).where(eq(person.id, someone!.id));
		expect(kept!.organisationId).toBeNull();
	});
});
