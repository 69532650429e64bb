import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { cluster, submissionWindow } from '../db/schema';
import { gatherAgenda, readAgenda, type AgendaQuery } from '../calendar/agenda';

const january = { from: '2017-01-01', to: '2017-01-31' };

describe(`submission deadlines in the calendar [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;
	let er = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		er = (await t.db.select().from(cluster).where(eq(cluster.id, w.clusterEr)))[0]!.code;
		await t.db.insert(submissionWindow).values([
			{
				planClusterId: w.planClusterIds[w.clusterEr]!,
				status: 'open',
				deadline: '2017-01-20',
				openedAt: new Date('2017-01-02T08:00:00Z')
			},
			// Closed by hand before its deadline: that deadline no longer holds.
			{
				planClusterId: w.planClusterIds[w.clusterWash]!,
				status: 'closed',
				deadline: '2017-01-25',
				openedAt: new Date('2017-01-02T08:00:00Z'),
				closedAt: new Date('2017-01-10T12:00:00Z')
			}
		]);
	});

	const deadlines = async (query: Partial<AgendaQuery>) =>
		(
			await readAgenda(t.db, {
				...january,
				clusterIds: null,
				audience: 'members',
				locale: 'fr',
				...query
			})
		).filter((e) => e.uid.startsWith('submission-deadline-'));

	it('shows a cluster’s submission deadline to its members, linking to the submissions page', async () => {
		const entries = (await gatherAgenda(await w.as('focalPointA'), { ...january, clusters: [er] })).filter(
			(e) => e.kind === 'deadline'
		);
		expect(entries).toEqual([
			expect.objectContaining({
				uid: `submission-deadline-${w.planClusterIds[w.clusterEr]}`,
				kind: 'deadline',
				title: `Date limite de soumission des projets ${er} : Mali — Plan de réponse humanitaire 2017`,
				startsOn: '2017-01-20',
				endsOn: '2017-01-20',
				startTime: null,
				href: `/plans/${w.plan.id}/clusters/${er}/submissions`,
				clusters: [er]
			})
		]);
		const english = await deadlines({ locale: 'en' });
		expect(english.map((e) => e.title)).toEqual([
			`${er} project submission deadline: Mali — Humanitarian Response Plan 2017`
		]);
	});

	it('keeps to the period and the clusters asked for, and to published plans in public feeds', async () => {
		expect(await deadlines({ from: '2017-01-21' })).toEqual([]);
		expect(await deadlines({ clusterIds: [w.clusterWash] })).toEqual([]);
		expect(await deadlines({ audience: 'public' })).toEqual([]);
		await setPlanStatus(t.db, w.plan.id, 'published');
		expect((await deadlines({ audience: 'public' })).map((e) => e.href)).toEqual([`/plans/${w.plan.id}`]);
	});

	it('keeps a deadline that passed before the window was closed', async () => {
		await t.db
			.update(submissionWindow)
			.set({ closedAt: new Date('2017-01-26T09:00:00Z') })
			.where(eq(submissionWindow.planClusterId, w.planClusterIds[w.clusterWash]!));
		expect((await deadlines({})).map((e) => e.startsOn)).toEqual(['2017-01-20', '2017-01-25']);
	});
});
