import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { location } from '../db/schema';
import { readTable } from '../spreadsheets/read-table';
import { exportPlaces } from './export-places';

describe(`P-code list export [${databaseKind}]`, () => {
	const t = useTestDatabase();

	beforeAll(async () => {
		const [ml] = await t.db.insert(location).values({ pcode: 'ML', name: 'Mali', level: 0 }).returning();
		const [gao] = await t.db
			.insert(location)
			.values({ pcode: 'ML07', name: 'Gao', level: 1, parentId: ml!.id })
			.returning();
		await t.db.insert(location).values([
			{ pcode: 'ML0704', name: 'Ménaka', level: 2, parentId: gao!.id, retiredAt: new Date('2021-12-20') },
			{ pcode: 'ML0701', name: 'Ansongo', level: 2, parentId: gao!.id }
		]);
	});

	it('writes the list as the importer reads it back, to a visitor too, retired places marked', async () => {
		const file = await exportPlaces({ db: t.db, actor: null, locale: 'fr' }, { format: 'csv' });
		const [sheet] = await readTable(file.body as Uint8Array, file.filename, 'fr');
		expect(sheet!.rows).toEqual([
			['P-code', 'Nom', 'P-code parent', 'Niveau', 'Valide depuis', 'Retiré le'],
			['ML', 'Mali', '', '0', '', ''],
			['ML07', 'Gao', 'ML', '1', '', ''],
			['ML0701', 'Ansongo', 'ML07', '2', '', ''],
			['ML0704', 'Ménaka', 'ML07', '2', '', '2021-12-20']
		]);
	});

	it('keeps to the places a search finds', async () => {
		const file = await exportPlaces({ db: t.db, actor: null, locale: 'en' }, { format: 'hxl', q: 'menaka' });
		const [sheet] = await readTable(file.body as Uint8Array, file.filename, 'en');
		expect(sheet!.rows.map((r) => r[0])).toEqual(['P-code', '#loc +code', 'ML0704']);
	});
});
