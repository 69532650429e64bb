import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addOrganisation, seedWorld, type World } from '../../../../tests/actors';
import { readTable } from '../spreadsheets/read-table';
import { UnauthenticatedError, ValidationError } from '../errors';
import { addToPipeline } from './memberships';
import { exportPipeline } from './export';

describe(`pipeline export [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;

	beforeAll(async () => {
		world = await seedWorld(t.db);
		const coordinator = await world.as('coordinator');
		const ministry = await addOrganisation(t.db, { name: 'Ministère de la Solidarité', type: 'government' });
		const firm = await addOrganisation(t.db, { name: 'Orange Mali', type: 'private-sector' });
		await addToPipeline(coordinator, world.clusterEr, {
			organisationId: ministry,
			note: 'Piste : « filets sociaux »'
		});
		await addToPipeline(coordinator, world.clusterEr, { organisationId: firm, stage: 'contacted' });
	});

	it('downloads the filtered pipeline with labels in the reader’s language, and HXL with codes', async () => {
		const observer = await world.as('observer');
		const csv = await exportPipeline(observer, world.clusterEr, { format: 'csv', type: 'government' });
		expect(csv.filename).toMatch(/^pipeline-ER.*\.csv$/);
		const [sheet] = await readTable(csv.body as Uint8Array, csv.filename, 'fr');
		expect(sheet!.rows).toHaveLength(2);
		expect(sheet!.rows[1]!.slice(0, 4)).toEqual([
			'Ministère de la Solidarité',
			'',
			'Gouvernement',
			'Prospect'
		]);
		expect(sheet!.rows[1]![5]).toBe('Piste : « filets sociaux »');

		const hxl = await exportPipeline(await world.as('observer', 'en'), world.clusterEr, { format: 'hxl' });
		const [tagged] = await readTable(hxl.body as Uint8Array, hxl.filename, 'en');
		expect(tagged!.rows[0]![3]).toBe('Membership step');
		expect(tagged!.rows[1]!.slice(2, 4)).toEqual(['#org +type', '#status']);
		expect(
			tagged!.rows
				.slice(2)
				.map((r) => r[3])
				.sort()
		).toEqual(['contacted', 'prospect']);
	});

	it('refuses a visitor and an unknown format', async () => {
		await expect(
			exportPipeline(await world.as('visitor'), world.clusterEr, { format: 'csv' })
		).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(
			exportPipeline(await world.as('observer'), world.clusterEr, { format: 'pdf' })
		).rejects.toBeInstanceOf(ValidationError);
	});
});
