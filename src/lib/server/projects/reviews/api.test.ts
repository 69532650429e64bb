import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addUser, auditCount } from '../../../../../tests/actors';
import { ok, problem, useApiClient, type Json } from '../../../../../tests/api-client';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../../tests/projects';
import { projectReview, reviewCriterion } from '../../db/schema';
import { m } from '$lib/paraglide/messages';
import { addReviewer, setProjectStatus } from './review-fixtures';

const en = { locale: 'en' as const };

describe(`API of project review [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: ProjectWorld;
	let projectId: string;
	let reviewer: string;
	let other: string;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		projectId = (await addProject(t.db, world, { status: 'submitted' })).id;
		reviewer = await addReviewer(t.db, 'Fatoumata Évaluatrice');
		other = await addReviewer(t.db, 'Oumar Autre');
		const washCoordinator = await addUser(t.db, {
			email: `wash-api-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		await tokensFor({ ...world.users, reviewer, other, washCoordinator });
	});

	const path = (suffix: string) => `/projects/${projectId}/${suffix}`;

	it('refuses visitors, the project’s partner, and those who may not know the project, changing nothing', async () => {
		const audits = await auditCount(t.db);
		await problem(await call('POST', path('reviewers'), { body: { userId: reviewer } }), 401);
		await problem(await call('GET', path('reviews')), 401);
		await problem(await call('GET', path('my-review')), 401);
		await problem(
			await call('POST', path('reviewers'), { as: 'focalPointA', body: { userId: reviewer } }),
			403
		);
		await problem(await call('GET', path('reviews'), { as: 'focalPointA' }), 403);
		// Another cluster's coordinator and partner B cannot know a submitted ER project exists.
		for (const as of ['washCoordinator', 'focalPointB'])
			await problem(await call('POST', path('reviewers'), { as, body: { userId: reviewer } }), 404);
		await problem(await call('GET', path('reviews'), { as: 'washCoordinator' }), 404);
		await problem(await call('GET', path('reviewer-candidates?q=fat'), { as: 'washCoordinator' }), 404);
		expect(await auditCount(t.db)).toBe(audits);
		expect(await t.db.select().from(projectReview)).toEqual([]);
	});

	it('lets the coordinator find, assign and remove reviewers, each write audited', async () => {
		const found = await ok(await call('GET', path('reviewer-candidates?q=fatoumata'), { as: 'coordinator' }));
		expect(found.items.map((u: Json) => [u.name, u.assigned, u.conflict])).toEqual([
			['Fatoumata Évaluatrice', false, false]
		]);
		const audits = await auditCount(t.db);
		for (const userId of [reviewer, other]) {
			const assigned = await ok(
				await call('POST', path('reviewers'), { as: 'coordinator', body: { userId } })
			);
			expect(assigned).toMatchObject({ userId, submittedAt: null, recommendation: null });
		}
		const refused = await problem(
			await call('POST', path('reviewers'), {
				as: 'coordinator',
				language: 'en',
				body: { userId: world.users.focalPointA }
			}),
			400
		);
		expect(refused.errors[0]!.path).toBe('userId');
		expect(refused.errors[0]!.message).toContain('which appeals for this project');
		await problem(
			await call('POST', path('reviewers'), { as: 'coordinator', body: { userId: reviewer } }),
			409
		);
		await problem(await call('POST', path('reviewers'), { as: 'coordinator', body: {} }), 400);
		await ok(await call('DELETE', path('reviewers'), { as: 'coordinator', body: { userId: other } }), 204);
		// Two assignments, the review started by the first, the cluster's five default criteria given
		// with it, one removal.
		expect(await auditCount(t.db)).toBe(audits + 9);
		const list = await ok(await call('GET', path('reviewers'), { as: 'coordinator' }));
		expect([list.total, list.items[0].name]).toEqual([1, 'Fatoumata Évaluatrice']);
	});

	it('lets the reviewer read, save and hand in their review; nobody else writes it', async () => {
		const mine = await ok(await call('GET', path('my-review'), { as: 'reviewer' }));
		expect(mine).toMatchObject({
			scores: {},
			submittedAt: null,
			canEdit: true,
			project: { status: 'under-review' }
		});
		const ids: string[] = mine.criteria.map((c: Json) => c.id);
		expect(ids).toHaveLength(5);
		// Taken off the committee, Oumar no longer sees the project at all.
		await problem(await call('GET', path('my-review'), { as: 'other' }), 404);
		await problem(await call('GET', path('reviews'), { as: 'other' }), 404);
		await problem(await call('GET', path('my-review'), { as: 'coordinator' }), 403);
		const audits = await auditCount(t.db);
		for (const [as, status] of [
			['other', 404],
			['coordinator', 403],
			['focalPointA', 403],
			['focalPointB', 404],
			['washCoordinator', 404]
		] as const)
			await problem(await call('PUT', path('my-review'), { as, body: { scores: { [ids[0]!]: 3 } } }), status);

		const bad = await problem(
			await call('PUT', path('my-review'), {
				as: 'reviewer',
				language: 'en',
				body: { scores: { [ids[0]!]: 9 }, recommendation: 'approve', submit: true }
			}),
			400
		);
		expect(bad.errors.map((e) => e.path)).toEqual(ids.map((id) => `scores.${id}`));
		expect(bad.errors[0]!.message).toBe(
			m.reviews_error_score_range({ label: mine.criteria[0].labelEn, max: 5 }, en)
		);
		expect(await auditCount(t.db)).toBe(audits);

		const scores = Object.fromEntries(ids.map((id, i) => [id, i]));
		const saved = await ok(
			await call('PUT', path('my-review'), {
				as: 'reviewer',
				body: { scores, comment: 'Cohérent', recommendation: 'revise', submit: true }
			})
		);
		expect(saved).toMatchObject({ scores, comment: 'Cohérent', recommendation: 'revise' });
		expect(typeof saved.submittedAt).toBe('string');
		expect(await auditCount(t.db)).toBe(audits + 1);

		const own = await ok(await call('GET', path('reviews'), { as: 'reviewer' }));
		expect([own.scope, own.reviews.length]).toEqual(['own', 1]);
		const panel = await ok(await call('GET', path('reviews'), { as: 'coordinator' }));
		expect(panel).toMatchObject({ scope: 'all', maxTotal: 25, averageTotal: 10, handedIn: 1 });
		expect(panel.reviews[0]).toMatchObject({ total: 10, comment: 'Cohérent', recommendation: 'revise' });
		expect(panel.criteria.map((c: Json) => c.average)).toEqual([0, 1, 2, 3, 4]);
		expect(panel.cost).toMatchObject({ costPerPerson: '33.33', compared: 1, differencePercent: 0 });

		const list = await ok(await call('GET', '/project-reviews', { as: 'reviewer' }));
		expect(list.items.map((r: Json) => [r.project.id, r.state])).toEqual([[projectId, 'handed-in']]);
		expect((await ok(await call('GET', '/project-reviews', { as: 'other' }))).total).toBe(0);
	});

	it('closes reviews and the committee once the coordinator has decided', async () => {
		await setProjectStatus(t.db, projectId, 'not-approved');
		const audits = await auditCount(t.db);
		const closed = await problem(
			await call('PUT', path('my-review'), {
				as: 'reviewer',
				language: 'en',
				body: { comment: 'Trop tard' }
			}),
			409
		);
		expect(closed.errors[0]!.message).toBe(m.reviews_error_decided({ status: 'Not approved' }, en));
		await problem(await call('POST', path('reviewers'), { as: 'coordinator', body: { userId: other } }), 409);
		expect(await auditCount(t.db)).toBe(audits);
		const list = await ok(await call('GET', '/project-reviews', { as: 'reviewer' }));
		expect(list.items[0].state).toBe('closed');
	});

	it('reads the cost per person for those who read the project', async () => {
		expect(await ok(await call('GET', path('cost-per-person'), { as: 'focalPointA' }))).toMatchObject({
			budgetUsd: '100000.00',
			peopleTargeted: 3000,
			costPerPerson: '33.33'
		});
		await problem(await call('GET', path('cost-per-person'), { as: 'focalPointB' }), 404);
		await problem(await call('GET', path('cost-per-person')), 401);
	});

	it('lets a cluster’s coordinator keep its criteria; another cluster’s is forbidden', async () => {
		const criteria = `/clusters/${world.clusterEr}/review-criteria`;
		const list = await ok(await call('GET', criteria, { as: 'focalPointB' }));
		expect(list.total).toBe(5);
		const audits = await auditCount(t.db);
		await problem(await call('POST', criteria, { body: { labelFr: 'Durabilité' } }), 401);
		await problem(
			await call('POST', criteria, { as: 'washCoordinator', body: { labelFr: 'Durabilité' } }),
			403
		);
		await problem(await call('POST', criteria, { as: 'focalPointA', body: { labelFr: 'Durabilité' } }), 403);
		const bad = await problem(
			await call('POST', criteria, {
				as: 'coordinator',
				language: 'en',
				body: { labelFr: '', maxScore: 500 }
			}),
			400
		);
		expect(bad.errors.map((e) => e.path).sort()).toEqual(['labelFr', 'maxScore']);
		expect(await auditCount(t.db)).toBe(audits);

		const created = await call('POST', criteria, {
			as: 'coordinator',
			body: { labelFr: 'Durabilité', labelEn: 'Sustainability', maxScore: 3 }
		});
		const added = await ok(created, 201);
		expect(created.headers.get('location')).toBe(`/api/v1/review-criteria/${added.id}`);
		expect(added).toMatchObject({ labelFr: 'Durabilité', maxScore: 3, position: 6, archived: false });
		const moved = await ok(
			await call('POST', `/review-criteria/${added.id}/move`, {
				as: 'coordinator',
				body: { direction: 'up' }
			})
		);
		expect(moved.items.map((c: Json) => c.labelFr)[4]).toBe('Durabilité');
		await problem(
			await call('PATCH', `/review-criteria/${added.id}`, {
				as: 'washCoordinator',
				body: { archived: true }
			}),
			403
		);
		const archived = await ok(
			await call('PATCH', `/review-criteria/${added.id}`, { as: 'coordinator', body: { archived: true } })
		);
		expect(archived.archived).toBe(true);
		await problem(await call('POST', `${criteria}/defaults`, { as: 'coordinator' }), 400);
		expect(await auditCount(t.db)).toBe(audits + 3);
		const [row] = await t.db.select().from(reviewCriterion).where(eq(reviewCriterion.id, added.id));
		expect(row!.archived).toBe(true);

		const wash = await ok(
			await call('POST', `/clusters/${world.clusterWash}/review-criteria/defaults`, { as: 'washCoordinator' })
		);
		expect(wash.items.map((c: Json) => c.labelEn)).toContain('Cost per person targeted');
	});

	it('documents its operations in the OpenAPI document', async () => {
		const doc = await ok(await call('GET', '/openapi.json'));
		for (const p of [
			'/projects/{id}/reviewers',
			'/projects/{id}/my-review',
			'/projects/{id}/reviews',
			'/clusters/{id}/review-criteria',
			'/review-criteria/{id}/move',
			'/project-reviews'
		])
			expect(Object.keys(doc.paths)).toContain(p);
	});
});
