import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { actionItem, agendaItem, cluster, meeting, person } from '../db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { getAction, listActions, setActionStatus } from './actions';
import { createAction, deleteAction, updateAction } from './action-edit';
import { findResponsible } from './action-responsible';

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return error as ValidationError;
}

describe(`action tracker [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		const add = async (key: string, values: Partial<typeof actionItem.$inferInsert>) => {
			const [row] = await t.db
				.insert(actionItem)
				.values({ clusterId: world.clusterEr, description: key, ...values })
				.returning();
			ids[key] = row!.id;
		};
		await add('Réviser les chiffres', { dueOn: '2016-10-25', responsibleText: 'Coordinateur CRP' });
		await add('Soumettre les projets', { dueOn: '2999-10-31', responsibleOrganisationId: world.orgA });
		await add('Former les partenaires', {
			dueOn: '2016-10-21',
			status: 'done',
			responsibleOrganisationId: world.orgB
		});
		await add('Sans échéance', { responsibleOrganisationId: world.orgA });
		await t.db.insert(actionItem).values({ clusterId: world.clusterWash, description: 'Autre cluster' });
	});

	it('lists a cluster’s actions by due date, the overdue ones flagged, and filters them', async () => {
		const ctx = await world.as('observer');
		const all = await listActions(ctx, { cluster: code });
		expect(all.items.map((a) => [a.description, a.overdue])).toEqual([
			['Former les partenaires', false],
			['Réviser les chiffres', true],
			['Soumettre les projets', false],
			['Sans échéance', false]
		]);
		expect(all.total).toBe(4);
		const overdue = await listActions(ctx, { cluster: code, overdue: '1' });
		expect(overdue.items.map((a) => a.description)).toEqual(['Réviser les chiffres']);
		const ours = await listActions(await world.as('focalPointA'), { organisation: world.orgA });
		expect(ours.items.map((a) => [a.description, a.canChangeStatus])).toEqual([
			['Soumettre les projets', true],
			['Sans échéance', true]
		]);
		expect((await listActions(ctx, { q: 'reviser' })).items.map((a) => a.description)).toEqual([
			'Réviser les chiffres'
		]);
		await expect(listActions(ctx, { status: 'finished' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('filters by responsible as text (role, organisation name), due period, status, and pages', async () => {
		const ctx = await world.as('observer');
		const names = async (query: Record<string, unknown>) =>
			(await listActions(ctx, { cluster: code, ...query })).items.map((a) => a.description);
		expect(await names({ responsible: 'coordinateur' })).toEqual(['Réviser les chiffres']);
		// "Organisation B <suffix>" is found by its name.
		expect(await names({ responsible: 'organisation b' })).toEqual(['Former les partenaires']);
		expect(await names({ dueFrom: '2016-10-22', dueTo: '2016-12-31' })).toEqual(['Réviser les chiffres']);
		expect(await names({ status: 'done' })).toEqual(['Former les partenaires']);
		const page = await listActions(ctx, { cluster: code, limit: 2, offset: 2 });
		expect([page.total, page.items.map((a) => a.description)]).toEqual([
			4,
			['Soumettre les projets', 'Sans échéance']
		]);
		expect((await listActions(ctx, { cluster: 'NOPE' })).total).toBe(0);
		const wrongPeriod = await refusal(listActions(ctx, { dueFrom: '2016-12-01', dueTo: '2016-10-01' }));
		expect(wrongPeriod.errors).toEqual([
			{ path: 'dueTo', message: m.actionedit_error_due_range({}, { locale: 'fr' }) }
		]);
		await expect(listActions(await world.as('visitor'))).rejects.toThrow();
	});

	it('lets a partner mark done what their organisation owes, never another organisation’s', async () => {
		const partner = await world.as('focalPointA');
		const before = await auditCount(t.db);
		await setActionStatus(partner, ids['Soumettre les projets']!, { status: 'done' });
		expect(await auditCount(t.db)).toBe(before + 1);
		await expect(
			setActionStatus(partner, ids['Former les partenaires']!, { status: 'open' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			setActionStatus(partner, ids['Réviser les chiffres']!, { status: 'done' })
		).rejects.toBeInstanceOf(ForbiddenError);
		// Nor edit or delete their own organisation's item beyond its status.
		await expect(
			updateAction(partner, ids['Soumettre les projets']!, { description: 'Autre', responsibleText: 'X' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteAction(partner, ids['Soumettre les projets']!)).rejects.toBeInstanceOf(ForbiddenError);
		await setActionStatus(await world.as('coordinator'), ids['Réviser les chiffres']!, {
			status: 'cancelled'
		});
		const statuses = await t.db.select({ d: actionItem.description, s: actionItem.status }).from(actionItem);
		expect(Object.fromEntries(statuses.map((r) => [r.d, r.s]))).toMatchObject({
			'Soumettre les projets': 'done',
			'Former les partenaires': 'done',
			'Réviser les chiffres': 'cancelled',
			'Sans échéance': 'open'
		});
		expect(await auditCount(t.db)).toBe(before + 2);
	});

	describe('written by the cluster’s coordinators', () => {
		let meetingId = '';
		let agendaId = '';
		let otherAgendaId = '';

		beforeAll(async () => {
			const [held] = await t.db
				.insert(meeting)
				.values({
					clusterId: world.clusterEr,
					title: 'Réunion CRP',
					kind: 'cluster-meeting',
					heldOn: '2016-10-20'
				})
				.returning();
			meetingId = held!.id;
			const [other] = await t.db
				.insert(meeting)
				.values({
					clusterId: world.clusterEr,
					title: 'Autre réunion',
					kind: 'workshop',
					heldOn: '2016-11-20'
				})
				.returning();
			const [item] = await t.db
				.insert(agendaItem)
				.values({ meetingId, position: 1, subject: 'Formation OPS' })
				.returning();
			agendaId = item!.id;
			const [otherItem] = await t.db
				.insert(agendaItem)
				.values({ meetingId: other!.id, position: 1, subject: 'Ailleurs' })
				.returning();
			otherAgendaId = otherItem!.id;
		});

		it('creates an action of a meeting on an agenda item, warning of a due date before the meeting', async () => {
			const coordinator = await world.as('coordinator');
			const before = await auditCount(t.db);
			const { action, warnings } = await createAction(
				coordinator,
				{ meeting: meetingId },
				{
					description: 'Participer à la formation OPS',
					responsibleText: 'Partenaires du CRP',
					responsibleOrganisationId: world.orgA,
					dueOn: '2016-10-19',
					agendaItemId: agendaId
				}
			);
			expect(action).toMatchObject({
				clusterId: world.clusterEr,
				meetingId,
				agendaItemId: agendaId,
				status: 'open'
			});
			expect(warnings).toEqual([
				{
					path: 'dueOn',
					message: m.actionedit_warning_due_before(
						{ due: '19/10/2016', meeting: '20/10/2016' },
						{ locale: 'fr' }
					)
				}
			]);
			expect(await auditCount(t.db)).toBe(before + 1);
			const read = await getAction(await world.as('focalPointA'), action.id);
			expect(read).toMatchObject({
				meetingTitle: 'Réunion CRP',
				responsibleOrganisationId: world.orgA,
				canEdit: false,
				canChangeStatus: true
			});
			expect(read.warnings).toHaveLength(1);
			expect(read.agenda.map((a) => a.subject)).toEqual(['Formation OPS']);
			const noWarning = await createAction(
				coordinator,
				{ meeting: meetingId },
				{ description: 'Partager', responsibleText: 'Coordinateur CRP', dueOn: '2016-10-25' }
			);
			expect(noWarning.warnings).toEqual([]);
		});

		it('creates a standalone action of a cluster, and names what it refuses; nothing saved', async () => {
			const coordinator = await world.as('coordinator');
			const { action } = await createAction(
				coordinator,
				{ cluster: code.toLowerCase() },
				{ description: 'Mettre à jour le 3W', responsibleText: 'Coordinateur CRP', dueOn: '' }
			);
			expect(action).toMatchObject({ meetingId: null, dueOn: null, clusterId: world.clusterEr });
			const before = [await auditCount(t.db), (await t.db.select().from(actionItem)).length];
			const unknown = await refusal(
				createAction(
					coordinator,
					{ meeting: meetingId },
					{
						description: 'X',
						responsibleOrganisationId: randomUUID(),
						responsiblePersonId: randomUUID(),
						agendaItemId: otherAgendaId
					}
				)
			);
			expect(unknown.errors).toEqual([
				{ path: 'responsibleOrganisationId', message: m.actionedit_error_organisation({}, { locale: 'fr' }) },
				{ path: 'responsiblePersonId', message: m.actionedit_error_person({}, { locale: 'fr' }) },
				{ path: 'agendaItemId', message: m.actionedit_error_agenda_item({}, { locale: 'fr' }) }
			]);
			const nobody = await refusal(
				createAction(coordinator, { cluster: code }, { description: 'Sans responsable' })
			);
			expect(nobody.errors).toEqual([
				{ path: 'responsibleText', message: m.actionedit_error_responsible({}, { locale: 'fr' }) }
			]);
			const badDay = await refusal(
				createAction(
					coordinator,
					{ cluster: code },
					{ description: 'X', responsibleText: 'Y', dueOn: '31/10' }
				)
			);
			expect(badDay.errors.map((e) => e.path)).toEqual(['dueOn']);
			expect([await auditCount(t.db), (await t.db.select().from(actionItem)).length]).toEqual(before);
		});

		it('refuses a coordinator of another cluster and a partner', async () => {
			const input = { description: 'X', responsibleText: 'Y' };
			const [wash] = await t.db.select().from(cluster).where(eq(cluster.id, world.clusterWash));
			await expect(
				createAction(await world.as('coordinator'), { cluster: wash!.code }, input)
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				createAction(await world.as('focalPointA'), { meeting: meetingId }, input)
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				createAction(await world.as('coordinator'), { meeting: randomUUID() }, input)
			).rejects.toBeInstanceOf(NotFoundError);
		});

		it('edits every field, finding who is responsible in the directory, and deletes; each audited', async () => {
			const coordinator = await world.as('coordinator');
			const orgC = await addOrganisation(t.db, { name: 'Mercy Corps Mali', acronym: 'MC' });
			const [awa] = await t.db
				.insert(person)
				.values({ name: 'Awa Diarra', organisationId: orgC })
				.returning();
			const found = await findResponsible(coordinator, 'mercy');
			expect(found.organisations.map((o) => o.id)).toEqual([orgC]);
			expect((await findResponsible(coordinator, 'diarra')).people.map((p) => p.id)).toEqual([awa!.id]);
			const id = ids['Sans échéance']!;
			const before = await auditCount(t.db);
			const { action } = await updateAction(coordinator, id, {
				description: 'Partager la liste',
				responsibleOrganisationId: orgC,
				responsiblePersonId: awa!.id,
				responsibleText: '',
				dueOn: '2016-11-15',
				status: 'open'
			});
			expect(action).toMatchObject({ responsibleOrganisationId: orgC, responsiblePersonId: awa!.id });
			// The former organisation's focal point no longer changes it.
			await expect(
				setActionStatus(await world.as('focalPointA'), id, { status: 'done' })
			).rejects.toBeInstanceOf(ForbiddenError);
			const listed = await listActions(coordinator, { responsible: 'diarra' });
			expect(listed.items.map((a) => [a.responsiblePersonName, a.responsibleOrganisationAcronym])).toEqual([
				['Awa Diarra', 'MC']
			]);
			await deleteAction(coordinator, id);
			await expect(getAction(coordinator, id)).rejects.toBeInstanceOf(NotFoundError);
			expect(await auditCount(t.db)).toBe(before + 2);
		});
	});
});
