import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { actionItem, agendaItem, cluster, meeting } from '../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import { m } from '$lib/paraglide/messages';
import { getMeeting } from './meetings';
import { createPlannedMeeting, deleteMeeting, getMeetingForEdit, updateMeeting } from './edit-meeting';
import { addAgendaItem, moveAgendaItem, removeAgendaItem, updateAgendaItem } from './edit-agenda';
import { applyNoteCommand, setNotes } from './edit-notes';

const planned = {
	title: 'Réunion mensuelle du CRP',
	kind: 'cluster-meeting',
	date: '2016-11-17',
	startTime: '14:30',
	endTime: '16:30',
	place: 'PNUD',
	objectives: '<p>Faire le point sur le <b>HRP 2017</b><script>alert(1)</script></p>'
};

describe(`meeting editing [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';
	let washCode = '';
	let washCoordinator = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		washCode = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterWash)))[0]!.code;
		washCoordinator = await addUser(t.db, {
			email: `wash-meetings-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
	});

	const coordinator = () => world.as('coordinator');
	const fields = (read: Awaited<ReturnType<typeof getMeeting>>) => ({
		title: read.title,
		kind: read.kind,
		date: read.heldOn,
		startTime: read.startTime,
		endTime: read.endTime,
		place: read.place,
		objectives: read.objectives
	});

	it('plans a meeting with its objectives sanitised, then builds its agenda with a "Divers" section', async () => {
		const before = await auditCount(t.db);
		const row = await createPlannedMeeting(await coordinator(), code.toLowerCase(), {
			...planned,
			endTime: ''
		});
		expect([row.state, row.heldOn, row.startTime, row.endTime]).toEqual([
			'planned',
			'2016-11-17',
			'14:30',
			null
		]);
		expect(row.objectives).toBe('<p>Faire le point sur le <b>HRP 2017</b></p>');
		expect(await auditCount(t.db)).toBe(before + 1);

		const ctx = await coordinator();
		const hrp = await addAgendaItem(ctx, row.id, {
			subject: 'HRP 2017',
			context: '<p>Le HNO est <em>validé</em>.</p><img src=x onerror=alert(1)>',
			status: 'En cours'
		});
		const ops = await addAgendaItem(ctx, row.id, { subject: 'Formation OPS', section: '' });
		const misc = await addAgendaItem(ctx, row.id, { subject: 'Nouveaux partenaires', section: 'Divers' });
		const first = await addAgendaItem(ctx, row.id, { subject: 'Mot de bienvenue', position: '1' });
		expect(hrp.context).toBe('<p>Le HNO est <em>validé</em>.</p>');
		expect(hrp.status).toBe('<p>En cours</p>');
		let read = await getMeeting(ctx, row.id);
		expect(read.agenda.map((a) => [a.position, a.subject, a.section])).toEqual([
			[1, 'Mot de bienvenue', null],
			[2, 'HRP 2017', null],
			[3, 'Formation OPS', null],
			[4, 'Nouveaux partenaires', 'Divers']
		]);

		await moveAgendaItem(ctx, ops.id, 'down');
		await updateAgendaItem(ctx, ops.id, {
			section: 'Divers',
			subject: 'Formation OPS (NRC)',
			status: 'Vendredi 10:00',
			version: read.version
		});
		await moveAgendaItem(ctx, first.id, 'up'); // already first: stays
		await removeAgendaItem(ctx, first.id, { version: read.version });
		read = await getMeeting(ctx, row.id);
		expect(read.agenda.map((a) => [a.position, a.subject, a.section])).toEqual([
			[1, 'HRP 2017', null],
			[2, 'Nouveaux partenaires', 'Divers'],
			[3, 'Formation OPS (NRC)', 'Divers']
		]);
		expect(read.agenda[2]!.status).toBe('<p>Vendredi 10:00</p>');
		expect(misc.id).toBe(read.agenda[1]!.id);

		await setNotes(ctx, row.id, 'lessons', { items: ['Envoyer le HNO plus tôt', '  '] });
		await setNotes(ctx, row.id, 'consensus', { items: 'Les partenaires soumettent avant le 31 octobre' });
		await setNotes(ctx, row.id, 'perspectives', {
			items: applyNoteCommand(['Atelier ORS', 'Formation OPS', 'Supprimé'], 'remove:2')
		});
		await setNotes(ctx, row.id, 'perspectives', {
			items: applyNoteCommand(['Atelier ORS', 'Formation OPS'], 'up:1')
		});
		read = await getMeeting(ctx, row.id);
		expect([read.lessons, read.consensus, read.perspectives]).toEqual([
			['Envoyer le HNO plus tôt'],
			['Les partenaires soumettent avant le 31 octobre'],
			['Formation OPS', 'Atelier ORS']
		]);
	});

	it('saves the fields, naming in the user’s language a mistake or what another editor changed', async () => {
		const ctx = await coordinator();
		const row = await createPlannedMeeting(ctx, code, planned);
		const opened = await getMeetingForEdit(ctx, row.id);

		const backwards = await updateMeeting(await world.as('coordinator', 'en'), row.id, {
			...fields(opened),
			startTime: '16:00',
			endTime: '09:00',
			version: opened.version
		}).catch((e: unknown) => e);
		expect(backwards).toBeInstanceOf(ValidationError);
		expect((backwards as ValidationError).errors).toContainEqual({
			path: 'endTime',
			message: m.minutes_error_end_before_start({}, { locale: 'en' })
		});

		// A first editor moves the meeting and renames an item; a second, who opened it before, is refused.
		const item = await addAgendaItem(ctx, row.id, { subject: 'HRP 2017' });
		const second = await getMeetingForEdit(ctx, row.id);
		await updateMeeting(ctx, row.id, {
			...fields(second),
			place: 'NRC',
			date: '2016-11-18',
			version: second.version
		});
		await updateAgendaItem(ctx, item.id, { subject: 'HRP 2017 — calendrier', version: second.version });
		const before = await auditCount(t.db);
		const stale = await updateMeeting(ctx, row.id, {
			...fields(second),
			title: 'Réunion extraordinaire',
			version: second.version
		}).catch((e: unknown) => e);
		expect(stale).toBeInstanceOf(ConflictError);
		const message = (stale as ConflictError).errors[0]!.message;
		expect(message).toContain(m.meetingedit_field_place({}, { locale: 'fr' }));
		expect(message).toContain(m.meetingedit_field_date({}, { locale: 'fr' }));
		expect(message).not.toContain('HRP'); // an agenda item does not stand in the way of the fields
		const staleItem = await updateAgendaItem(ctx, item.id, {
			subject: 'HRP',
			version: second.version
		}).catch((e: unknown) => e);
		expect((staleItem as ConflictError).errors[0]!.message).toContain('« HRP 2017 — calendrier »');
		expect(await auditCount(t.db)).toBe(before);
		expect((await getMeeting(ctx, row.id)).title).toBe(planned.title);

		// Other parts go through: the lessons were not touched since.
		await setNotes(ctx, row.id, 'lessons', { items: ['Une leçon'], version: second.version });
		const fresh = await getMeetingForEdit(ctx, row.id);
		await updateMeeting(ctx, row.id, {
			...fields(fresh),
			title: 'Réunion extraordinaire',
			version: fresh.version
		});
		expect((await getMeeting(ctx, row.id)).title).toBe('Réunion extraordinaire');
		await expect(
			updateMeeting(ctx, row.id, { ...fields(fresh), version: 'yesterday' })
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('refuses partners, observers, other clusters and visitors, writing nothing', async () => {
		const row = await createPlannedMeeting(await coordinator(), code, planned);
		const item = await addAgendaItem(await coordinator(), row.id, { subject: 'HRP 2017' });
		const before = await auditCount(t.db);
		const wash = await ctxFor(t.db, washCoordinator);
		for (const ctx of [await world.as('focalPointA'), await world.as('observer'), wash]) {
			await expect(createPlannedMeeting(ctx, code, planned)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateMeeting(ctx, row.id, planned)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(getMeetingForEdit(ctx, row.id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(addAgendaItem(ctx, row.id, { subject: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateAgendaItem(ctx, item.id, { subject: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
			await expect(removeAgendaItem(ctx, item.id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(setNotes(ctx, row.id, 'lessons', { items: ['x'] })).rejects.toBeInstanceOf(ForbiddenError);
			await expect(deleteMeeting(ctx, row.id)).rejects.toBeInstanceOf(ForbiddenError);
		}
		// The WASH coordinator plans WASH meetings.
		await expect(createPlannedMeeting(wash, washCode, planned)).resolves.toMatchObject({ state: 'planned' });
		const visitor = await world.as('visitor');
		await expect(updateMeeting(visitor, row.id, planned)).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(setNotes(visitor, row.id, 'lessons', {})).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(setNotes(await coordinator(), row.id, 'decisions', {})).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await auditCount(t.db)).toBe(before + 1);
		expect((await getMeeting(await coordinator(), row.id)).agenda.map((a) => a.subject)).toEqual([
			'HRP 2017'
		]);
	});

	it('deletes a meeting, keeping its action items in the tracker without the link', async () => {
		const ctx = await coordinator();
		const row = await createPlannedMeeting(ctx, code, planned);
		const item = await addAgendaItem(ctx, row.id, { subject: 'HRP 2017' });
		await t.db.insert(actionItem).values({
			clusterId: world.clusterEr,
			meetingId: row.id,
			agendaItemId: item.id,
			description: 'Soumettre les projets',
			responsibleText: 'Partenaires du CRP'
		});
		const opened = await getMeetingForEdit(ctx, row.id);
		await setNotes(ctx, row.id, 'consensus', { items: ['Un consensus'] });
		const stale = await deleteMeeting(ctx, row.id, { version: opened.version }).catch((e: unknown) => e);
		expect((stale as ConflictError).errors[0]!.message).toContain(m.minutes_consensus({}, { locale: 'fr' }));
		const before = await auditCount(t.db);
		const { actionItemsKept } = await deleteMeeting(ctx, row.id, {
			version: (await getMeeting(ctx, row.id)).version
		});
		expect(actionItemsKept).toBe(1);
		expect(await auditCount(t.db)).toBe(before + 1);
		await expect(getMeeting(ctx, row.id)).rejects.toBeInstanceOf(NotFoundError);
		const kept = await t.db
			.select()
			.from(actionItem)
			.where(eq(actionItem.description, 'Soumettre les projets'));
		expect(kept.map((a) => [a.meetingId, a.agendaItemId, a.clusterId])).toEqual([
			[null, null, world.clusterEr]
		]);
		const [items] = await t.db
			.select({ n: count() })
			.from(agendaItem)
			.where(eq(agendaItem.meetingId, row.id));
		expect(items!.n).toBe(0);
		expect(await t.db.select().from(meeting).where(eq(meeting.id, row.id))).toEqual([]);
	});
});
