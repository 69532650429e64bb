import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { ctxFor } from '../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { TEST_PUBLIC_URL } from '../../../../tests/app';
import { project } from '../db/schema';
import { NotFoundError } from '../errors';
import { moveProject } from './workflow';
import { readProjectPage } from './project-page';
import { assignReviewer } from './reviews/assignments';
import { criteriaOfCluster } from './reviews/criteria';
import { saveMyReview } from './reviews/scoring';
import { addReviewer } from './reviews/review-fixtures';
import { closeWindow, openWindow, refusal } from './window';

describe(`what the project page shows [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		const cluster = await t.db.query.cluster.findFirst({ where: (c, { eq }) => eq(c.id, world.clusterEr) });
		await openWindow(await world.as('coordinator'), world.plan.id, cluster!.code, { deadline: null });
	});

	it('shows the partner the checklist and their moves, without the cost figure', async () => {
		const p = await addProject(t.db, world, { status: 'draft' });
		const page = await readProjectPage(await world.as('focalPointA'), p.id);
		expect(page.editable).toBe(true);
		expect(page.partner).toBe(true);
		// addProject leaves out beneficiaries, targets and contacts.
		expect(page.missing?.map((item) => item.section)).toEqual(['framework', 'beneficiaries', 'contacts']);
		expect(page.moves).toEqual(['submit']);
		expect(page.cost).toBeNull();
		expect(page.window.status).toBe('open');
		expect(page.submitRefused).toBeNull();
		expect(page.organisation.id).toBe(world.orgA);
	});

	it('says before the partner presses it why submitting would be refused: the window is closed', async () => {
		const p = await addProject(t.db, world, { status: 'draft' });
		const code = (await t.db.query.cluster.findFirst({ where: (c, { eq }) => eq(c.id, world.clusterEr) }))!
			.code;
		await closeWindow(await world.as('coordinator'), world.plan.id, code);
		try {
			const page = await readProjectPage(await world.as('focalPointA', 'en'), p.id);
			expect(page.moves).toEqual(['submit']);
			expect(page.submitRefused).toBe(refusal(page.window, code, 'en'));
			expect(page.submitRefused).toContain(code);
		} finally {
			await openWindow(await world.as('coordinator'), world.plan.id, code, { deadline: null });
		}
	});

	it('shows the coordinator the cost per person and the decisions, and no checklist once submitted', async () => {
		const p = await addProject(t.db, world, { status: 'submitted' });
		const page = await readProjectPage(await world.as('coordinator'), p.id);
		expect(page.missing).toBeNull();
		expect(page.moves).toEqual(expect.arrayContaining(['start-review', 'return', 'approve', 'reject']));
		expect(page.cost?.costPerPerson).toBe('33.33');
		expect(page.reviews).toBeNull();
	});

	it('recalls the reviews with the decision, to the cluster and not to the partner', async () => {
		const p = await addProject(t.db, world, { status: 'submitted' });
		const coordinator = await world.as('coordinator');
		const [expert, second] = [await addReviewer(t.db, 'Awa Experte'), await addReviewer(t.db, 'Issa Second')];
		for (const userId of [expert, second])
			await assignReviewer(coordinator, p.id, { userId }, 'https://concerto.example.org');
		const criteria = await criteriaOfCluster(t.db, world.clusterEr);
		await saveMyReview(await ctxFor(t.db, expert), p.id, {
			scores: Object.fromEntries(criteria.map((c) => [c.id, 4])),
			comment: 'Solide',
			recommendation: 'approve',
			submit: true
		});
		expect((await readProjectPage(coordinator, p.id)).reviews).toEqual({
			reviewers: 2,
			handedIn: 1,
			averageTotal: 20,
			maxTotal: 25,
			recommendations: { approve: 1, revise: 0, reject: 0 }
		});
		expect((await readProjectPage(await world.as('focalPointA'), p.id)).reviews).toBeNull();
	});

	it('shows the comments of the latest return only while the project waits for its revision', async () => {
		const p = await addProject(t.db, world, { status: 'submitted' });
		const coordinator = await world.as('coordinator');
		await moveProject(
			coordinator,
			p.id,
			'return',
			{ sections: { places: 'Trop de lieux', budget: 'Trop cher' } },
			TEST_PUBLIC_URL
		);
		const returned = await readProjectPage(await world.as('focalPointA', 'en'), p.id);
		// In the order of the sheet's steps.
		expect(returned.comments.map((c) => [c.section, c.body])).toEqual([
			['places', 'Trop de lieux'],
			['budget', 'Trop cher']
		]);
		expect(returned.history.map((h) => h.toStatus)).toEqual(['revision-requested']);
		expect(returned.history[0]!.comment).toContain('Trop cher');
		// Resubmitted: the comments are answered.
		await t.db.update(project).set({ status: 'submitted' }).where(eq(project.id, p.id));
		expect((await readProjectPage(coordinator, p.id)).comments).toEqual([]);
		// Published, it is read by other organisations: without the cluster's reasons or names.
		await t.db
			.update(project)
			.set({ status: 'published', withdrawalReason: 'Fonds trouvés ailleurs' })
			.where(eq(project.id, p.id));
		const outside = await readProjectPage(await world.as('focalPointB'), p.id);
		expect(outside.history.map((h) => [h.toStatus, h.comment, h.actor])).toEqual([
			['revision-requested', '', '']
		]);
		expect(outside.project.withdrawalReason).toBeNull();
	});

	it('is not found for a focal point of another organisation, nor for a visitor', async () => {
		const p = await addProject(t.db, world, { status: 'draft' });
		await expect(readProjectPage(await world.as('focalPointB'), p.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(readProjectPage(await world.as('visitor'), p.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});
