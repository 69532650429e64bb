import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedProjectList, type ProjectListWorld } from '../../../../tests/project-list';
import { setPlanStatus } from '../../../../tests/projects';
import type { Who } from '../../../../tests/actors';
import { NotFoundError, ValidationError } from '../errors';
import { listProjects } from './list';

describe(`project list [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectListWorld;
	const key = (id: string) => Object.entries(w.projects).find(([, p]) => p.id === id)![0];

	beforeAll(async () => {
		w = await seedProjectList(t.db);
	});

	async function list(who: Who, query: Record<string, unknown> = {}) {
		return listProjects(await w.as(who), { plan: w.plan.id, ...query });
	}
	const keys = async (who: Who, query: Record<string, unknown> = {}) =>
		(await list(who, query)).items.map((p) => key(p.id));

	it('shows each user only the projects they may see', async () => {
		expect(await keys('admin')).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(await keys('coordinator')).toEqual(['a', 'b', 'c', 'd', 'e']);
		// A focal point sees their organisation's projects and the others' once published.
		expect(await keys('focalPointA')).toEqual(['a', 'b', 'd']);
		expect(await keys('focalPointB')).toEqual(['b', 'c', 'd', 'e']);
		expect(await keys('observer')).toEqual(['b', 'd']);
		// Sums follow: B does not count A's draft.
		const sums = (await list('focalPointB')).sums;
		expect(sums.projects).toBe(4);
		expect(sums.byStatus).toMatchObject({ draft: 1, published: 2, submitted: 1 });
	});

	it('shows a visitor the published projects of a published plan only', async () => {
		await expect(list('visitor')).rejects.toBeInstanceOf(NotFoundError);
		await setPlanStatus(t.db, w.plan.id, 'published');
		try {
			expect(await keys('visitor')).toEqual(['b', 'd']);
			expect(await keys('visitor', { status: 'draft' })).toEqual([]);
		} finally {
			await setPlanStatus(t.db, w.plan.id, 'draft');
		}
	});

	it('gives each row its organisation, cluster, money as a decimal string and places', async () => {
		const { items } = await list('admin', { q: 'points d’eau' });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			code: w.projects.d.code,
			titleFr: 'Points d’eau',
			organisation: { id: w.orgB, acronym: 'OB' },
			cluster: { id: w.clusterWash, code: w.washCode },
			status: 'published',
			budgetUsd: '50000.00',
			peopleTargeted: 500,
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			places: ['ML0601']
		});
	});

	it('filters by one status or several', async () => {
		expect(await keys('admin', { status: 'published' })).toEqual(['b', 'd']);
		expect(await keys('admin', { status: 'draft,submitted' })).toEqual(['a', 'c', 'e']);
		expect(await keys('admin', { status: ['draft', 'submitted'] })).toEqual(['a', 'c', 'e']);
		expect(await keys('admin', { status: '' })).toHaveLength(5);
	});

	it('filters by organisation, appealing or implementing partner', async () => {
		expect(await keys('admin', { organisation: w.orgA })).toEqual(['a', 'b', 'd']);
		expect(await keys('admin', { organisation: w.orgB })).toEqual(['c', 'd', 'e']);
		expect(await keys('admin', { organisation: randomUUID() })).toEqual([]);
	});

	it('filters by place, a région finding the projects of its cercles, by P-code or id', async () => {
		expect(await keys('admin', { place: 'ML06' })).toEqual(['a', 'b', 'd', 'e']);
		expect(await keys('admin', { place: 'ml0601' })).toEqual(['d']);
		expect(await keys('admin', { place: w.places['ML07']! })).toEqual(['e']);
		expect(await keys('admin', { place: 'ML08' })).toEqual(['c']);
		expect(await keys('admin', { place: 'ML99' })).toEqual([]);
		expect((await list('admin', { place: 'ML99' })).sums.projects).toBe(0);
	});

	it('filters by cluster code, cluster objective and text of code or title', async () => {
		expect(await keys('admin', { cluster: w.washCode })).toEqual(['d']);
		expect(await keys('admin', { cluster: w.erCode.toLowerCase(), status: 'published' })).toEqual(['b']);
		expect(await keys('admin', { cluster: 'NOPE' })).toEqual([]);
		expect(await keys('admin', { objective: w.frameworks.wash.objective.id })).toEqual(['d']);
		expect(await keys('admin', { objective: w.frameworks.er.objective.id })).toEqual(['a', 'b', 'c', 'e']);
		// Accents and case aside, in French or English titles, or the code.
		expect(await keys('admin', { q: 'RELEVEMENT' })).toEqual(['a']);
		expect(await keys('admin', { q: 'recovery' })).toEqual(['a']);
		expect(await keys('admin', { q: w.projects.c.code.slice(-8) })).toEqual(['c']);
		expect(await keys('admin', { q: '%' })).toEqual([]);
	});

	it('adds up money and people over the whole selection, with and without double counting', async () => {
		// Two ER projects of A in Tombouctou, 1,000 and 3,000 people: 4,000 added up, 3,000 at most.
		const own = await list('admin', { organisation: w.orgA, cluster: w.erCode, limit: 1 });
		expect(own.items).toHaveLength(1);
		expect(own.total).toBe(2);
		expect(own.sums).toEqual({
			projects: 2,
			budgetUsd: '350000.30',
			peopleTargeted: 4000,
			peopleTargetedLargestPerPlace: 3000,
			byStatus: {
				draft: 1,
				submitted: 0,
				'under-review': 0,
				'revision-requested': 0,
				approved: 0,
				'not-approved': 0,
				published: 1,
				withdrawn: 0
			}
		});
		// The whole plan: ML06 counts its largest (3,000), ML0601 500, ML07 2,000, ML08 700.
		const all = await list('admin');
		expect(all.sums.peopleTargeted).toBe(1000 + 3000 + 700 + 500 + 3000);
		expect(all.sums.peopleTargetedLargestPerPlace).toBe(3000 + 500 + 2000 + 700);
		expect(all.sums.budgetUsd).toBe('600000.30');
	});

	it('pages by code with the total of the whole selection', async () => {
		const page = await list('admin', { limit: 2, offset: 1 });
		expect(page.items.map((p) => key(p.id))).toEqual(['b', 'c']);
		expect(page.total).toBe(5);
		expect(page.sums.projects).toBe(5);
	});

	it('refuses a missing or malformed plan, unknown statuses and places, naming the field', async () => {
		const ctx = await w.as('admin');
		const refusal = async (query: Record<string, unknown>) => {
			const error = await listProjects(ctx, query).then(
				() => null,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(ValidationError);
			return (error as ValidationError).errors;
		};
		expect((await refusal({}))[0]!.path).toBe('plan');
		expect(await refusal({ plan: 'mali-2017' })).toEqual([
			{ path: 'plan', message: 'Choisissez un plan : l’identifiant donné n’en est pas un.' }
		]);
		const status = await refusal({ plan: w.plan.id, status: 'published,bogus' });
		expect(status[0]!.path).toMatch(/^status/);
		expect(status[0]!.message).toMatch(/^Statut inconnu/);
		expect((await refusal({ plan: w.plan.id, place: 'Tombouctou!' }))[0]!.path).toBe('place');
		expect((await refusal({ plan: w.plan.id, limit: 0 }))[0]!.path).toBe('limit');
		await expect(listProjects(ctx, { plan: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
	});
});
