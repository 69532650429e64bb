import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addUser, auditCount, ctxFor } from '../../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../../tests/projects';
import { projectReview, reviewCriterion } from '../../db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../errors';
import { m } from '$lib/paraglide/messages';
import {
	addCriterion,
	criteriaOfCluster,
	DEFAULT_CRITERIA,
	listCriteria,
	moveCriterion,
	updateCriterion,
	useDefaultCriteria
} from './criteria';
import { getReviewPanel } from './compare';
import { assignReviewer } from './assignments';
import { addReviewer, refused } from './review-fixtures';

const fr = { locale: 'fr' as const };

describe(`review criteria [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	let washCoordinator: string;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		washCoordinator = await addUser(t.db, {
			email: `wash-criteria-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
	});

	const labels = async (clusterId: string) =>
		(await criteriaOfCluster(t.db, clusterId)).map((c) => [c.labelFr, c.maxScore, c.archived]);

	it('gives a cluster without criteria the defaults when its first reviewer is assigned, in French and English, each audited', async () => {
		expect(await labels(world.clusterEr)).toEqual([]);
		const p = await addProject(t.db, world, { status: 'submitted' });
		const reviewer = await addReviewer(t.db, 'Awa Évaluatrice');
		const audits = await auditCount(t.db);
		// Reading the panel before anyone reviews writes nothing.
		expect((await getReviewPanel(await world.as('coordinator'), p.id)).criteria).toEqual([]);
		expect(await auditCount(t.db)).toBe(audits);
		await assignReviewer(
			await world.as('coordinator'),
			p.id,
			{ userId: reviewer },
			'https://concerto.example.org'
		);
		const panel = await getReviewPanel(await world.as('coordinator'), p.id);
		expect(panel.criteria.map((c) => [c.labelFr, c.labelEn, c.maxScore])).toEqual(
			DEFAULT_CRITERIA.map((d) => [d.labelFr, d.labelEn, 5])
		);
		expect(panel.criteria.map((c) => c.labelEn)).toEqual([
			'Alignment with the cluster objectives',
			'Feasibility',
			'Cost per person targeted',
			'Gender and age',
			'Coordination with others'
		]);
		// The five criteria, the assignment and the move to "under review".
		expect(await auditCount(t.db)).toBe(audits + 7);
		// Not twice.
		await assignReviewer(
			await world.as('coordinator'),
			p.id,
			{ userId: await addReviewer(t.db, 'Ibrahim Évaluateur') },
			'https://concerto.example.org'
		);
		expect(await labels(world.clusterEr)).toHaveLength(5);
	});

	it('lets every signed-in user read a cluster’s criteria, and no visitor', async () => {
		const read = await listCriteria(await world.as('focalPointB'), world.clusterEr);
		expect(read.criteria).toHaveLength(5);
		expect(read.canManage).toBe(false);
		expect((await listCriteria(await world.as('coordinator'), world.clusterEr)).canManage).toBe(true);
		await refused(listCriteria(await world.as('visitor'), world.clusterEr), UnauthenticatedError);
		await refused(listCriteria(await world.as('observer'), 'not-an-id'), NotFoundError);
	});

	it('lets the coordinator add a criterion at the end; others are refused and nothing changes', async () => {
		const audits = await auditCount(t.db);
		for (const who of ['focalPointA', 'observer'] as const)
			await refused(
				addCriterion(await world.as(who), world.clusterEr, { labelFr: 'Durabilité' }),
				ForbiddenError
			);
		const wash = await ctxFor(t.db, washCoordinator);
		await refused(addCriterion(wash, world.clusterEr, { labelFr: 'Durabilité' }), ForbiddenError);
		await refused(
			addCriterion(await world.as('visitor'), world.clusterEr, { labelFr: 'X' }),
			UnauthenticatedError
		);
		expect(await auditCount(t.db)).toBe(audits);

		const added = await addCriterion(await world.as('coordinator'), world.clusterEr, {
			labelFr: 'Durabilité',
			labelEn: 'Sustainability',
			maxScore: '10'
		});
		expect([added.labelFr, added.labelEn, added.maxScore, added.position]).toEqual([
			'Durabilité',
			'Sustainability',
			10,
			6
		]);
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('refuses a criterion without a name, with a bad highest score or a name taken, naming each problem', async () => {
		const ctx = await world.as('coordinator', 'en');
		const audits = await auditCount(t.db);
		const bad = await refused(
			addCriterion(ctx, world.clusterEr, { labelFr: ' ', maxScore: 0 }),
			ValidationError
		);
		expect(bad.errors.map((e) => e.path).sort()).toEqual(['labelFr', 'maxScore']);
		expect(bad.errors.find((e) => e.path === 'maxScore')?.message).toBe(
			m.reviews_error_max_score({}, { locale: 'en' })
		);
		const taken = await refused(
			addCriterion(ctx, world.clusterEr, { labelFr: 'faisabilite' }),
			ValidationError
		);
		expect(taken.errors).toEqual([
			{ path: 'labelFr', message: m.reviews_error_label_taken({ label: 'faisabilite' }, { locale: 'en' }) }
		]);
		expect(await auditCount(t.db)).toBe(audits);
		expect(await labels(world.clusterEr)).toHaveLength(6);
	});

	it('renames, reorders, archives and restores; the highest score never goes below a score given', async () => {
		const ctx = await world.as('coordinator');
		const [first, second] = await criteriaOfCluster(t.db, world.clusterEr);
		const renamed = await updateCriterion(ctx, first!.id, { labelFr: 'Alignement sur le cadre du cluster' });
		expect([renamed.labelFr, renamed.labelEn, renamed.maxScore]).toEqual([
			'Alignement sur le cadre du cluster',
			'Alignment with the cluster objectives',
			5
		]);

		await moveCriterion(ctx, second!.id, { direction: 'up' });
		expect((await labels(world.clusterEr)).slice(0, 2).map((l) => l[0])).toEqual([
			'Faisabilité',
			'Alignement sur le cadre du cluster'
		]);
		const edge = await refused(moveCriterion(ctx, second!.id, { direction: 'up' }), ValidationError);
		expect(edge.errors[0]!.message).toBe(m.reviews_error_cannot_move({}, fr));
		await refused(moveCriterion(ctx, second!.id, { direction: 'sideways' }), ValidationError);

		// A review gave 4 on "Faisabilité": its highest score may not go down to 3.
		const p = await addProject(t.db, world, { status: 'under-review' });
		await t.db
			.insert(projectReview)
			.values({ projectId: p.id, reviewerUserId: world.users.observer, scores: { [second!.id]: 4 } });
		const audits = await auditCount(t.db);
		const lower = await refused(updateCriterion(ctx, second!.id, { maxScore: 3 }), ValidationError);
		expect(lower.errors).toEqual([
			{ path: 'maxScore', message: m.reviews_error_max_below_scores({ highest: 4 }, fr) }
		]);
		expect(await auditCount(t.db)).toBe(audits);
		expect((await updateCriterion(ctx, second!.id, { maxScore: 4 })).maxScore).toBe(4);

		const archived = await updateCriterion(ctx, first!.id, { archived: true });
		expect(archived.archived).toBe(true);
		const order = await labels(world.clusterEr);
		expect(order.at(-1)).toEqual(['Alignement sur le cadre du cluster', 5, true]);
		// An archived criterion does not move; restored, it comes back last of the active ones.
		await refused(moveCriterion(ctx, first!.id, { direction: 'up' }), ValidationError);
		await updateCriterion(ctx, first!.id, { archived: false });
		const active = (await labels(world.clusterEr)).filter((l) => !l[2]);
		expect(active.at(-1)![0]).toBe('Alignement sur le cadre du cluster');
		expect(await auditCount(t.db)).toBe(audits + 3);
		await refused(
			updateCriterion(await world.as('focalPointA'), first!.id, { labelFr: 'X' }),
			ForbiddenError
		);
		await refused(
			updateCriterion(ctx, '00000000-0000-4000-8000-000000000000', { labelFr: 'X' }),
			NotFoundError
		);
	});

	it('adds the missing defaults on request, and says so when none is missing', async () => {
		const wash = await ctxFor(t.db, washCoordinator);
		await refused(useDefaultCriteria(await world.as('coordinator'), world.clusterWash), ForbiddenError);
		const added = await useDefaultCriteria(wash, world.clusterWash);
		expect(added).toHaveLength(5);
		const again = await refused(useDefaultCriteria(wash, world.clusterWash), ValidationError);
		expect(again.errors[0]!.message).toBe(m.reviews_error_defaults_present({}, fr));
		// Archive one: "use the defaults" brings it back as a new criterion.
		await updateCriterion(wash, added[2]!.id, { archived: true });
		expect((await useDefaultCriteria(wash, world.clusterWash)).map((c) => c.labelFr)).toEqual([
			'Coût par personne ciblée'
		]);
		const rows = await t.db
			.select()
			.from(reviewCriterion)
			.where(eq(reviewCriterion.clusterId, world.clusterWash));
		expect(rows).toHaveLength(6);
	});
});
