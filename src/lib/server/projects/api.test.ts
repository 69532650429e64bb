import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount } from '../../../../tests/actors';
import { ok, problem, useApiClient, type Json } from '../../../../tests/api-client';
import { seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { cluster, project } from '../db/schema';
import { m } from '$lib/paraglide/messages';

const en = { locale: 'en' as const };

describe(`API /projects/{id} [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: ProjectWorld;
	let code: string;
	let created: Json;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		await tokensFor(world.users);
	});

	it('creates a draft with its code, for the partner’s own organisation only', async () => {
		const body = {
			planId: world.plan.id,
			clusterId: world.clusterEr,
			organisationId: world.orgA,
			titleFr: 'Projet A'
		};
		await problem(await call('POST', '/projects', { body }), 401);
		const before = await auditCount(t.db);
		await problem(await call('POST', '/projects', { as: 'focalPointB', body }), 403);
		expect(await auditCount(t.db)).toBe(before);
		const response = await call('POST', '/projects', { as: 'focalPointA', body });
		created = await ok(response, 201);
		expect(response.headers.get('location')).toBe(`/api/v1/projects/${created.id}`);
		expect(created.code).toBe(`MLI-17/${code}/0001`);
		expect(created.status).toBe('draft');
		expect(created.moves).toEqual(['submit']);
		expect(created.missing.map((x: Json) => x.section)).toContain('budget');
	});

	it('hides a draft from another organisation and from visitors', async () => {
		await problem(await call('GET', `/projects/${created.id}`, { as: 'focalPointB' }), 404);
		await problem(await call('GET', `/projects/${created.id}`), 404);
		await problem(await call('GET', `/projects/${created.id}/history`, { as: 'focalPointB' }), 404);
		await problem(
			await call('PATCH', `/projects/${created.id}`, { as: 'focalPointB', body: { objectives: 'x' } }),
			404
		);
		expect((await ok(await call('GET', `/projects/${created.id}`, { as: 'coordinator' }))).code).toBe(
			created.code
		);
	});

	it('explains a wrong sheet in the caller’s language and saves nothing', async () => {
		const before = await auditCount(t.db);
		const refused = await problem(
			await call('PATCH', `/projects/${created.id}`, {
				as: 'focalPointA',
				language: 'en',
				body: {
					endsOn: '2017-02-30',
					budgetUsd: 10,
					budgetLines: [{ category: 'staff', description: '<script>x</script>', amountUsd: '12,5' }]
				}
			}),
			400
		);
		expect(refused.errors.map((e) => e.path)).toEqual(['endsOn']);
		const sums = await problem(
			await call('PATCH', `/projects/${created.id}`, {
				as: 'focalPointA',
				language: 'en',
				body: { budgetUsd: 10, budgetLines: [{ category: 'staff', description: 'x', amountUsd: '12,5' }] }
			}),
			400
		);
		expect(sums.errors).toEqual([
			{
				path: 'budgetUsd',
				message: 'The budget lines add up to 12.50 USD, not 10.00 USD: correct the lines or the total.'
			}
		]);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('saves with a revision, refuses a save over a newer one, and keeps HTML as plain text', async () => {
		const saved = await ok(
			await call('PATCH', `/projects/${created.id}`, {
				as: 'focalPointA',
				body: {
					revision: 0,
					description: '<b>Cash</b> for work',
					budgetLines: [{ category: 'staff', description: 'Équipe', amountUsd: '1 000' }]
				}
			})
		);
		expect(saved.revision).toBe(1);
		expect(saved.sheet.description).toBe('<b>Cash</b> for work');
		expect(saved.budgetUsd).toBe('1000.00');
		const stale = await problem(
			await call('PATCH', `/projects/${created.id}`, {
				as: 'coordinator',
				language: 'en',
				body: { revision: 0, objectives: 'y' }
			}),
			409
		);
		expect(stale.errors[0]!.message).toMatch(/Description, Budget lines/);
	});

	it('refuses, by field and in the user’s language, what the database could not hold, changing nothing', async () => {
		const before = await ok(await call('GET', `/projects/${created.id}`, { as: 'focalPointA' }));
		const audits = await auditCount(t.db);
		const patch = async (body: unknown) =>
			(
				await problem(
					await call('PATCH', `/projects/${created.id}`, { as: 'focalPointA', language: 'en', body }),
					400
				)
			).errors.map((e) => [e.path, e.message]);
		const place = world.places['ML07']!;
		expect(await patch({ titleFr: 'a\u0000b', description: 'x\ud800y' })).toEqual([
			['titleFr', m.error_unstorable_text({}, en)],
			['description', m.error_unstorable_text({}, en)]
		]);
		expect(await patch({ places: [{ locationId: place, peopleTargeted: 2 ** 31 }] })).toEqual([
			['places.0.peopleTargeted', 'Enter at most 1,000,000,000.']
		]);
		const line = { category: 'staff', description: 'x', amountUsd: '9000000000000' };
		expect(await patch({ budgetLines: [line, line] })).toEqual([
			['budgetLines', 'The budget lines add up to more than 10,000,000,000,000 USD: check the amounts.']
		]);
		expect(await patch({ budgetUsd: 1e308 })).toEqual([['budgetUsd', 'Enter at most 10,000,000,000,000.']]);
		expect(await patch({ budgetUsd: '12345.678' })).toEqual([['budgetUsd', m.plans_error_cents({}, en)]]);
		expect(await patch([1, 2])).toEqual([['', m.error_expected_object({}, en)]]);
		expect(await patch({ status: 'published', code: 'X' })).toEqual([
			['status', m.error_unknown_field({}, en)],
			['code', m.error_unknown_field({}, en)]
		]);
		expect(await patch({ revision: 999, objectives: 'y' })).toEqual([
			['revision', m.projects_error_revision_unknown({ current: before.revision }, en)]
		]);
		expect(await auditCount(t.db)).toBe(audits);
		expect(await ok(await call('GET', `/projects/${created.id}`, { as: 'focalPointA' }))).toEqual(before);
	});

	it('moves only as the workflow allows, and shows the history', async () => {
		await problem(
			await call('POST', `/projects/${created.id}/moves`, { as: 'focalPointA', body: { move: 'approve' } }),
			403
		);
		await problem(
			await call('POST', `/projects/${created.id}/moves`, { as: 'coordinator', body: { move: 'publish' } }),
			409
		);
		const closed = await problem(
			await call('POST', `/projects/${created.id}/moves`, {
				as: 'focalPointA',
				language: 'en',
				body: { move: 'submit' }
			}),
			409
		);
		expect(closed.errors[0]!.message).toMatch(/submissions/i);
		await problem(
			await call('POST', `/projects/${created.id}/moves`, { as: 'focalPointA', body: { move: 'fly' } }),
			400
		);
		const reopened = await ok(
			await call('POST', `/projects/${created.id}/moves`, { as: 'coordinator', body: { move: 'reopen' } })
		);
		expect(reopened.reopened).toBe(true);
		const history = await ok(await call('GET', `/projects/${created.id}/history`, { as: 'focalPointA' }));
		expect(history.items.map((h: Json) => h.to)).toEqual(['draft']);
		const [row] = await t.db.select().from(project).where(eq(project.id, created.id));
		expect(row!.status).toBe('draft');
	});

	it('compares the sheet with itself when nothing was submitted, and refuses a bad version', async () => {
		const same = await ok(
			await call('GET', `/projects/${created.id}/compare?from=current&to=current`, { as: 'focalPointA' })
		);
		expect(same.fields.some((f: Json) => f.changed)).toBe(false);
		await problem(await call('GET', `/projects/${created.id}/compare?from=1`, { as: 'focalPointA' }), 404);
		await problem(await call('GET', `/projects/${created.id}/compare?from=abc`, { as: 'focalPointA' }), 400);
		expect(
			(await ok(await call('GET', `/projects/${created.id}/versions`, { as: 'focalPointA' }))).items
		).toEqual([]);
	});
});
