import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addUser, auditCount, ctxFor } from '../../../../../tests/actors';
import {
	addProject,
	seedProjectWorld,
	setPlanStatus,
	type ProjectWorld
} from '../../../../../tests/projects';
import { projectReview } from '../../db/schema';
import type { Ctx } from '../../context';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../../errors';
import { m } from '$lib/paraglide/messages';
import { assignReviewer } from './assignments';
import { getReviewPanel } from './compare';
import { criteriaOfCluster, updateCriterion, type Criterion } from './criteria';
import { getMyReview, saveMyReview } from './scoring';
import { reviewFromForm } from './schema';
import { addReviewer, refused, setProjectStatus } from './review-fixtures';

const fr = { locale: 'fr' as const };

describe(`scoring and the panel [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	let projectId: string;
	let first: Ctx;
	let second: Ctx;
	let firstId: string;
	let criteria: Criterion[];
	let washCoordinator: Ctx;

	const stored = async (userId: string) =>
		(
			await t.db
				.select()
				.from(projectReview)
				.where(and(eq(projectReview.projectId, projectId), eq(projectReview.reviewerUserId, userId)))
		)[0]!;
	/** Scores for every active criterion, from a list in their order. */
	const scoresOf = (values: number[]) =>
		Object.fromEntries(criteria.flatMap((c, i) => (i < values.length ? [[c.id, values[i]!]] : [])));

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		const p = await addProject(t.db, world, { status: 'submitted' });
		projectId = p.id;
		firstId = await addReviewer(t.db, 'Awa Première');
		first = await ctxFor(t.db, firstId);
		second = await ctxFor(t.db, await addReviewer(t.db, 'Boubacar Second'));
		const coordinator = await world.as('coordinator');
		for (const ctx of [first, second])
			await assignReviewer(coordinator, projectId, { userId: ctx.actor!.userId }, 'http://x');
		washCoordinator = await ctxFor(
			t.db,
			await addUser(t.db, {
				email: `wash-scoring-${world.clusterWash}@example.org`,
				name: 'Coordination WASH',
				grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
			})
		);
	});

	it('shows a reviewer the project, the cluster’s criteria and their empty review', async () => {
		const mine = await getMyReview(first, projectId);
		criteria = mine.criteria;
		expect(criteria.map((c) => c.maxScore)).toEqual([5, 5, 5, 5, 5]);
		expect([mine.review.scores, mine.review.submittedAt, mine.canEdit]).toEqual([{}, null, true]);
		expect(mine.cost.costPerPerson).toBe('33.33');
	});

	it('refuses everyone else: their own review only, other cluster and partner B do not see it', async () => {
		await refused(getMyReview(await world.as('focalPointB'), projectId), NotFoundError);
		await refused(getMyReview(washCoordinator, projectId), NotFoundError);
		await refused(getMyReview(await world.as('focalPointA'), projectId), ForbiddenError);
		await refused(getMyReview(await world.as('coordinator'), projectId), ForbiddenError);
		await refused(getMyReview(await world.as('visitor'), projectId), UnauthenticatedError);
		const audits = await auditCount(t.db);
		const scores = { scores: scoresOf([1, 1, 1, 1, 1]) };
		await refused(saveMyReview(washCoordinator, projectId, scores), NotFoundError);
		await refused(saveMyReview(await world.as('focalPointB'), projectId, scores), NotFoundError);
		await refused(saveMyReview(await world.as('focalPointA'), projectId, scores), ForbiddenError);
		await refused(saveMyReview(await world.as('visitor'), projectId, scores), UnauthenticatedError);
		await refused(getReviewPanel(washCoordinator, projectId), NotFoundError);
		await refused(getReviewPanel(await world.as('focalPointA'), projectId), ForbiddenError);
		expect(await auditCount(t.db)).toBe(audits);
		expect((await stored(firstId)).scores).toEqual({});
	});

	it('saves a partial review as a draft, audited', async () => {
		const audits = await auditCount(t.db);
		await saveMyReview(first, projectId, { scores: { [criteria[0]!.id]: 4 }, comment: 'Bon ancrage local' });
		const row = await stored(firstId);
		expect([row.scores, row.comment, row.submittedAt]).toEqual([
			{ [criteria[0]!.id]: 4 },
			'Bon ancrage local',
			null
		]);
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('refuses scores out of range, unknown criteria and an incomplete hand-in, naming each; nothing changes', async () => {
		const audits = await auditCount(t.db);
		const [a, b] = criteria;
		const range = await refused(
			saveMyReview(first, projectId, { scores: { [a!.id]: 6, [b!.id]: -1, nope: 2 } }),
			ValidationError
		);
		expect(range.errors).toEqual([
			{ path: `scores.${a!.id}`, message: m.reviews_error_score_range({ label: a!.labelFr, max: 5 }, fr) },
			{ path: `scores.${b!.id}`, message: m.reviews_error_score_range({ label: b!.labelFr, max: 5 }, fr) },
			{ path: 'scores.nope', message: m.reviews_error_unknown_criterion({}, fr) }
		]);
		const fraction = await refused(
			saveMyReview(first, projectId, { scores: { [a!.id]: 2.5 } }),
			ValidationError
		);
		expect(fraction.errors[0]!.message).toBe(m.reviews_error_score_number({}, fr));
		const incomplete = await refused(
			saveMyReview(first, projectId, { scores: { [a!.id]: 4 }, submit: true }),
			ValidationError
		);
		expect(incomplete.errors.map((e) => e.path)).toEqual([
			...criteria.slice(1).map((c) => `scores.${c.id}`),
			'recommendation'
		]);
		expect(incomplete.errors[0]!.message).toBe(m.reviews_error_score_missing({ label: b!.labelFr }, fr));
		const badRecommendation = await refused(
			saveMyReview(first, projectId, { recommendation: 'maybe' }),
			ValidationError
		);
		expect(badRecommendation.errors[0]!.path).toBe('recommendation');
		expect(await auditCount(t.db)).toBe(audits);
		expect((await stored(firstId)).scores).toEqual({ [a!.id]: 4 });
	});

	it('reads a posted form as the review it stands for', () => {
		expect(
			reviewFromForm({
				'score.a': '3',
				'score.b': '',
				'score.c': 'x',
				comment: 'ok',
				recommendation: '',
				submit: '1'
			})
		).toEqual({ scores: { a: 3, c: 'x' }, comment: 'ok', recommendation: '', submit: true });
	});

	it('hands a complete review in; it may be corrected but must stay complete', async () => {
		await saveMyReview(first, projectId, {
			scores: scoresOf([4, 3, 2, 5, 4]),
			comment: 'Solide',
			recommendation: 'approve',
			submit: true
		});
		const handedIn = await stored(firstId);
		expect(handedIn.submittedAt).toBeInstanceOf(Date);
		await setProjectStatus(t.db, projectId, 'under-review');
		await saveMyReview(first, projectId, { scores: scoresOf([4, 3, 3, 5, 4]), recommendation: 'approve' });
		const corrected = await stored(firstId);
		expect(corrected.scores[criteria[2]!.id]).toBe(3);
		expect(corrected.submittedAt).toEqual(handedIn.submittedAt);
		const dropped = await refused(
			saveMyReview(first, projectId, {
				scores: { ...scoresOf([4, 3, 3, 5]), [criteria[4]!.id]: null },
				recommendation: null
			}),
			ValidationError
		);
		expect(dropped.errors.map((e) => e.path)).toEqual([`scores.${criteria[4]!.id}`, 'recommendation']);
	});

	it('shows the coordinator every review side by side with totals, averages over those handed in, recommendations', async () => {
		await saveMyReview(second, projectId, {
			scores: scoresOf([2, 2, 2, 2, 2]),
			comment: 'Budget élevé',
			recommendation: 'revise'
		});
		const panel = await getReviewPanel(await world.as('coordinator'), projectId);
		expect(panel.scope).toBe('all');
		expect(panel.canManage).toBe(true);
		expect(panel.reviews.map((r) => [r.name, r.total, r.recommendation, r.submittedAt !== null])).toEqual([
			['Awa Première', 19, 'approve', true],
			['Boubacar Second', 10, 'revise', false]
		]);
		// Boubacar's draft is shown but counts in no average.
		expect(criteria.map((c) => panel.summary.averages[c.id])).toEqual([4, 3, 3, 5, 4]);
		expect([panel.summary.maxTotal, panel.summary.averageTotal, panel.summary.handedIn]).toEqual([25, 19, 1]);
		await saveMyReview(second, projectId, {
			scores: scoresOf([3, 2, 2, 2, 2]),
			comment: 'Budget élevé',
			recommendation: 'revise',
			submit: true
		});
		const both = await getReviewPanel(await world.as('coordinator'), projectId);
		expect(criteria.map((c) => both.summary.averages[c.id])).toEqual([3.5, 2.5, 2.5, 3.5, 3]);
		expect(both.summary.averageTotal).toBe(15);
		expect(both.summary.recommendations).toEqual({ approve: 1, revise: 1, reject: 0 });
	});

	it('shows a reviewer who asks for the panel their own review alone', async () => {
		const own = await getReviewPanel(second, projectId);
		expect(own.scope).toBe('own');
		expect(own.canManage).toBe(false);
		expect(own.reviews.map((r) => r.name)).toEqual(['Boubacar Second']);
		expect(JSON.stringify(own)).not.toContain('Solide');
	});

	it('keeps the scores of a criterion archived since, out of the totals', async () => {
		const coordinator = await world.as('coordinator');
		await updateCriterion(coordinator, criteria[4]!.id, { archived: true });
		const mine = await getMyReview(first, projectId);
		expect(mine.criteria.map((c) => c.archived)).toEqual([false, false, false, false, true]);
		await saveMyReview(first, projectId, { scores: scoresOf([5, 3, 3, 5]), recommendation: 'approve' });
		expect((await stored(firstId)).scores[criteria[4]!.id]).toBe(4);
		const panel = await getReviewPanel(coordinator, projectId);
		expect(panel.reviews[0]!.total).toBe(16);
		expect(panel.summary.maxTotal).toBe(20);
		await updateCriterion(coordinator, criteria[4]!.id, { archived: false });
		expect((await criteriaOfCluster(t.db, world.clusterEr)).every((c) => !c.archived)).toBe(true);
	});

	it('freezes reviews and the committee of a closed plan’s project', async () => {
		const other = await addReviewer(t.db, 'Chaka Tardif');
		await setPlanStatus(t.db, world.plan.id, 'closed');
		try {
			const audits = await auditCount(t.db);
			await refused(saveMyReview(first, projectId, { comment: 'Trop tard' }), ConflictError);
			await refused(
				assignReviewer(await world.as('coordinator'), projectId, { userId: other }, 'http://x'),
				ConflictError
			);
			expect(await auditCount(t.db)).toBe(audits);
			expect((await getMyReview(first, projectId)).canEdit).toBe(false);
			expect((await getReviewPanel(await world.as('coordinator'), projectId)).canManage).toBe(false);
		} finally {
			await setPlanStatus(t.db, world.plan.id, world.plan.status);
		}
	});

	it('closes the review once the coordinator has decided', async () => {
		await setProjectStatus(t.db, projectId, 'approved');
		const audits = await auditCount(t.db);
		const closed = await refused(
			saveMyReview(first, projectId, { scores: scoresOf([1, 1, 1, 1, 1]), recommendation: 'reject' }),
			ConflictError
		);
		expect(closed.errors[0]!.message).toBe(m.reviews_error_decided({ status: 'Approuvé' }, fr));
		expect(await auditCount(t.db)).toBe(audits);
		expect((await getMyReview(first, projectId)).canEdit).toBe(false);
		expect((await getReviewPanel(await world.as('coordinator'), projectId)).canManage).toBe(false);
	});
});
