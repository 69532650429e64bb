import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount } from '../../../../tests/actors';
import { addProject, seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { addPlan } from '../../../../tests/plans';
import { TEST_PUBLIC_URL } from '../../../../tests/app';
import {
	mailOutbox,
	populationGroup,
	project,
	projectSectionComment,
	projectTransition,
	projectVersion
} from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { createProject, updateSheet } from './edit';
import { findProject } from './find';
import { moveProject, movesFor } from './workflow';
import { compareVersions, listVersions } from './versions';
import { openWindow, closeWindow } from './window';
import { readSheet } from './sheet';
import { m } from '$lib/paraglide/messages';
import { readHistory } from './history';

describe(`projects: sheet and workflow [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	let code: string;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
		code = (await t.db.query.cluster.findFirst({ where: (c, { eq }) => eq(c.id, world.clusterEr) }))!.code;
	});

	const newProject = async (title = 'Relance économique à Tombouctou') =>
		createProject(await world.as('focalPointA'), {
			planId: world.plan.id,
			clusterId: world.clusterEr,
			organisationId: world.orgA,
			titleFr: title
		});

	/** A sheet that has everything a submission needs. */
	async function completeSheet() {
		const [group] = await t.db
			.select({ id: populationGroup.id })
			.from(populationGroup)
			.where(and(eq(populationGroup.clusterId, world.clusterEr), eq(populationGroup.code, 'idp')));
		const er = world.frameworks.er;
		return {
			objectives: 'Relancer les moyens d’existence',
			description: 'Cash for work et appui aux AGR',
			startsOn: '2017-02-01',
			endsOn: '2017-11-30',
			genderAgeMarker: '2T',
			partnerIds: [world.orgB],
			objectiveIds: [er.objective.id],
			activityIds: [er.activities[0]!.id],
			places: [
				{ locationId: world.places['ML06']!, peopleTargeted: '1 000' },
				{ locationId: world.places['ML07']!, peopleTargeted: 500 }
			],
			targets: [{ indicatorId: er.indicators[0]!.id, locationId: world.places['ML0601']!, value: '800' }],
			beneficiaries: [{ populationGroupId: group!.id, values: { girls: 700, boys: 800 } }],
			budgetUsd: '150 000',
			budgetLines: [
				{ category: 'staff', description: 'Équipe', amountUsd: '50000' },
				{ category: 'transfers', description: 'Cash', amountUsd: '100 000,00' }
			],
			contactIds: []
		};
	}

	it('gives a code per plan and cluster on creation, in order, and records who created it', async () => {
		const before = await auditCount(t.db);
		const first = await newProject();
		const second = await newProject('Deuxième projet');
		expect(first.code).toBe(`MLI-17/${code}/0001`);
		expect(second.code).toBe(`MLI-17/${code}/0002`);
		expect(first.status).toBe('draft');
		expect(await auditCount(t.db)).toBe(before + 2);
	});

	it('refuses a project for another organisation, and hides drafts from other organisations', async () => {
		await expect(
			createProject(await world.as('focalPointB'), {
				planId: world.plan.id,
				clusterId: world.clusterEr,
				organisationId: world.orgA,
				titleFr: 'Pas le mien'
			})
		).rejects.toBeInstanceOf(ForbiddenError);
		const mine = await newProject();
		await expect(findProject(await world.as('focalPointB'), mine.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(findProject(await world.as('visitor'), mine.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await findProject(await world.as('coordinator'), mine.id)).id).toBe(mine.id);
		await expect(
			updateSheet(await world.as('focalPointB'), mine.id, { objectives: 'x' })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses a sheet that breaks the plan’s rules, naming each problem, and changes nothing', async () => {
		const p = await newProject();
		const before = await auditCount(t.db);
		const sheet = await completeSheet();
		const error = await updateSheet(await world.as('focalPointA', 'en'), p.id, {
			...sheet,
			startsOn: '2016-12-01',
			places: [
				...sheet.places,
				{ locationId: world.places['ML']!, peopleTargeted: 5 },
				// A cercle of Tombouctou, which the sheet lists already.
				{ locationId: world.places['ML0601']!, peopleTargeted: 5 }
			],
			objectiveIds: [],
			targets: [
				{ indicatorId: world.frameworks.wash.indicators[0]!.id, locationId: world.places['ML06']!, value: 1 },
				// The indicator of the ER's second activity, which the sheet does not choose.
				{ indicatorId: world.frameworks.er.indicators[1]!.id, locationId: world.places['ML06']!, value: 1 }
			],
			budgetUsd: '140000'
		}).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		const byPath = Object.fromEntries((error as ValidationError).errors.map((e) => [e.path, e.message]));
		expect(byPath['startsOn']).toMatch(/within the plan’s period \(2017-01-01 – 2017-12-31\)/);
		expect(byPath['places.2.locationId']).toMatch(/region or district of the plan’s country/);
		expect(byPath['places.3.locationId']).toBe(m.projects_error_place_in_region({}, { locale: 'en' }));
		expect(byPath['targets.0.indicatorId']).toMatch(/not in this plan’s framework/);
		expect(byPath['targets.1.indicatorId']).toBe(m.projects_error_indicator_activity({}, { locale: 'en' }));
		expect(byPath['activityIds.0']).toBe(m.projects_error_activity_objective({}, { locale: 'en' }));
		expect(byPath['budgetUsd']).toBe(
			'The budget lines add up to 150000.00 USD, not 140000.00 USD: correct the lines or the total.'
		);
		expect(await auditCount(t.db)).toBe(before);
		expect((await readSheet(t.db, await findProject(await world.as('focalPointA'), p.id))).places).toEqual(
			[]
		);
	});

	it('refuses a save over a newer revision, naming what changed and who changed it', async () => {
		const p = await newProject();
		const saved = await updateSheet(
			await world.as('coordinator'),
			p.id,
			{ objectives: 'Par le coordinateur' },
			0
		);
		expect(saved.revision).toBe(1);
		const error = await updateSheet(
			await world.as('focalPointA', 'en'),
			p.id,
			{ description: 'Par le partenaire' },
			0
		).catch((e) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).errors[0]!.message).toMatch(
			/changed since you opened it \(Objectives, by coordinator-/
		);
	});

	it('takes a project from draft to published, freezing a version at each submission', async () => {
		const partner = await world.as('focalPointA', 'en');
		const coordinator = await world.as('coordinator');
		const p = await newProject();
		await expect(moveProject(partner, p.id, 'submit', {}, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
			ConflictError
		);
		await openWindow(coordinator, world.plan.id, code, { deadline: null });

		const incomplete = await moveProject(partner, p.id, 'submit', {}, TEST_PUBLIC_URL).catch((e) => e);
		expect(incomplete).toBeInstanceOf(ValidationError);
		expect((incomplete as ValidationError).errors.map((e) => e.message)).toContain('At least one contact');

		await updateSheet(partner, p.id, { ...(await completeSheet()), contactIds: [await personOfA()] });
		const submitted = await moveProject(partner, p.id, 'submit', {}, TEST_PUBLIC_URL);
		expect(submitted.status).toBe('submitted');
		await expect(updateSheet(partner, p.id, { objectives: 'trop tard' })).rejects.toBeInstanceOf(
			ConflictError
		);
		await expect(moveProject(partner, p.id, 'approve', {}, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
			ForbiddenError
		);

		await moveProject(coordinator, p.id, 'start-review', {}, TEST_PUBLIC_URL);
		await expect(moveProject(coordinator, p.id, 'return', {}, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
			ValidationError
		);
		const returned = await moveProject(
			coordinator,
			p.id,
			'return',
			{
				comment: 'Merci de préciser',
				sections: { budget: 'Détaillez les transferts', places: 'Ajoutez Ansongo', general: '' }
			},
			TEST_PUBLIC_URL
		);
		expect(returned.status).toBe('revision-requested');
		// The history keeps the general message and each section's comment under its name, named in the
		// reader's language whoever returned it.
		const returnedLine = async (locale: 'fr' | 'en') =>
			(await readHistory(t.db, p.id, locale)).find((h) => h.toStatus === 'revision-requested')!.comment;
		expect(await returnedLine('fr')).toBe(
			'Merci de préciser\nLieux et personnes ciblées — Ajoutez Ansongo\nBudget — Détaillez les transferts'
		);
		expect(await returnedLine('en')).toBe(
			'Merci de préciser\nPlaces and people targeted — Ajoutez Ansongo\nBudget — Détaillez les transferts'
		);
		const comments = await t.db
			.select()
			.from(projectSectionComment)
			.where(eq(projectSectionComment.projectId, p.id))
			.orderBy(projectSectionComment.section);
		expect(comments.map((c) => [c.section, c.body, c.versionNumber])).toEqual([
			['budget', 'Détaillez les transferts', 1],
			['places', 'Ajoutez Ansongo', 1]
		]);

		await updateSheet(partner, p.id, {
			budgetUsd: '150000',
			budgetLines: [
				{ category: 'staff', description: 'Équipe', amountUsd: '50000' },
				{ category: 'transfers', description: 'Transferts monétaires, 3 tranches', amountUsd: '100000' }
			]
		});
		await moveProject(partner, p.id, 'submit', {}, TEST_PUBLIC_URL);
		await moveProject(coordinator, p.id, 'approve', { comment: 'Bon projet' }, TEST_PUBLIC_URL);
		const published = await moveProject(coordinator, p.id, 'publish', {}, TEST_PUBLIC_URL);
		expect(published.status).toBe('published');

		const history = await t.db
			.select({ from: projectTransition.fromStatus, to: projectTransition.toStatus })
			.from(projectTransition)
			.where(eq(projectTransition.projectId, p.id))
			.orderBy(projectTransition.id);
		expect(history.map((h) => h.to)).toEqual([
			'draft',
			'submitted',
			'under-review',
			'revision-requested',
			'submitted',
			'approved',
			'published'
		]);
		const [versions] = await t.db
			.select({ n: count() })
			.from(projectVersion)
			.where(eq(projectVersion.projectId, p.id));
		expect(versions!.n).toBe(2);
		const { fields } = await compareVersions(partner, p.id, 1, 2);
		expect(fields.filter((f) => f.changed).map((f) => f.field)).toEqual(['budgetLines']);
		const lines = fields.find((f) => f.field === 'budgetLines')!;
		expect(lines.after.join('\n')).toMatch(/Transferts monétaires, 3 tranches/);
		// Names, not codes: the budget category, the marker and the sex and age groups in the user's
		// language (the partner reads English here), amounts with their cents. (The stored counts
		// come back in jsonb's key order.)
		expect(lines.after.join('\n')).toMatch(/^Staff — Équipe: 50,000\.00 USD$/m);
		expect(fields.find((f) => f.field === 'genderAgeMarker')!.after[0]).toMatch(/^2 \(T\) — limited/);
		expect(fields.find((f) => f.field === 'beneficiaries')!.after).toEqual([
			'Internally displaced people: Boys 800, Girls 700'
		]);
		// Framework items in English where they have an English title (the activity has none).
		const framework = (field: string) => fields.find((f) => f.field === field)!.after;
		expect(framework('objectiveIds')).toEqual([expect.stringMatching(/^CO\S+ ER: restore livelihoods$/)]);
		expect(framework('activityIds')).toEqual([expect.stringMatching(/^A\S+ ER activité 1$/)]);
		// The same versions in French.
		const inFrench = (await compareVersions(coordinator, p.id, 1, 2)).fields;
		expect(inFrench.find((f) => f.field === 'beneficiaries')!.after).toEqual([
			'Personnes déplacées internes : Garçons 800, Filles 700'
		]);
		expect(inFrench.find((f) => f.field === 'objectiveIds')!.after).toEqual([
			expect.stringMatching(/^CO\S+ ER : relancer les moyens d’existence$/)
		]);

		// Once published, other organisations and visitors of a published plan see it — not who submitted.
		expect((await findProject(await world.as('focalPointB'), p.id)).id).toBe(p.id);
		const submitters = async (as: 'focalPointA' | 'focalPointB') =>
			(await listVersions(await world.as(as), p.id)).versions.map((v) => v.submittedBy);
		expect(await submitters('focalPointB')).toEqual(['', '']);
		expect(await submitters('focalPointA')).toEqual([
			expect.stringMatching(/^focal-a /),
			expect.stringMatching(/^focal-a /)
		]);
		const mails = await t.db.select({ subject: mailOutbox.subject }).from(mailOutbox);
		expect(mails.some((mail) => mail.subject.includes(p.code))).toBe(true);
		await closeWindow(coordinator, world.plan.id, code);
	});

	it('lets a partner ask to withdraw and the coordinator confirm; offers only the moves allowed', async () => {
		const partner = await world.as('focalPointA');
		const coordinator = await world.as('coordinator');
		const p = await newProject();
		expect(movesFor(partner, p)).toEqual(['submit']);
		expect(movesFor(coordinator, p)).toEqual(['submit', 'reopen']);
		await expect(
			moveProject(partner, p.id, 'request-withdrawal', {}, TEST_PUBLIC_URL)
		).rejects.toBeInstanceOf(ConflictError);

		await t.db.update(project).set({ status: 'published' }).where(eq(project.id, p.id));
		const asked = await moveProject(
			partner,
			p.id,
			'request-withdrawal',
			{ comment: 'Financement retiré' },
			TEST_PUBLIC_URL
		);
		expect([asked.status, asked.withdrawalReason]).toEqual(['published', 'Financement retiré']);
		expect(movesFor(partner, asked)).toEqual([]);
		expect(movesFor(coordinator, asked)).toEqual(['confirm-withdrawal', 'decline-withdrawal']);
		const audits = await auditCount(t.db);
		const withdrawn = await moveProject(coordinator, p.id, 'confirm-withdrawal', {}, TEST_PUBLIC_URL);
		// Withdrawn, the project keeps the partner's reason.
		expect([withdrawn.status, withdrawn.withdrawalRequestedAt, withdrawn.withdrawalReason]).toEqual([
			'withdrawn',
			null,
			'Financement retiré'
		]);
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('freezes the projects of a closed plan: no move offered, none made', async () => {
		const coordinator = await world.as('coordinator');
		const p = await newProject();
		await setPlanStatus(t.db, world.plan.id, 'closed');
		try {
			const found = await findProject(coordinator, p.id);
			expect(movesFor(coordinator, found)).toEqual([]);
			await expect(moveProject(coordinator, p.id, 'reopen', {}, TEST_PUBLIC_URL)).rejects.toBeInstanceOf(
				ConflictError
			);
			expect((await findProject(coordinator, p.id)).reopened).toBe(false);
		} finally {
			await setPlanStatus(t.db, world.plan.id, world.plan.status);
		}
	});

	it('carries over only the organisation’s own project of an earlier year, not a withdrawn one', async () => {
		const { plan: earlier } = await addPlan(t.db, [world.clusterEr], { year: 2016, status: 'published' });
		const ours = await addProject(t.db, { ...world, plan: earlier }, { status: 'published' });
		const theirs = await addProject(
			t.db,
			{ ...world, plan: earlier },
			{ organisationId: world.orgB, status: 'published' }
		);
		const withdrawn = await addProject(t.db, { ...world, plan: earlier }, { status: 'withdrawn' });
		const { plan: sameYear } = await addPlan(t.db, [world.clusterEr], {
			year: world.plan.year,
			status: 'published'
		});
		const twin = await addProject(t.db, { ...world, plan: sameYear }, { status: 'published' });
		const carry = async (carriedFromId: string) =>
			createProject(await world.as('focalPointA'), {
				planId: world.plan.id,
				clusterId: world.clusterEr,
				organisationId: world.orgA,
				titleFr: 'Reprise',
				carriedFromId
			});
		const carried = await carry(ours.id);
		const sheet = await readSheet(t.db, carried);
		expect(sheet.objectives).toBe(ours.objectives);
		expect(sheet.places.map((p) => p.peopleTargeted).sort()).toEqual([1000, 2000]);
		expect(sheet.startsOn).toBeNull();
		for (const refused of [theirs, withdrawn, twin])
			await expect(carry(refused.id)).rejects.toBeInstanceOf(ValidationError);
	});

	async function personOfA(): Promise<string> {
		const { person } = await import('../db/schema');
		const [row] = await t.db
			.insert(person)
			.values({ name: 'Awa Traoré', organisationId: world.orgA })
			.returning();
		return row!.id;
	}
});
