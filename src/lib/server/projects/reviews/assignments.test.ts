import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addUser, auditCount, ctxFor } from '../../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../../tests/projects';
import { mailOutbox, project, projectPartner, projectReview, user } from '../../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../../errors';
import { m } from '$lib/paraglide/messages';
import { assignReviewer, findCandidates, listAssignments, unassignReviewer } from './assignments';
import { addReviewer, refused, setProjectStatus } from './review-fixtures';

const fr = { locale: 'fr' as const };
const PUBLIC_URL = 'https://concerto.example.org';

describe(`review committees [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	let projectId: string;
	let code: string;
	let washCoordinator: string;
	let expert: string;
	let staffA: string;
	let staffB: string;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		const p = await addProject(t.db, world, { titleFr: 'Relance de l’élevage à Gao' });
		projectId = p.id;
		code = p.code;
		washCoordinator = await addUser(t.db, {
			email: `wash-assign-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		expert = await addReviewer(t.db, 'Aminata Experte');
		// Works for organisation A (their person record) without being its focal point.
		staffA = await addReviewer(t.db, 'Moussa Agent', { organisationId: world.orgA });
		// Works for organisation B, an implementing partner of the project.
		staffB = await addReviewer(t.db, 'Fatou Partenaire', { organisationId: world.orgB });
		await t.db.insert(projectPartner).values({ projectId, organisationId: world.orgB });
	});

	const emailOf = async (id: string) =>
		(await t.db.select({ email: user.email }).from(user).where(eq(user.id, id)))[0]!.email;

	it('refuses to assign while the project is a draft, naming its status', async () => {
		const audits = await auditCount(t.db);
		const error = await refused(
			assignReviewer(await world.as('coordinator'), projectId, { userId: expert }, PUBLIC_URL),
			ConflictError
		);
		expect(error.errors[0]!.message).toBe(m.reviews_error_assign_status({ status: 'Brouillon' }, fr));
		expect(await auditCount(t.db)).toBe(audits);
	});

	it('lets the cluster’s coordinator assign any user, audited, writes to the reviewer and starts the review', async () => {
		await setProjectStatus(t.db, projectId, 'submitted');
		const audits = await auditCount(t.db);
		const assigned = await assignReviewer(
			await world.as('coordinator'),
			projectId,
			{ userId: expert },
			PUBLIC_URL
		);
		expect([assigned.userId, assigned.name, assigned.submittedAt]).toEqual([expert, 'Aminata Experte', null]);
		// The assignment, the move to "under review" the first reviewer makes and the cluster's
		// five default criteria it will be scored on.
		expect(await auditCount(t.db)).toBe(audits + 7);
		const [moved] = await t.db
			.select({ status: project.status })
			.from(project)
			.where(eq(project.id, projectId));
		expect(moved!.status).toBe('under-review');
		const [mail] = await t.db
			.select()
			.from(mailOutbox)
			.where(eq(mailOutbox.recipient, await emailOf(expert)));
		expect(mail!.subject).toBe(m.reviews_mail_assigned_subject({ code }, fr));
		expect(mail!.body).toContain(`${PUBLIC_URL}/projects/${projectId}/review/mine`);
		expect(mail!.body).toContain('Relance de l’élevage à Gao');

		const list = await listAssignments(await world.as('coordinator'), projectId);
		expect(list.map((a) => a.userId)).toEqual([expert]);
	});

	it('refuses someone of the appealing organisation or a partner, by grant or by person record, with a clear message', async () => {
		const ctx = await world.as('coordinator');
		const audits = await auditCount(t.db);
		const byGrant = await refused(
			assignReviewer(ctx, projectId, { userId: world.users.focalPointA }, PUBLIC_URL),
			ValidationError
		);
		expect(byGrant.errors[0]!.path).toBe('userId');
		expect(byGrant.errors[0]!.message).toMatch(
			/^focal-a .* travaille pour OA, qui soumet ce projet ou y est partenaire/
		);
		const byPerson = await refused(
			assignReviewer(ctx, projectId, { userId: staffA }, PUBLIC_URL),
			ValidationError
		);
		expect(byPerson.errors).toEqual([
			{
				path: 'userId',
				message: m.reviews_error_conflict({ name: 'Moussa Agent', organisation: 'OA' }, fr)
			}
		]);
		const byPartner = await refused(
			assignReviewer(ctx, projectId, { userId: staffB }, PUBLIC_URL),
			ValidationError
		);
		expect(byPartner.errors[0]!.message).toBe(
			m.reviews_error_conflict({ name: 'Fatou Partenaire', organisation: 'OB' }, fr)
		);
		expect(await auditCount(t.db)).toBe(audits);
		const rows = await t.db.select().from(projectReview).where(eq(projectReview.projectId, projectId));
		expect(rows).toHaveLength(1);
	});

	it('refuses an unknown user, a malformed id and a second assignment of the same reviewer', async () => {
		const ctx = await world.as('coordinator', 'en');
		const audits = await auditCount(t.db);
		const unknown = await refused(
			assignReviewer(ctx, projectId, { userId: '00000000-0000-4000-8000-000000000000' }, PUBLIC_URL),
			ValidationError
		);
		expect(unknown.errors[0]!.message).toBe(m.reviews_error_user({}, { locale: 'en' }));
		await refused(assignReviewer(ctx, projectId, { userId: 'expert' }, PUBLIC_URL), ValidationError);
		const twice = await refused(
			assignReviewer(ctx, projectId, { userId: expert }, PUBLIC_URL),
			ConflictError
		);
		expect(twice.errors[0]!.message).toBe(
			m.reviews_error_already_assigned({ name: 'Aminata Experte' }, { locale: 'en' })
		);
		expect(await auditCount(t.db)).toBe(audits);
	});

	it('lets no one else assign, list or search: other cluster and other partner do not see it, its partner is forbidden', async () => {
		const audits = await auditCount(t.db);
		const wash = await ctxFor(t.db, washCoordinator);
		const b = await world.as('focalPointB');
		const a = await world.as('focalPointA');
		for (const ctx of [wash, b, await world.as('observer')]) {
			await refused(assignReviewer(ctx, projectId, { userId: expert }, PUBLIC_URL), NotFoundError);
			await refused(listAssignments(ctx, projectId), NotFoundError);
			await refused(findCandidates(ctx, projectId, { q: 'ami' }), NotFoundError);
		}
		await refused(assignReviewer(a, projectId, { userId: world.users.observer }, PUBLIC_URL), ForbiddenError);
		await refused(listAssignments(a, projectId), ForbiddenError);
		// A reviewer reads the project but does not manage its committee.
		await refused(listAssignments(await ctxFor(t.db, expert), projectId), ForbiddenError);
		await refused(
			assignReviewer(await world.as('visitor'), projectId, { userId: expert }, PUBLIC_URL),
			UnauthenticatedError
		);
		await refused(unassignReviewer(wash, projectId, { userId: expert }), NotFoundError);
		expect(await auditCount(t.db)).toBe(audits);
	});

	it('finds users by name or address, saying who is on the committee or cannot review', async () => {
		const ctx = await world.as('coordinator');
		const found = await findCandidates(ctx, projectId, { q: 'aminata' });
		expect(found.users.map((u) => [u.name, u.assigned, u.conflict])).toEqual([
			['Aminata Experte', true, false]
		]);
		const moussa = await findCandidates(ctx, projectId, { q: 'MOUSSA' });
		expect(moussa.users.map((u) => [u.name, u.organisationAcronym, u.assigned, u.conflict])).toEqual([
			['Moussa Agent', 'OA', false, true]
		]);
		expect((await findCandidates(ctx, projectId, { q: 'focal-a' })).users[0]!.conflict).toBe(true);
		expect((await findCandidates(ctx, projectId, { q: 'fatou' })).users[0]!.conflict).toBe(true);
		expect((await findCandidates(ctx, projectId, { q: '' })).users).toEqual([]);
	});

	it('takes a reviewer off, audited, and refuses one who is not on the committee', async () => {
		const ctx = await world.as('coordinator');
		const other = await addReviewer(t.db, 'Ibrahim Second');
		await assignReviewer(ctx, projectId, { userId: other }, PUBLIC_URL);
		const audits = await auditCount(t.db);
		await unassignReviewer(ctx, projectId, { userId: other });
		expect(await auditCount(t.db)).toBe(audits + 1);
		expect((await listAssignments(ctx, projectId)).map((a) => a.userId)).toEqual([expert]);
		const absent = await refused(unassignReviewer(ctx, projectId, { userId: other }), ValidationError);
		expect(absent.errors[0]!.message).toBe(m.reviews_error_not_assigned({}, fr));
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('asks to confirm before taking off a reviewer who has scored, since their review goes with them', async () => {
		const ctx = await world.as('coordinator');
		const scorer = await addReviewer(t.db, 'Mariam Notée');
		await assignReviewer(ctx, projectId, { userId: scorer }, PUBLIC_URL);
		await t.db
			.update(projectReview)
			.set({ comment: 'Budget à revoir' })
			.where(eq(projectReview.reviewerUserId, scorer));
		const audits = await auditCount(t.db);
		const asked = await refused(unassignReviewer(ctx, projectId, { userId: scorer }), ConflictError);
		expect(asked.errors).toEqual([
			{ path: 'confirm', message: m.reviews_error_remove_confirm({ name: 'Mariam Notée' }, fr) }
		]);
		expect(await auditCount(t.db)).toBe(audits);
		expect((await listAssignments(ctx, projectId)).map((a) => a.userId)).toContain(scorer);
		await unassignReviewer(ctx, projectId, { userId: scorer, confirm: '1' });
		expect((await listAssignments(ctx, projectId)).map((a) => a.userId)).not.toContain(scorer);
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('freezes the committee once the coordinator has decided', async () => {
		await setProjectStatus(t.db, projectId, 'approved');
		const ctx = await world.as('coordinator');
		const error = await refused(unassignReviewer(ctx, projectId, { userId: expert }), ConflictError);
		expect(error.errors[0]!.message).toBe(m.reviews_error_assign_status({ status: 'Approuvé' }, fr));
		await refused(
			assignReviewer(ctx, projectId, { userId: world.users.observer }, PUBLIC_URL),
			ConflictError
		);
		await setProjectStatus(t.db, projectId, 'under-review');
	});
});
