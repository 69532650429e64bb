import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, ctxFor, seedWorld, type World } from '../../../../tests/actors';
import { calendarEvent, membership } from '../db/schema';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { loadActor } from '../access/actor';
import { addOctober2016 } from './calendar-fixtures';
import {
	addDays,
	clustersFollowedBy,
	gatherAgenda,
	readAgenda,
	type AgendaEntry,
	type AgendaSource
} from './agenda';

const october = { from: '2016-10-01', to: '2016-10-31' };
const brief = (entries: AgendaEntry[]) => entries.map((e) => [e.kind, e.title, e.startsOn, e.endsOn]);

describe(`calendar agenda [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let er: Awaited<ReturnType<typeof addOctober2016>>;
	let washCode = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		er = await addOctober2016(t.db, world.clusterEr, { responsibleOrganisationId: world.orgA });
		const wash = await t.db
			.insert(calendarEvent)
			.values({ clusterId: world.clusterWash, kind: 'other', title: 'Revue WASH', startsOn: '2016-10-21' })
			.returning();
		expect(wash).toHaveLength(1);
		washCode = er.code.replace(/^ER/, 'WA');
	});

	it('gathers a cluster’s month from every source, in day order, with times, places and links', async () => {
		const entries = await gatherAgenda(await world.as('observer'), { ...october, clusters: [er.code] });
		expect(brief(entries)).toEqual([
			['activity', 'Atelier de planification HRP 2017', '2016-10-10', '2016-11-15'],
			['plan', 'Début de la période : Plan brouillon', '2016-10-15', '2016-10-15'],
			['meeting', 'Réunion du Cluster Relèvement Précoce', '2016-10-20', '2016-10-20'],
			['training', 'OPS training', '2016-10-21', '2016-10-21'],
			['action', 'Partager la matrice des projets', '2016-10-25', '2016-10-25'],
			['plan', 'Publication : HRP 2017 publié', '2016-10-28', '2016-10-28'],
			['deadline', 'Clôture des soumissions de projets, HRP 2017; OPS', '2016-10-31', '2016-10-31']
		]);
		const training = entries.find((e) => e.kind === 'training')!;
		expect([training.startTime, training.endTime, training.place, training.href]).toEqual([
			'10:00',
			'12:00',
			'NRC office',
			`/calendar/events/${er.training.id}`
		]);
		const action = entries.find((e) => e.kind === 'action')!;
		expect(action.href).toBe(`/actions/${er.action.id}`);
		expect(action.detail).toBe('Responsable : Coordinateur CRP, OA');
		expect(entries.find((e) => e.kind === 'meeting')!.href).toBe(`/meetings/${er.meeting.id}`);
		expect(entries.find((e) => e.kind === 'activity')!.href).toBe(`/calendar/work-plans/${er.workPlan.id}`);
		expect(entries.find((e) => e.kind === 'plan')!.href).toBe(`/plans/${er.draftPlan.id}`);
		expect(entries.every((e) => e.clusters.includes(er.code))).toBe(true);
	});

	it('writes plan titles and labels in the reader’s language', async () => {
		const entries = await gatherAgenda(await world.as('observer', 'en'), { ...october, clusters: [er.code] });
		expect(entries.map((e) => e.title)).toContain('Published: Mali — Humanitarian Response Plan 2017');
		expect(entries.find((e) => e.kind === 'action')!.detail).toBe('Responsible: Coordinateur CRP, OA');
	});

	it('keeps to the period and the clusters asked for; every cluster when none is named', async () => {
		const erOnly = await gatherAgenda(await world.as('focalPointB'), { ...october, clusters: [er.code] });
		expect(erOnly.map((e) => e.title)).not.toContain('Revue WASH');
		const both = await gatherAgenda(await world.as('focalPointB'), {
			...october,
			clusters: [er.code, washCode]
		});
		expect(both.map((e) => e.title)).toContain('Revue WASH');
		const all = await gatherAgenda(await world.as('focalPointB'), october);
		expect(all.length).toBeGreaterThanOrEqual(both.length);
		const oneDay = await gatherAgenda(await world.as('focalPointB'), {
			from: '2016-10-21',
			to: '2016-10-21',
			clusters: [er.code]
		});
		// The activity runs over the day; the training is on it.
		expect(brief(oneDay).map((e) => e[1])).toEqual(['Atelier de planification HRP 2017', 'OPS training']);
		const november = await gatherAgenda(await world.as('focalPointB'), {
			from: '2016-11-01',
			to: '2016-11-30',
			clusters: [er.code]
		});
		expect(brief(november).map((e) => e[1])).toEqual(['Atelier de planification HRP 2017']);
	});

	it('leaves out done and undated actions and cancelled activities', async () => {
		const entries = await gatherAgenda(await world.as('coordinator'), { ...october, clusters: [er.code] });
		const titles = entries.map((e) => e.title);
		for (const gone of ['Action déjà faite', 'Action sans échéance', 'Activité annulée'])
			expect(titles).not.toContain(gone);
	});

	it('refuses visitors and names no unknown cluster', async () => {
		await expect(gatherAgenda(await world.as('visitor'), october)).rejects.toBeInstanceOf(
			UnauthenticatedError
		);
		await expect(
			gatherAgenda(await world.as('observer'), { ...october, clusters: ['NOPE'] })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('gives the public audience no action items and no draft plans', async () => {
		const entries = await readAgenda(t.db, {
			...october,
			clusterIds: [world.clusterEr],
			audience: 'public',
			locale: 'fr'
		});
		expect(entries.map((e) => e.kind)).not.toContain('action');
		expect(entries.map((e) => e.title)).not.toContain('Début de la période : Plan brouillon');
		expect(entries.map((e) => e.title)).toContain('OPS training');
	});

	it('takes another module’s source as it is given', async () => {
		const submissions: AgendaSource = {
			name: 'projects',
			read: async (_db, q) => [
				{
					uid: 'submission-window-1',
					kind: 'deadline',
					title: 'Soumissions OPS',
					startsOn: q.from,
					endsOn: addDays(q.from, 9),
					startTime: null,
					endTime: null,
					place: null,
					detail: null,
					href: '/projects',
					clusters: ['ER'],
					updatedAt: new Date()
				}
			]
		};
		const entries = await readAgenda(
			t.db,
			{ ...october, clusterIds: [world.clusterEr], audience: 'members', locale: 'fr' },
			[submissions]
		);
		expect(brief(entries)).toEqual([['deadline', 'Soumissions OPS', '2016-10-01', '2016-10-10']]);
	});

	it('follows the clusters of a user’s roles and of their organisation’s memberships', async () => {
		const coordinator = (await world.as('coordinator')).actor!;
		expect(await clustersFollowedBy(t.db, coordinator)).toEqual([world.clusterEr]);
		expect(await clustersFollowedBy(t.db, (await world.as('admin')).actor!)).toBeNull();
		expect(await clustersFollowedBy(t.db, (await world.as('focalPointB')).actor!)).toEqual([]);
		await t.db
			.insert(membership)
			.values({ organisationId: world.orgB, clusterId: world.clusterWash, stage: 'member' });
		await t.db
			.insert(membership)
			.values({ organisationId: world.orgB, clusterId: world.clusterEr, stage: 'prospect' });
		expect(await clustersFollowedBy(t.db, (await world.as('focalPointB')).actor!)).toEqual([
			world.clusterWash
		]);
		const plain = await addUser(t.db, {
			email: `plain-${world.clusterEr}@example.org`,
			name: 'Plain',
			grants: []
		});
		expect(await clustersFollowedBy(t.db, (await loadActor(t.db, plain))!)).toEqual([]);
		expect((await ctxFor(t.db, plain)).actor).not.toBeNull();
	});
});
