import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../../../tests/db';
import { auditCount } from '../../../../../../tests/actors';
import { seedProjectWorld, type ProjectWorld } from '../../../../../../tests/projects';
import { populationGroup } from '$lib/server/db/schema';
import { ValidationError } from '$lib/server/errors';
import { createProject, updateSheet } from '$lib/server/projects/edit';
import { readSheet, type Sheet } from '$lib/server/projects/sheet';
import { SECTION_FIELDS } from '$lib/server/projects/sheet-schema';
import { plainNumber } from '$lib/form-values';
import {
	beneficiaryTotals,
	budgetRowCount,
	budgetSumCents,
	errorsOnFields,
	fieldOf,
	formFromSheet,
	inputFromForm,
	type EditedSection
} from './step-form';

const fr = { locale: 'fr' as const };
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';

describe('a step of the sheet as a form', () => {
	it('writes stored numbers as a person types them in their language', () => {
		expect(plainNumber('1500.00', 'fr')).toBe('1500');
		expect(plainNumber('12.50', 'fr')).toBe('12,5');
		expect(plainNumber('12.50', 'en')).toBe('12.5');
		expect(plainNumber(7, 'en')).toBe('7');
		expect(plainNumber('100.05', 'fr')).toBe('100,05');
	});

	it('reads the budget rows in order, leaving blank rows out and keeping where each line came from', () => {
		const step = inputFromForm(
			'budget',
			{
				budgetUsd: '',
				'line.0.category': 'staff',
				'line.0.description': 'Animateurs',
				'line.0.amountUsd': '12 000',
				'line.1.category': '',
				'line.1.description': '',
				'line.1.amountUsd': ' ',
				'line.2.category': '',
				'line.2.description': 'Kits',
				'line.2.amountUsd': '3 500,50',
				'line.10.category': 'travel',
				'line.10.description': '',
				'line.10.amountUsd': '100'
			},
			fr
		);
		expect(step.input).toEqual({
			budgetUsd: '',
			budgetLines: [
				{ category: 'staff', description: 'Animateurs', amountUsd: '12 000' },
				{ category: '', description: 'Kits', amountUsd: '3 500,50' },
				{ category: 'travel', description: '', amountUsd: '100' }
			]
		});
		// The second line is row 2 of the form, the third row 10.
		expect(fieldOf('budgetLines.1.category', step.fields)).toBe('line.2.category');
		expect(fieldOf('budgetLines.2', step.fields)).toBe('line.10.amountUsd');
		expect(fieldOf('budgetUsd', step.fields)).toBe('budgetUsd');
	});

	it('adds up the budget rows in cents as typed, and says when one is not a number', () => {
		expect(
			budgetSumCents({ 'line.0.amountUsd': '1 234,5', 'line.1.amountUsd': '0.1', 'line.2.amountUsd': '0,2' })
		).toBe(123_480);
		expect(budgetSumCents({ 'line.0.amountUsd': '12', 'line.1.amountUsd': 'douze' })).toBeNull();
		expect(budgetSumCents({})).toBe(0);
	});

	it('shows as many budget rows as asked, posted or stored, at least three and at most 250', () => {
		expect(budgetRowCount({})).toBe(3);
		expect(budgetRowCount({ rows: '8' })).toBe(8);
		expect(budgetRowCount({ rows: '2', 'line.6.amountUsd': '' })).toBe(7);
		expect(budgetRowCount({ rows: '100000' })).toBe(250);
		expect(budgetRowCount({ rows: 'many' })).toBe(3);
	});

	it('counts the items above a chosen indicator or activity, and keeps targets of chosen indicators only', () => {
		// A: objective, B: activity of A, C: indicator of B, D: a place.
		const parents = { [B]: A, [C]: B };
		const step = inputFromForm(
			'framework',
			{
				indicatorIds: C,
				[`target.${C}.${D}`]: '1 500',
				[`target.${B}.${D}`]: '99',
				[`target.${C}.${A}`]: ''
			},
			{ parents, ...fr }
		);
		expect(step.errors).toEqual([]);
		expect(step.input).toEqual({
			objectiveIds: [A],
			activityIds: [B],
			targets: [{ indicatorId: C, locationId: D, value: '1 500' }]
		});
		expect(fieldOf('targets.0.value', step.fields)).toBe(`target.${C}.${D}`);
		expect(fieldOf('activityIds.3', step.fields)).toBe('activityIds');
	});

	it('refuses a chosen indicator without any target, naming it', () => {
		const step = inputFromForm('framework', { indicatorIds: [C, B], [`target.${B}.${D}`]: '10' }, fr);
		expect(step.errors).toEqual([{ path: `indicator.${C}`, message: expect.stringContaining('cible') }]);
	});

	it('takes the places with people targeted, and shows their errors by their field', () => {
		const step = inputFromForm(
			'places',
			{ [`people.${A}`]: '1 000', [`people.${B}`]: '', [`people.${C}`]: 'x' },
			fr
		);
		expect(step.input).toEqual({
			places: [
				{ locationId: A, peopleTargeted: '1 000' },
				{ locationId: C, peopleTargeted: 'x' }
			]
		});
		expect(errorsOnFields([{ path: 'places.1.peopleTargeted', message: 'Nombre' }], step.fields)).toEqual([
			{ path: `people.${C}`, message: 'Nombre' }
		]);
	});

	it('reads the beneficiaries grid by group, leaving empty cells and rows out', () => {
		const values = {
			[`b.${A}.girls`]: '10',
			[`b.${A}.boys`]: '',
			[`b.${B}.girls`]: '',
			[`b.${C}.women`]: '1 200'
		};
		const step = inputFromForm('beneficiaries', values, fr);
		expect(step.input).toEqual({
			beneficiaries: [
				{ populationGroupId: A, values: { girls: '10' } },
				{ populationGroupId: C, values: { women: '1 200' } }
			]
		});
		expect(fieldOf('beneficiaries.1.values.women', step.fields)).toBe(`b.${C}.women`);
		expect(fieldOf('beneficiaries.1.populationGroupId', step.fields)).toBe(`b.${C}`);
		expect(beneficiaryTotals(values)).toEqual({
			rows: { [A]: 10, [C]: 1200 },
			columns: { girls: 10, women: 1200 },
			total: 1210
		});
	});

	it('reads shares of clusters, answers, partners and contacts', () => {
		expect(inputFromForm('clusters', { [`share.${A}`]: '60', [`share.${B}`]: '' }, fr).input).toEqual({
			clusters: [{ clusterId: A, sharePercent: '60' }]
		});
		expect(inputFromForm('questions', { [`answers.${A}`]: ' oui ', other: 'x' }, fr).input).toEqual({
			answers: { [A]: 'oui' }
		});
		expect(inputFromForm('general', { titleFr: 'T', partnerIds: [A, A, B] }, fr).input.partnerIds).toEqual([
			A,
			B
		]);
		expect(inputFromForm('contacts', { contactIds: A }, fr).input).toEqual({ contactIds: [A] });
		expect(inputFromForm('contacts', {}, fr).input).toEqual({ contactIds: [] });
	});

	it('leaves a path with no field of its own where it is', () => {
		expect(fieldOf('revision', {})).toBe('revision');
		expect(fieldOf(`answers.${A}`, {})).toBe(`answers.${A}`);
	});
});

