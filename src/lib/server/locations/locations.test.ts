import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedWorld, type World } from '../../../../tests/actors';
import { location, organisationLocation } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import type { Ctx } from '../context';
import { MALI_LOCATIONS } from '../example/data/mali-locations';
import { countChildren, getLocationTrail, getPlace, listLocations } from './locations';

describe(`browsing and searching places [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let visitor: Ctx;
	const ids = new Map<string, string>();

	beforeAll(async () => {
		world = await seedWorld(t.db);
		visitor = await world.as('visitor');
		for (const p of MALI_LOCATIONS) {
			const [row] = await t.db
				.insert(location)
				.values({
					pcode: p.pcode,
					name: p.name,
					level: p.level,
					parentId: p.parent ? ids.get(p.parent) : null,
					validFrom: p.validFrom,
					retiredAt: p.pcode === 'ML1004' ? new Date('2025-01-01T00:00:00Z') : null,
					displayGeometry:
						p.pcode === 'ML10'
							? {
									type: 'Polygon',
									coordinates: [
										[
											[2.0, 15.0],
											[4.5, 15.0],
											[4.5, 17.0],
											[2.0, 15.0]
										]
									]
								}
							: null
				})
				.returning({ id: location.id });
			ids.set(p.pcode, row!.id);
		}
		await t.db.insert(organisationLocation).values([
			{ organisationId: world.orgA, locationId: ids.get('ML10')! },
			{ organisationId: world.orgB, locationId: ids.get('ML10')! }
		]);
	});

	it('shows a visitor the tree: the country, its regions, their cercles, with counts', async () => {
		const top = await listLocations(visitor, { parent: '' });
		expect(top.items.map((p) => [p.pcode, p.name, p.children])).toEqual([['ML', 'Mali', 10]]);
		const regions = await listLocations(visitor, { parent: 'ML', limit: 100 });
		expect(regions.total).toBe(10);
		expect(regions.items.find((p) => p.pcode === 'ML07')).toMatchObject({
			name: 'Gao',
			children: 3,
			parentName: 'Mali'
		});
		const gao = await listLocations(visitor, { parent: 'ml07' });
		expect(gao.items.map((p) => p.name)).toEqual(['Ansongo', 'Bourem', 'Gao']);
		expect((await countChildren(visitor, [ids.get('ML10')!, ids.get('ML07')!])).get(ids.get('ML10')!)).toBe(
			4
		);
	});

	it('finds places by name or P-code, accents and case aside, broadest first', async () => {
		const menaka = await listLocations(visitor, { q: 'menaka' });
		expect(menaka.items.map((p) => [p.pcode, p.name, p.level, p.parentPcode])).toEqual([
			['ML10', 'Ménaka', 1, 'ML'],
			['ML1001', 'Ménaka', 2, 'ML10']
		]);
		expect((await listLocations(visitor, { q: 'SÉGOU' })).items.map((p) => p.pcode)).toEqual([
			'ML04',
			'ML0406'
		]);
		expect((await listLocations(visitor, { q: 'ml070' })).total).toBe(3);
		// "%" and "_" are searched as themselves, not as patterns.
		expect((await listLocations(visitor, { q: '%' })).total).toBe(0);
	});

	it('marks retired places, and leaves them out when asked', async () => {
		const all = await listLocations(visitor, { parent: 'ML10' });
		expect(all.items.find((p) => p.pcode === 'ML1004')!.retiredAt).toEqual(new Date('2025-01-01T00:00:00Z'));
		const current = await listLocations(visitor, { parent: 'ML10', retired: 'false' });
		expect(current.items.map((p) => p.pcode)).toEqual(['ML1001', 'ML1002', 'ML1003']);
	});

	it('gives a place with its trail, its subdivisions, how many records use it and its outline', async () => {
		const menaka = await getPlace(visitor, 'ml10');
		expect(menaka).toMatchObject({
			pcode: 'ML10',
			name: 'Ménaka',
			level: 1,
			parentPcode: 'ML',
			parentName: 'Mali',
			validFrom: '2021-12-20',
			retiredAt: null,
			uses: 2
		});
		expect(menaka.trail.map((p) => p.pcode)).toEqual(['ML']);
		expect(menaka.children.total).toBe(4);
		expect(menaka.children.items.map((p) => p.name)).toEqual([
			'Ménaka',
			'Andéramboukane',
			'Inékar',
			'Tidermène'
		]);
		expect(menaka.outline).toMatchObject({ type: 'Polygon' });
		expect((await getPlace(visitor, ids.get('ML1001')!)).trail.map((p) => p.pcode)).toEqual(['ML', 'ML10']);
		expect((await getLocationTrail(visitor, 'ML1001')).map((p) => p.level)).toEqual([0, 1, 2]);
		await expect(getPlace(visitor, 'ML99')).rejects.toBeInstanceOf(NotFoundError);
		await expect(getPlace(visitor, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(getPlace(visitor, 'ML10', { limit: 'many' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('pages through thousands of places under one parent quickly', async () => {
		const parentId = ids.get('ML0101')!;
		const many = Array.from({ length: 3000 }, (_, i) => ({
			pcode: `ML0101${String(i).padStart(4, '0')}`,
			name: `Commune ${i}`,
			level: 3,
			parentId
		}));
		for (let i = 0; i < many.length; i += 500) await t.db.insert(location).values(many.slice(i, i + 500));
		const started = performance.now();
		const page = await listLocations(visitor, { parent: 'ML0101', limit: 100, offset: 2900 });
		const place = await getPlace(visitor, 'ML0101', { offset: 100 });
		const search = await listLocations(visitor, { q: 'commune 2999' });
		const elapsed = performance.now() - started;
		expect(page.total).toBe(3000);
		expect(page.items).toHaveLength(100);
		expect(page.items[0]!.pcode).toBe('ML01012900');
		expect(place.children.items[0]!.pcode).toBe('ML01010100');
		expect(search.items.map((p) => p.pcode)).toEqual(['ML01012999']);
		// Generous for a shared test machine; on an idle one this takes a few tens of milliseconds.
		expect(elapsed).toBeLessThan(3000);
		await t.db.delete(location).where(eq(location.level, 3));
	});
});
