import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, seedWorld, type World } from '../../../../tests/actors';
import { addMali } from '../../../../tests/plans';
import { ok, problem, useApiClient, type Json } from '../../../../tests/api-client';
import { plan } from '../db/schema';
import { m } from '$lib/paraglide/messages';

const people = { unit: 'people', periodRule: 'max', placeRule: 'sum', disaggregation: 'sex-age' };

describe(`API /plans and the framework [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: World;
	let places: Record<string, string>;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		places = await addMali(t.db);
		const washCoordinator = await addUser(t.db, {
			email: `wash-plans-${world.clusterWash}@example.org`,
			name: 'Coordination WASH',
			grants: [{ role: 'coordinator', clusterId: world.clusterWash }]
		});
		await tokensFor({ ...world.users, washCoordinator });
	});

	async function revisionOf(planId: string) {
		const [row] = await t.db.select({ revision: plan.revision }).from(plan).where(eq(plan.id, planId));
		return row!.revision;
	}

	// The plan and framework built by the first test, used by the others.
	let planId: string;
	let code: string;
	let so: Json;
	let co: Json;
	let a1: Json;
	let a2: Json;
	let indicator: Json;
	let chapter: Json;

	it('lets a coordinator create a plan, a chapter and a framework, with codes and roll-ups', async () => {
		const created = await call('POST', '/plans', {
			as: 'coordinator',
			body: {
				countryId: places['ML'],
				year: '2017',
				kind: 'hrp',
				titleFr: 'Mali — Plan de réponse humanitaire 2017',
				startsOn: '2017-01-01',
				endsOn: '2017-12-31',
				peopleInNeed: '3 700 000',
				requirementsUsd: '293,000,000',
				clusterIds: [world.clusterEr]
			}
		});
		const p = await ok(created, 201);
		planId = p.id;
		code = p.clusters[0].code;
		expect(created.headers.get('location')).toBe(`/api/v1/plans/${planId}`);
		expect(p).toMatchObject({
			status: 'draft',
			peopleInNeed: 3_700_000,
			requirementsUsd: '293000000.00',
			country: { pcode: 'ML', name: 'Mali' },
			canEdit: true,
			clusters: [{ id: world.clusterEr, canEdit: true }]
		});

		const figures = await ok(
			await call('PATCH', `/plans/${planId}`, {
				as: 'coordinator',
				body: { peopleTargeted: '1 360 000', revision: p.revision }
			})
		);
		expect(figures).toMatchObject({
			titleFr: p.titleFr,
			peopleInNeed: 3_700_000,
			peopleTargeted: 1_360_000,
			revision: p.revision + 1
		});

		const posted = await call('POST', `/plans/${planId}/chapters?cluster=${code.toLowerCase()}`, {
			as: 'coordinator',
			body: {
				kind: 'response-strategy',
				titleFr: 'Stratégie de réponse',
				bodyFr: '<h2>Priorités</h2><p>Restaurer <b>l’autorité</b> de l’État<script>alert(1)</script></p>'
			}
		});
		chapter = await ok(posted, 201);
		expect(posted.headers.get('location')).toBe(`/api/v1/plan-chapters/${chapter.id}`);
		expect(chapter.bodyFr).toContain('<b>l’autorité</b>');
		expect(chapter.bodyFr).not.toContain('script');
		// A PATCH changes only what it sends.
		const patched = await ok(
			await call('PATCH', `/plan-chapters/${chapter.id}`, {
				as: 'coordinator',
				body: { titleEn: 'Response strategy' }
			})
		);
		expect(patched).toMatchObject({ titleFr: 'Stratégie de réponse', titleEn: 'Response strategy' });
		expect(patched.bodyFr).toBe(chapter.bodyFr);

		const write = (path: string, body: object) => call('POST', path, { as: 'coordinator', body });
		so = await ok(
			await write(`/plans/${planId}/strategic-objectives`, { titleFr: 'Protéger les civils' }),
			201
		);
		co = await ok(
			await write(`/plans/${planId}/cluster-objectives?cluster=${code}`, {
				titleFr: 'Restaurer l’autorité de l’État',
				strategicObjectiveId: so.id
			}),
			201
		);
		a1 = await ok(
			await write(`/plans/${planId}/activities?cluster=${code}`, {
				titleFr: 'Réhabiliter des mairies',
				clusterObjectiveId: co.id
			}),
			201
		);
		a2 = await ok(
			await write(`/plans/${planId}/activities?cluster=${code}`, {
				titleFr: 'Former des agents de l’État',
				clusterObjectiveId: co.id
			}),
			201
		);
		const posting = await write(`/plans/${planId}/indicators?cluster=${code}`, {
			titleFr: 'Personnes ayant accès à la justice',
			activityId: a1.id,
			...people,
			target: '1 000'
		});
		indicator = await ok(posting, 201);
		expect(posting.headers.get('location')).toBe(`/api/v1/indicators/${indicator.id}`);
		expect([so.code, co.code, a1.code, a2.code, indicator.code]).toEqual([
			'SO1',
			'CO1.1',
			'A1.1.1',
			'A1.1.2',
			'I1.1.1.1'
		]);
		expect(indicator).toMatchObject({ target: 1000, baseline: null, cluster: { code }, targets: [] });

		const targets = await ok(
			await call('PUT', `/indicators/${indicator.id}/targets`, {
				as: 'coordinator',
				body: { targets: { ML06: 400, ml07: '600', ML08: '' } }
			})
		);
		expect(targets).toMatchObject({
			targets: { ML06: 400, ML07: 600 },
			rollUp: { places: 2, value: 1000, mismatch: false }
		});
		await ok(
			await call('PATCH', `/indicators/${indicator.id}`, { as: 'coordinator', body: { target: 1200 } })
		);

		// Moving A1.1.2 up puts it first; codes stay what projects refer to.
		const moved = await ok(
			await call('POST', `/activities/${a2.id}/move`, { as: 'coordinator', body: { direction: 'up' } })
		);
		expect(moved.code).toBe('A1.1.2');
		const tree = await ok(
			await call('GET', `/plans/${planId}/framework?cluster=${code}`, { as: 'coordinator' })
		);
		expect(tree).toMatchObject({ planId, canEdit: true, canEditStrategic: true });
		expect(tree.revision).toBe(await revisionOf(planId));
		const objective = tree.strategicObjectives[0].clusterObjectives[0];
		expect(objective.activities.map((a: Json) => a.code)).toEqual(['A1.1.2', 'A1.1.1']);
		expect(objective.activities[1].indicators[0]).toMatchObject({
			code: 'I1.1.1.1',
			target: 1200,
			rollUp: { places: 2, value: 1000, mismatch: true }
		});

		const reordered = await ok(
			await call('POST', `/plans/${planId}/reorder`, {
				as: 'coordinator',
				body: { level: 'activity', ids: [a1.id, a2.id], revision: tree.revision }
			})
		);
		expect(reordered).toEqual({ level: 'activity', ids: [a1.id, a2.id], revision: tree.revision + 1 });
	});

	it('lets partners and observers read, with nothing to edit', async () => {
		for (const who of ['focalPointA', 'observer', 'washCoordinator']) {
			const p = await ok(await call('GET', `/plans/${planId}`, { as: who }));
			expect(p.canEdit).toBe(false);
			const tree = await ok(await call('GET', `/plans/${planId}/framework?cluster=${code}`, { as: who }));
			expect(tree).toMatchObject({ canEdit: false, canEditStrategic: false });
			const chapters = await ok(await call('GET', `/plans/${planId}/chapters?cluster=${code}`, { as: who }));
			expect(chapters).toMatchObject({ total: 1, items: [{ id: chapter.id, canEdit: false }] });
			const read = await ok(await call('GET', `/indicators/${indicator.id}`, { as: who }));
			expect(read.targets.map((t: Json) => [t.pcode, t.value])).toEqual([
				['ML06', 400],
				['ML07', 600]
			]);
		}
	});

	it('refuses writes to partners, other clusters and visitors, and saves nothing', async () => {
		const before = { revision: await revisionOf(planId), audit: await auditCount(t.db) };
		for (const who of ['focalPointA', 'observer', 'washCoordinator']) {
			await problem(
				await call('POST', `/plans/${planId}/strategic-objectives`, { as: who, body: { titleFr: 'X' } }),
				403
			);
			await problem(
				await call('POST', `/plans/${planId}/cluster-objectives?cluster=${code}`, {
					as: who,
					body: { titleFr: 'X', strategicObjectiveId: so.id }
				}),
				403
			);
			await problem(
				await call('PATCH', `/cluster-objectives/${co.id}`, { as: who, body: { titleFr: 'X' } }),
				403
			);
			await problem(await call('DELETE', `/indicators/${indicator.id}`, { as: who }), 403);
			await problem(
				await call('PUT', `/indicators/${indicator.id}/targets`, { as: who, body: { targets: {} } }),
				403
			);
			await problem(
				await call('PATCH', `/plan-chapters/${chapter.id}`, { as: who, body: { titleFr: 'X' } }),
				403
			);
		}
		await problem(
			await call('POST', `/plans/${planId}/strategic-objectives`, { body: { titleFr: 'X' } }),
			401
		);
		await problem(await call('PATCH', `/activities/${a1.id}`, { body: { titleFr: 'X' } }), 401);
		await problem(await call('DELETE', `/activities/${a1.id}`), 401);
		await problem(await call('DELETE', `/plan-chapters/${chapter.id}`), 401);
		expect({ revision: await revisionOf(planId), audit: await auditCount(t.db) }).toEqual(before);

		// WASH's coordinator cannot join another's plan on their own (it would hand them the plan) …
		await problem(
			await call('POST', `/plans/${planId}/clusters`, {
				as: 'washCoordinator',
				body: { clusterId: world.clusterWash }
			}),
			403
		);
		// … nor can ER's coordinator bring in a cluster they do not coordinate; an administrator can.
		await problem(
			await call('POST', `/plans/${planId}/clusters`, {
				as: 'coordinator',
				body: { clusterId: world.clusterWash }
			}),
			403
		);
		expect({ revision: await revisionOf(planId), audit: await auditCount(t.db) }).toEqual(before);
		// Once WASH takes part, its coordinator edits the plan's strategic objectives but not ER's part.
		const joined = await ok(
			await call('POST', `/plans/${planId}/clusters`, { as: 'admin', body: { clusterId: world.clusterWash } })
		);
		expect(joined.clusters.map((c: Json) => c.id).sort()).toEqual(
			[world.clusterEr, world.clusterWash].sort()
		);
		expect(joined.canEdit).toBe(true);
		await problem(
			await call('PATCH', `/activities/${a1.id}`, { as: 'washCoordinator', body: { titleFr: 'X' } }),
			403
		);
		const tree = await ok(
			await call('GET', `/plans/${planId}/framework?cluster=${code}`, { as: 'washCoordinator' })
		);
		expect(tree).toMatchObject({ canEdit: false, canEditStrategic: true });
	});

	it('hides a draft plan from visitors and shows it once published', async () => {
		const paths = [
			`/plans/${planId}`,
			`/plans/${planId}/framework?cluster=${code}`,
			`/plan-chapters/${chapter.id}`,
			`/indicators/${indicator.id}/targets`,
			`/strategic-objectives/${so.id}`,
			`/plans/${planId}/versions`
		];
		for (const path of paths) await problem(await call('GET', path), 404);
		const list = await ok(await call('GET', '/plans'));
		expect(list.items.map((p: Json) => p.id)).not.toContain(planId);

		const published = await ok(
			await call('POST', `/plans/${planId}/status`, { as: 'coordinator', body: { status: 'published' } })
		);
		expect(published.status).toBe('published');
		for (const path of paths) expect((await call('GET', path)).status).toBe(200);
		expect((await ok(await call('GET', '/plans'))).items.map((p: Json) => p.id)).toContain(planId);
		// Visitors still may not write, and are not told who made each version.
		await problem(await call('PATCH', `/strategic-objectives/${so.id}`, { body: { titleFr: 'X' } }), 401);
		// Visitors see the history from the publication on: only its own version so far.
		const versions = await ok(await call('GET', `/plans/${planId}/versions`));
		expect(versions.total).toBe(1);
		expect(versions.items.map((v: Json) => v.revision)).toEqual([await revisionOf(planId)]);
		expect(versions.items.every((v: Json) => v.by === null)).toBe(true);
		const signedIn = await ok(await call('GET', `/plans/${planId}/versions?limit=1`, { as: 'observer' }));
		expect(signedIn.items).toHaveLength(1);
		expect(signedIn.items[0].by).toMatch(/^coordinator-/);
	});

	it('refuses a save based on a stale revision, listing what changed, and compares versions', async () => {
		const { revision } = await ok(await call('GET', `/strategic-objectives/${so.id}`, { as: 'coordinator' }));
		await ok(
			await call('PATCH', `/strategic-objectives/${so.id}`, {
				as: 'admin',
				body: { titleFr: 'Protéger les civils et les biens', revision }
			})
		);
		const stale = await problem(
			await call('PATCH', `/strategic-objectives/${so.id}`, {
				as: 'coordinator',
				body: { titleFr: 'Protéger', revision },
				language: 'en'
			}),
			409
		);
		expect(stale.errors[0]!.message).toBe(m.plans_error_stale({}, { locale: 'en' }));
		expect(stale.errors[1]!.message).toMatch(
			/^SO1 Protéger les civils et les biens — titleFr: changed by admin-/
		);
		// Another item, unchanged since, still saves from the same revision.
		await ok(
			await call('PATCH', `/cluster-objectives/${co.id}`, {
				as: 'coordinator',
				body: { titleEn: 'Restore State authority', revision }
			})
		);

		const compared = await ok(
			await call('GET', `/plans/${planId}/versions/compare?from=${revision}&to=${revision + 2}`, {
				as: 'observer'
			})
		);
		expect(compared.differences).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					entityId: so.id,
					field: 'titleFr',
					older: 'Protéger les civils',
					newer: 'Protéger les civils et les biens'
				}),
				expect.objectContaining({
					entityId: co.id,
					field: 'titleEn',
					older: null,
					newer: 'Restore State authority'
				})
			])
		);
		const bad = await problem(
			await call('GET', `/plans/${planId}/versions/compare?from=first`, { as: 'observer', language: 'en' }),
			400
		);
		expect(bad.errors.map((e) => e.path).sort()).toEqual(['from', 'to']);
		expect(bad.errors[0]!.message).toBe(m.plans_api_error_version({}, { locale: 'en' }));
	});

	it('refuses to delete what is in use, naming what uses it, and deletes the rest', async () => {
		const soInUse = await problem(
			await call('DELETE', `/strategic-objectives/${so.id}`, { as: 'coordinator' }),
			409
		);
		expect(soInUse.errors.map((e) => e.message).join('\n')).toContain('CO1.1');
		const activityInUse = await problem(
			await call('DELETE', `/activities/${a1.id}`, { as: 'coordinator', language: 'en' }),
			409
		);
		expect(activityInUse.errors[0]!.message).toBe(
			m.framework_error_in_use({ code: 'A1.1.1' }, { locale: 'en' })
		);
		expect(activityInUse.errors[1]!.message).toContain('I1.1.1.1');

		const revision = await revisionOf(planId);
		await ok(
			await call('DELETE', `/indicators/${indicator.id}?revision=${revision}`, { as: 'coordinator' }),
			204
		);
		await problem(await call('GET', `/indicators/${indicator.id}`, { as: 'coordinator' }), 404);
		await ok(await call('DELETE', `/plan-chapters/${chapter.id}`, { as: 'coordinator' }), 204);
		await problem(await call('GET', `/plan-chapters/${chapter.id}`, { as: 'coordinator' }), 404);
	});

	it('explains bad input in the caller language, with the field of each mistake, saving nothing', async () => {
		const before = { revision: await revisionOf(planId), audit: await auditCount(t.db) };
		const en = { locale: 'en' as const };
		const indicatorError = await problem(
			await call('POST', `/plans/${planId}/indicators?cluster=${code}`, {
				as: 'coordinator',
				language: 'en',
				body: {
					titleFr: ' ',
					activityId: 'A1.1.1',
					unit: 'kg',
					periodRule: 'sum',
					placeRule: 'sum',
					disaggregation: 'none'
				}
			}),
			400
		);
		expect(indicatorError.errors).toEqual(
			expect.arrayContaining([
				{ path: 'titleFr', message: m.error_required({}, en) },
				{ path: 'activityId', message: m.framework_error_parent({}, en) },
				{ path: 'unit', message: m.framework_error_unit({}, en) }
			])
		);
		const percent = await problem(
			await call('POST', `/plans/${planId}/indicators?cluster=${code}`, {
				as: 'coordinator',
				language: 'en',
				body: { titleFr: 'Écoles ouvertes', activityId: a2.id, ...people, unit: 'percent', target: '150' }
			}),
			400
		);
		expect(percent.errors).toEqual([{ path: 'target', message: m.framework_error_percent({}, en) }]);
		const orphan = await problem(
			await call('POST', `/plans/${planId}/activities?cluster=${code}`, {
				as: 'coordinator',
				language: 'en',
				body: { titleFr: 'Sans objectif', clusterObjectiveId: crypto.randomUUID() }
			}),
			400
		);
		expect(orphan.errors).toEqual([
			{ path: 'clusterObjectiveId', message: m.framework_error_parent({}, en) }
		]);
		const noCluster = await problem(
			await call('POST', `/plans/${planId}/activities`, {
				as: 'coordinator',
				language: 'en',
				body: { titleFr: 'Sans cluster', clusterObjectiveId: co.id }
			}),
			400
		);
		expect(noCluster.errors.map((e) => e.path)).toEqual(['cluster']);

		const target = await ok(
			await call('POST', `/plans/${planId}/indicators?cluster=${code}`, {
				as: 'coordinator',
				body: { titleFr: 'Agents formés', activityId: a2.id, ...people }
			}),
			201
		);
		const counted = { revision: await revisionOf(planId), audit: await auditCount(t.db) };
		const targets = await problem(
			await call('PUT', `/indicators/${target.id}/targets`, {
				as: 'coordinator',
				language: 'en',
				body: { targets: { ML99: 5, ML06: -1, ML07: 12.5 } }
			}),
			400
		);
		expect(targets.errors).toEqual([
			{ path: 'targets.ML99', message: m.framework_error_place({ pcode: 'ML99' }, en) },
			{ path: 'targets.ML06', message: m.plans_error_negative({}, en) },
			{ path: 'targets.ML07', message: m.plans_error_whole({}, en) }
		]);
		const reorder = await problem(
			await call('POST', `/plans/${planId}/reorder`, {
				as: 'coordinator',
				language: 'en',
				body: { level: 'activity', ids: [so.id] }
			}),
			400
		);
		expect(reorder.errors).toEqual([{ path: 'ids', message: m.framework_error_reorder({}, en) }]);
		expect({ revision: await revisionOf(planId), audit: await auditCount(t.db) }).toEqual(counted);
		expect(counted.revision).toBe(before.revision + 1);
	});

	it('replaces the sex and age groups of a plan, and refuses a partner', async () => {
		const groups = [
			{ code: 'girls', nameFr: 'Filles', nameEn: 'Girls', hxl: ['f', 'children'] },
			{ code: 'boys', nameFr: 'Garçons', nameEn: 'Boys', hxl: ['m', 'children'] },
			{ code: 'adults', nameFr: 'Adultes', nameEn: 'Adults', hxl: 'adults' }
		];
		const saved = await ok(
			await call('PUT', `/plans/${planId}/sex-age-groups`, { as: 'coordinator', body: { groups } })
		);
		expect(saved.sexAgeGroups).toEqual([...groups.slice(0, 2), { ...groups[2], hxl: ['adults'] }]);
		await problem(
			await call('PUT', `/plans/${planId}/sex-age-groups`, { as: 'focalPointA', body: { groups } }),
			403
		);
		const bad = await problem(
			await call('PUT', `/plans/${planId}/sex-age-groups`, {
				as: 'coordinator',
				language: 'en',
				body: { groups: [{ ...groups[0], code: 'Filles!' }] }
			}),
			400
		);
		expect(bad.errors).toContainEqual({
			path: 'groups.0.code',
			message: m.plans_error_group_code({}, { locale: 'en' })
		});
	});

	it('is described in the OpenAPI document, under its own tags', async () => {
		const document = await ok(await call('GET', '/openapi.json', { language: 'en' }));
		for (const [path, methods] of Object.entries({
			'/plans': ['get', 'post'],
			'/plans/{id}': ['get', 'patch'],
			'/plans/{id}/status': ['post'],
			'/plans/{id}/clusters': ['post'],
			'/plans/{id}/versions': ['get'],
			'/plans/{id}/versions/compare': ['get'],
			'/plans/{id}/chapters': ['get', 'post'],
			'/plan-chapters/{id}': ['delete', 'get', 'patch'],
			'/plans/{id}/framework': ['get'],
			'/plans/{id}/reorder': ['post'],
			'/plans/{id}/strategic-objectives': ['post'],
			'/strategic-objectives/{id}': ['delete', 'get', 'patch'],
			'/strategic-objectives/{id}/move': ['post'],
			'/plans/{id}/indicators': ['post'],
			'/indicators/{id}': ['delete', 'get', 'patch'],
			'/indicators/{id}/targets': ['get', 'put']
		}))
			expect(Object.keys(document.paths[path] ?? {}).sort()).toEqual(methods);
		const tags = Object.fromEntries(document.tags.map((t: Json) => [t.name, t.description]));
		expect(tags.framework).toBe(m.plans_api_tag_framework({}, { locale: 'en' }));
		const create = document.paths['/plans/{id}/indicators'].post;
		expect(create.tags).toEqual(['framework']);
		expect(create.parameters.map((p: Json) => p.name)).toEqual(['id', 'cluster']);
		const body =
			document.components.schemas[
				create.requestBody.content['application/json'].schema.$ref.split('/').pop()
			];
		expect(body.required).toEqual(
			expect.arrayContaining(['titleFr', 'activityId', 'unit', 'periodRule', 'placeRule', 'disaggregation'])
		);
	});
});
