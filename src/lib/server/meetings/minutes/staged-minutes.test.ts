import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addOrganisation, seedWorld, type World } from '../../../../../tests/actors';
import { attendance, cluster, importUpload, meeting, person } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import type { Ctx } from '../../context';
import { confirmStagedMinutes, getStagedMinutes, reviewParticipants, stageMinutes } from './staged-minutes';

const reference = readFileSync(
	new URL('../../../../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url)
);

describe(`minutes import: participants and the directory [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';
	let pnud = '';
	let acf = '';
	let dialo = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		pnud = await addOrganisation(t.db, {
			name: 'Programme des Nations Unies pour le développement',
			acronym: 'PNUD'
		});
		acf = await addOrganisation(t.db, { name: 'Action contre la Faim', acronym: 'ACF' });
		await t.db
			.insert(person)
			.values({ name: 'Sigfrido Romeo', email: 'sigfrido.romeo@undp.org', organisationId: pnud });
		const [row] = await t.db
			.insert(person)
			.values({ name: 'Moustapha Dialo', email: 'm.dialo@undp.org', organisationId: pnud })
			.returning();
		dialo = row!.id;
	});

	const stage = async (ctx: Ctx) =>
		stageMinutes(ctx, code, async () => ({ filename: 'crp.txt', bytes: new Uint8Array(reference) }));
	const people = async () => (await t.db.select({ n: count() }).from(person))[0]!.n;
	const indexOf = (draft: { participants: { name: string }[] }, name: string) =>
		draft.participants.findIndex((p) => p.name === name);

	it('proposes, for each participant not in the directory, to create them or keep the name, with look-alikes', async () => {
		const coordinator = await world.as('coordinator');
		const staged = await getStagedMinutes(coordinator, await stage(coordinator));
		const review = await reviewParticipants(coordinator, staged.draft);
		const byName = new Map(review.map((r) => [staged.draft.participants[r.index]!.name, r]));
		// Found by e-mail: linked, nothing to choose.
		expect(byName.has('Sigfrido Romeo')).toBe(false);
		// Organisation known and an e-mail: created unless the coordinator says otherwise.
		expect(byName.get('Mamadou Keita')).toMatchObject({ proposed: 'create', similar: [] });
		// "ONG 3AG" is not in the directory: a name only.
		expect(byName.get('Boukary Guindo')!.proposed).toBe('name');
		// A near-identical name in the directory is shown.
		expect(byName.get('Moustapha Diallo')!.similar.map((s) => s.id)).toEqual([dialo]);
	});

	it('creates and links the people chosen in the meeting’s transaction', async () => {
		const coordinator = await world.as('coordinator');
		const id = await stage(coordinator);
		const { draft } = await getStagedMinutes(coordinator, id);
		const before = await people();
		const saved = await confirmStagedMinutes(coordinator, id, {
			date: '2016-10-20',
			[`participant-${indexOf(draft, 'Moustapha Diallo')}`]: dialo,
			[`participant-${indexOf(draft, 'Baber Abdou Dicko')}`]: 'name'
		});
		const rows = await t.db
			.select()
			.from(attendance)
			.where(eq(attendance.meetingId, saved.id))
			.orderBy(asc(attendance.position));
		const linked = Object.fromEntries(rows.map((r) => [r.name, r.personId]));
		expect(linked['Moustapha Diallo']).toBe(dialo);
		expect(linked['Baber Abdou Dicko']).toBeNull();
		expect(linked['Boukary Guindo']).toBeNull();
		expect(linked['Sigfrido Romeo']).not.toBeNull();
		// Mamadou Keita (ACF, with an e-mail) was created, as proposed; nobody else.
		const [keita] = await t.db.select().from(person).where(eq(person.email, 'makeita@ml.acfpain.ml'));
		expect(keita).toMatchObject({
			name: 'Mamadou Keita',
			jobTitle: 'Coordonnateur adjoint SAME',
			organisationId: acf
		});
		expect(linked['Mamadou Keita']).toBe(keita!.id);
		expect(rows.find((r) => r.name === 'Mamadou Keita')!.organisationId).toBe(acf);
		expect(await people()).toBe(before + 1);
		// The minutes keep the names as written.
		expect(rows.find((r) => r.personId === dialo)!.name).toBe('Moustapha Diallo');
		expect(await t.db.select().from(importUpload).where(eq(importUpload.id, id))).toEqual([]);
	});

	it('leaves no new person behind when the meeting is refused, and names a bad choice', async () => {
		const coordinator = await world.as('coordinator');
		const id = await stage(coordinator);
		const { draft } = await getStagedMinutes(coordinator, id);
		const before = await people();
		const meetings = (await t.db.select({ n: count() }).from(meeting))[0]!.n;
		const everyone = Object.fromEntries(draft.participants.map((_, i) => [`participant-${i}`, 'create']));
		await expect(
			confirmStagedMinutes(coordinator, id, { ...everyone, date: '20/10/2016' })
		).rejects.toBeInstanceOf(ValidationError);
		expect(await people()).toBe(before);
		expect((await t.db.select({ n: count() }).from(meeting))[0]!.n).toBe(meetings);

		const index = indexOf(draft, 'Boukary Guindo');
		const error = await confirmStagedMinutes(coordinator, id, {
			date: '2016-10-20',
			[`participant-${index}`]: 'maybe'
		}).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors[0]).toMatchObject({ path: `participant-${index}` });
		expect((error as ValidationError).errors[0]!.message).toMatch(/^Boukary Guindo : /);
		expect(await people()).toBe(before);
	});

	it('refuses another user the staged import', async () => {
		const id = await stage(await world.as('coordinator'));
		const before = await people();
		await expect(
			confirmStagedMinutes(await world.as('focalPointA'), id, { date: '2016-10-20' })
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await people()).toBe(before);
	});
});
