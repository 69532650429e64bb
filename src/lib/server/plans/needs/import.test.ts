import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { exportNeeds } from './export';
import { getNeeds } from './get-needs';
import { confirmNeedsImport, discardNeedsImport, getNeedsImport, previewNeedsImport } from './import';
import { saveNeeds, UnconfirmedWarnings } from './save';
import { needsCounts, needsWorld, row, SOURCE } from './test-world';

const HEADER =
	'#adm1+code,#adm2+code,#population+type,#inneed+f+children,#inneed+m+children,#targeted+f+children';

function file(text: string, filename = 'besoins.csv') {
	return async () => ({ filename, bytes: new TextEncoder().encode(text) });
}

describe(`needs import [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: Awaited<ReturnType<typeof needsWorld>>;

	beforeAll(async () => {
		w = await needsWorld(t.db);
		await saveNeeds(await w.as('coordinator'), w.plan.id, w.er, {
			...SOURCE,
			baseRevision: 0,
			confirm: true,
			rows: [
				row(
					'ML06',
					'idp',
					{ girls: 1200, boys: 1100, women: 900, men: 800, elderly: 120 },
					{ girls: 600, boys: 500 }
				),
				row('ML0601', 'returnees', { girls: 300, women: 250 }, { girls: 100, women: 250 }),
				row('ML07', 'host', { elderly: 10 }, { men: 4 }),
				row('ML08', 'idp', { girls: 0 })
			]
		});
	});

	const preview = async (
		text: string | (() => Promise<{ filename: string; bytes: Uint8Array }>),
		who = 'coordinator' as const
	) =>
		previewNeedsImport(await w.as(who, 'en'), w.plan.id, w.er, typeof text === 'string' ? file(text) : text, {
			source: 'OCHA, révision du 25 octobre',
			sourceDate: '2016-10-25'
		});

	it.each(['hxl', 'csv', 'xlsx'] as const)('a %s export imports back to the same figures', async (format) => {
		const coordinator = await w.as('coordinator');
		const before = await getNeeds(coordinator, w.plan.id, w.er);
		const exported = await exportNeeds(coordinator, w.plan.id, w.er, { format });
		const report = await preview(async () => ({
			filename: exported.filename,
			bytes: exported.body as Uint8Array
		}));
		expect(report.errors).toEqual([]);
		// The stored figures hold targeted above in need (confirmed): the file carries them again.
		expect(report.warningCount).toBe(1);
		expect(report).toMatchObject({
			rows: 4,
			figures: 4,
			skipped: 0,
			changes: { added: 0, removed: 0, changed: 0 }
		});
		const saved = await confirmNeedsImport(coordinator, report.uploadId!, { confirm: true });
		expect(saved.number).toBe(before.revision!.number + 1);
		expect(saved.source).toBe('OCHA, révision du 25 octobre');
		const after = await getNeeds(coordinator, w.plan.id, w.er);
		const sorted = (f: typeof after.figures) =>
			[...f].sort((a, b) => `${a.pcode}${a.group}`.localeCompare(`${b.pcode}${b.group}`));
		expect(sorted(after.figures)).toEqual(sorted(before.figures));
	});

	it('the HXL export carries the hashtags of the issue and the source of its figures', async () => {
		const exported = await exportNeeds(await w.as('focalPointA'), w.plan.id, w.er, { format: 'hxl' });
		const lines = new TextDecoder()
			.decode(exported.body as Uint8Array)
			.replace(/^\ufeff/, '')
			.split('\r\n');
		expect(lines[1]!.split(',').slice(0, 8)).toEqual([
			'#adm1 +code',
			'#adm1 +name',
			'#adm2 +code',
			'#adm2 +name',
			'#population +type +code',
			'#population +type +name',
			'#inneed +f +children',
			'#inneed +m +children'
		]);
		expect(lines.find((l) => l.startsWith('ML06,Tombouctou,ML0601'))).toContain(
			'OCHA, révision du 25 octobre'
		);
		expect(exported.filename).toMatch(/^besoins-ER.*-2017-r\d+\.hxl\.csv$/);
	});

	it.each([
		['a negative count', `${HEADER}\nML06,,idp,-5,3,1`, 3, 'D', /négatif|negative/],
		['a decimal', `${HEADER}\nML06,,idp,5,"3,5",1`, 3, 'E', /whole number/],
		['an unknown P-code', `${HEADER}\nML99,,idp,5,3,1`, 3, 'A', /Unknown P-code “ML99”/],
		['a place of another country', `${HEADER}\n,BF13,idp,5,3,1`, 3, 'B', /another country/],
		[
			'an admin2 outside the admin1 beside it',
			`${HEADER}\nML07,ML0601,idp,5,3,1`,
			3,
			'A',
			/not in the admin1 ML07/
		],
		[
			'a duplicated row',
			`${HEADER}\nML06,,idp,5,3,1\nML07,,idp,5,3,1\nML06,,IDP,1,1,1`,
			5,
			null,
			/Same place and population group as row 3/
		],
		['an unknown group', `${HEADER}\nML06,,refugees,5,3,1`, 3, 'C', /Unknown population group “refugees”/]
	])('refuses %s with its row and column, and keeps nothing', async (_, text, rowNumber, column, message) => {
		const before = await needsCounts(t.db);
		const report = await preview(`Besoins\n${text}`);
		expect(report.uploadId).toBeNull();
		expect(report.errors).toEqual([
			expect.objectContaining({ row: rowNumber, column, message: expect.stringMatching(message) })
		]);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('refuses a count column that matches no sex and age group, naming it', async () => {
		const report = await preview(
			`#adm1+code,#population+type,#inneed+f+youth,#inneed+m+children\nML06,idp,5,3`
		);
		expect(report.uploadId).toBeNull();
		expect(report.errors).toEqual([
			{
				row: null,
				column: 'C',
				header: '#inneed+f+youth',
				message: expect.stringMatching(
					/^Column “#inneed\+f\+youth” matches no sex and age group.*#inneed\+f\+children/
				)
			}
		]);
	});

	it('refuses a file with no P-code column before anything else', async () => {
		const before = await needsCounts(t.db);
		const error = await preview('Région,Groupe,Filles\nTombouctou,idp,5').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{ path: 'file', message: expect.stringMatching(/^No P-code column/) }
		]);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('reads French and English typing, names instead of codes, and leaves blank rows out', async () => {
		const report = await preview(
			'Code admin1 (région);Groupe de population;Dans le besoin — Filles;Ciblés — Filles\n' +
				'ML06;Personnes déplacées internes;1 234;1 000\nML07;Returnees;"2,500";\n;;;\nML08;host;;'
		);
		expect(report.errors).toEqual([]);
		expect(report).toMatchObject({ rows: 4, figures: 2, skipped: 2, warningCount: 0 });
		expect(report.totals).toMatchObject({ inNeed: { girls: 3734 }, targeted: { girls: 1000 } });
		expect(report.changes).toEqual({ added: 1, removed: 3, changed: 1 });
		await discardNeedsImport(await w.as('coordinator'), report.uploadId!);
		await expect(getNeedsImport(await w.as('coordinator'), report.uploadId!)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('targeted above in need: previewed as a warning, saved only once confirmed', async () => {
		const report = await preview(`${HEADER}\nML06,,idp,5,3,9`);
		expect(report.warnings).toEqual([
			{
				row: 2,
				column: 'F',
				header: '#targeted+f+children',
				message: 'Targeted (9) above people in need (5).'
			}
		]);
		const coordinator = await w.as('coordinator');
		const before = await needsCounts(t.db);
		await expect(confirmNeedsImport(coordinator, report.uploadId!, {})).rejects.toBeInstanceOf(
			UnconfirmedWarnings
		);
		expect(await needsCounts(t.db)).toEqual(before);
		const saved = await confirmNeedsImport(coordinator, report.uploadId!, { confirm: true });
		expect((await getNeeds(coordinator, w.plan.id, w.er)).revision?.number).toBe(saved.number);
		await expect(confirmNeedsImport(coordinator, report.uploadId!, { confirm: true })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('a revision saved after the preview makes the confirmation fail, with what changed', async () => {
		const report = await preview(`${HEADER}\nML06,,idp,5,3,1`);
		const current = (await getNeeds(await w.as('coordinator'), w.plan.id, w.er)).revision!.number;
		await saveNeeds(await w.as('informationManager'), w.plan.id, w.er, {
			...SOURCE,
			baseRevision: current,
			rows: [row('ML06', 'idp', { girls: 6 })]
		});
		const before = await needsCounts(t.db);
		const error = await confirmNeedsImport(await w.as('coordinator', 'en'), report.uploadId!, {}).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors.slice(1).map((e) => e.message)).toEqual([
			'Tombouctou (ML06) · Internally displaced people · In need — Girls: 5 → 6',
			'Tombouctou (ML06) · Internally displaced people · In need — Boys: 3 → —',
			'Tombouctou (ML06) · Internally displaced people · Targeted — Girls: 9 → —'
		]);
		expect(await needsCounts(t.db)).toEqual(before);
	});

	it('only the coordinators may import, and only the sender sees a staged file', async () => {
		for (const who of ['focalPointA', 'washCoordinator'] as const)
			await expect(preview(`${HEADER}\nML06,,idp,5,3,1`, who as never)).rejects.toBeInstanceOf(
				ForbiddenError
			);
		const report = await preview(`${HEADER}\nML06,,idp,5,3,1`);
		await expect(getNeedsImport(await w.as('informationManager'), report.uploadId!)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(confirmNeedsImport(await w.as('admin'), report.uploadId!, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