describe(`a step's form saved through the sheet [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
	});

	/** A project whose sheet has a value in every section. */
	async function filledProject(): Promise<{ id: string; sheet: Sheet }> {
		const ctx = await world.as('focalPointA');
		const p = await createProject(ctx, {
			planId: world.plan.id,
			clusterId: world.clusterEr,
			organisationId: world.orgA,
			titleFr: 'Relance économique à Gao'
		});
		const [group] = await t.db
			.select({ id: populationGroup.id })
			.from(populationGroup)
			.where(and(eq(populationGroup.clusterId, world.clusterEr), eq(populationGroup.code, 'idp')));
		const er = world.frameworks.er;
		await updateSheet(ctx, p.id, {
			objectives: 'Relancer',
			startsOn: '2017-02-01',
			endsOn: '2017-11-30',
			genderAgeMarker: '2T',
			partnerIds: [world.orgB],
			clusters: [
				{ clusterId: world.clusterEr, sharePercent: '62.5' },
				{ clusterId: world.clusterWash, sharePercent: '37.5' }
			],
			objectiveIds: [er.objective.id],
			activityIds: [er.activities[0]!.id],
			targets: [{ indicatorId: er.indicators[0]!.id, locationId: world.places['ML07']!, value: '1250.5' }],
			places: [{ locationId: world.places['ML07']!, peopleTargeted: 1500 }],
			beneficiaries: [{ populationGroupId: group!.id, values: { girls: 700, women: 800 } }],
			budgetLines: [
				{ category: 'staff', description: 'Animateurs', amountUsd: '12000.50' },
				{ category: 'supplies', description: 'Kits', amountUsd: '8000' }
			]
		});
		return {
			id: p.id,
			sheet: await readSheet(
				t.db,
				(await t.db.query.project.findFirst({ where: (r, { eq }) => eq(r.id, p.id) }))!
			)
		};
	}

	it('gives back the same sheet when every step is saved as the form shows it, in French', async () => {
		const { id, sheet } = await filledProject();
		const ctx = await world.as('focalPointA');
		const parents = {
			[world.frameworks.er.activities[0]!.id]: world.frameworks.er.objective.id,
			[world.frameworks.er.indicators[0]!.id]: world.frameworks.er.activities[0]!.id
		};
		for (const section of Object.keys(SECTION_FIELDS) as EditedSection[]) {
			const step = inputFromForm(section, formFromSheet(section, sheet, 'fr'), { parents, ...fr });
			expect(step.errors, section).toEqual([]);
			await updateSheet(ctx, id, step.input);
		}
		const row = await t.db.query.project.findFirst({ where: (r, { eq }) => eq(r.id, id) });
		expect(await readSheet(t.db, row!)).toEqual(sheet);
	});

	it('refuses a budget row without its category, naming the row’s field, and saves nothing', async () => {
		const { id } = await filledProject();
		const ctx = await world.as('focalPointA');
		const before = await auditCount(t.db);
		const step = inputFromForm(
			'budget',
			{
				budgetUsd: '',
				'line.0.category': 'staff',
				'line.0.amountUsd': '100',
				'line.1.category': '',
				'line.1.amountUsd': '',
				'line.2.description': 'Sans catégorie',
				'line.2.amountUsd': 'beaucoup'
			},
			fr
		);
		const error = await updateSheet(ctx, id, step.input).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		const paths = errorsOnFields((error as ValidationError).errors, step.fields).map((e) => e.path);
		expect(paths.sort()).toEqual(['line.2.amountUsd', 'line.2.category']);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('refuses lines that do not add up to the stated total, at the total', async () => {
		const { id } = await filledProject();
		const step = inputFromForm(
			'budget',
			{ budgetUsd: '20 000', 'line.0.category': 'staff', 'line.0.amountUsd': '12 000,50' },
			fr
		);
		const error = (await updateSheet(await world.as('focalPointA'), id, step.input).catch(
			(e: unknown) => e
		)) as ValidationError;
		expect(errorsOnFields(error.errors, step.fields)).toEqual([
			{ path: 'budgetUsd', message: expect.stringContaining('12000.50') }
		]);
	});
});
