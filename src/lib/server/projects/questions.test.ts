import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser, auditCount, ctxFor } from '../../../../tests/actors';
import { addProject, seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { cluster, planQuestion, project } from '../db/schema';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	UnauthenticatedError,
	ValidationError
} from '../errors';
import {
	createQuestion,
	deleteQuestion,
	listQuestions,
	moveQuestion,
	normaliseAnswers,
	readQuestions,
	unansweredRequired,
	updateQuestion,
	validateAnswers,
	MAX_ANSWER_LENGTH,
	type PlanQuestion
} from './questions';

const choice = {
	labelFr: 'Le projet a-t-il consulté les communautés ?',
	labelEn: 'Were communities consulted?',
	kind: 'choice',
	required: true,
	choices: [
		{ labelFr: 'Oui, à toutes les étapes', labelEn: 'Yes, at every step' },
		{ labelFr: 'Oui, en partie' },
		{ labelFr: 'Non' }
	]
};

describe(`the plan's own questions [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;
	let er = '';
	let part = '';
	let washCoordinator = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		er = (await t.db.select().from(cluster).where(eq(cluster.id, w.clusterEr)))[0]!.code;
		part = w.planClusterIds[w.clusterEr]!;
		washCoordinator = await addUser(t.db, {
			email: `coord-wash-${er}@example.org`,
			name: 'WASH coordinator',
			grants: [{ role: 'coordinator', clusterId: w.clusterWash }]
		});
	});
	beforeEach(async () => {
		await t.db.delete(project);
		await t.db.delete(planQuestion);
		await setPlanStatus(t.db, w.plan.id, 'draft');
	});

	const create = async (input: object) => createQuestion(await w.as('coordinator'), w.plan.id, er, input);

	it('adds text, number and choice questions in order, giving each choice a lasting code', async () => {
		const before = await auditCount(t.db);
		const text = await create({ labelFr: 'Expérience dans la zone', kind: 'text' });
		const number = await create({
			labelFr: 'Nombre de staff local',
			labelEn: 'Local staff',
			kind: 'number',
			required: true
		});
		const multiple = await create(choice);
		expect(await auditCount(t.db)).toBe(before + 3);
		const list = await listQuestions(t.db, part);
		expect(list.map((q) => [q.labelFr, q.kind, q.required, q.position])).toEqual([
			['Expérience dans la zone', 'text', false, 1],
			['Nombre de staff local', 'number', true, 2],
			[choice.labelFr, 'choice', true, 3]
		]);
		expect(text.labelEn).toBeNull();
		expect(number.labelEn).toBe('Local staff');
		expect(multiple.choices).toEqual([
			{ code: 'oui-a-toutes-les-etapes', labelFr: 'Oui, à toutes les étapes', labelEn: 'Yes, at every step' },
			{ code: 'oui-en-partie', labelFr: 'Oui, en partie', labelEn: 'Oui, en partie' },
			{ code: 'non', labelFr: 'Non', labelEn: 'Non' }
		]);
		// Another cluster's list is its own.
		expect(await listQuestions(t.db, w.planClusterIds[w.clusterWash]!)).toEqual([]);
	});

	it('refuses a choice question without two choices, a choice twice, choices on a text, an unknown kind', async () => {
		const before = await auditCount(t.db);
		const cases: [object, string, string][] = [
			[{ ...choice, choices: [{ labelFr: 'Oui' }] }, 'choices', 'au moins deux choix'],
			[
				{ ...choice, choices: [{ labelFr: 'Oui' }, { labelFr: ' oui ' }] },
				'choices.1.labelFr',
				'figure deux fois'
			],
			[
				{ labelFr: 'Texte', kind: 'text', choices: [{ labelFr: 'Oui' }] },
				'choices',
				'Seule une question à choix'
			],
			[{ labelFr: 'Date', kind: 'date' }, 'kind', 'texte, nombre ou choix'],
			[{ labelFr: '  ', kind: 'text' }, 'labelFr', ''],
			[
				{ ...choice, choices: [{ code: 'Oui!', labelFr: 'Oui' }, { labelFr: 'Non' }] },
				'choices.0.code',
				'Code de choix'
			]
		];
		for (const [input, path, words] of cases) {
			const error = await create(input).catch((e) => e);
			expect(error, path).toBeInstanceOf(ValidationError);
			expect(error.errors[0].path).toBe(path);
			expect(error.errors[0].message).toContain(words);
		}
		expect(await listQuestions(t.db, part)).toEqual([]);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('lets only the cluster’s coordinators write, not while the plan is closed', async () => {
		const q = await create({ labelFr: 'Expérience', kind: 'text' });
		const before = await auditCount(t.db);
		for (const who of ['focalPointA', 'observer'] as const) {
			const ctx = await w.as(who);
			await expect(createQuestion(ctx, w.plan.id, er, { labelFr: 'X', kind: 'text' })).rejects.toThrow(
				ForbiddenError
			);
			await expect(updateQuestion(ctx, q.id, { labelFr: 'X', kind: 'text' })).rejects.toThrow(ForbiddenError);
			await expect(deleteQuestion(ctx, q.id)).rejects.toThrow(ForbiddenError);
		}
		const other = await ctxFor(t.db, washCoordinator);
		await expect(createQuestion(other, w.plan.id, er, { labelFr: 'X', kind: 'text' })).rejects.toThrow(
			ForbiddenError
		);
		await expect(moveQuestion(other, q.id, { direction: 'up' })).rejects.toThrow(ForbiddenError);
		const visitor = await w.as('visitor');
		await expect(deleteQuestion(visitor, q.id)).rejects.toThrow(UnauthenticatedError);
		await expect(
			deleteQuestion(await w.as('coordinator'), '00000000-0000-4000-8000-000000000000')
		).rejects.toThrow(NotFoundError);
		await setPlanStatus(t.db, w.plan.id, 'closed');
		await expect(create({ labelFr: 'X', kind: 'text' })).rejects.toThrow(ConflictError);
		await expect(deleteQuestion(await w.as('coordinator'), q.id)).rejects.toThrow(ConflictError);
		expect((await listQuestions(t.db, part)).map((x) => x.labelFr)).toEqual(['Expérience']);
		expect(await auditCount(t.db)).toBe(before);
	});

	it('moves questions up and down; nothing past either end', async () => {
		const [a, b, c] = [
			await create({ labelFr: 'A', kind: 'text' }),
			await create({ labelFr: 'B', kind: 'text' }),
			await create({ labelFr: 'C', kind: 'text' })
		];
		const coordinator = await w.as('coordinator');
		await moveQuestion(coordinator, c!.id, { direction: 'up' });
		expect((await listQuestions(t.db, part)).map((q) => q.labelFr)).toEqual(['A', 'C', 'B']);
		await moveQuestion(coordinator, a!.id, { direction: 'down' });
		expect((await listQuestions(t.db, part)).map((q) => q.labelFr)).toEqual(['C', 'A', 'B']);
		const before = await auditCount(t.db);
		await moveQuestion(coordinator, b!.id, { direction: 'down' });
		expect((await listQuestions(t.db, part)).map((q) => q.labelFr)).toEqual(['C', 'A', 'B']);
		expect(await auditCount(t.db)).toBe(before);
		await expect(moveQuestion(coordinator, b!.id, { direction: 'sideways' })).rejects.toThrow(
			ValidationError
		);
	});

	it('deletes a question drafts answered, refuses one a submitted project answered, saying how many', async () => {
		const q = await create({ labelFr: 'Expérience', kind: 'text' });
		await addProject(t.db, w, { status: 'draft', answers: { [q.id]: 'Dix ans' } });
		await addProject(t.db, w, { status: 'submitted', answers: { [q.id]: '' } });
		const coordinator = await w.as('coordinator');
		const before = await auditCount(t.db);
		await deleteQuestion(coordinator, q.id);
		expect(await listQuestions(t.db, part)).toEqual([]);
		expect(await auditCount(t.db)).toBe(before + 1);

		const kept = await create({ labelFr: 'Expérience', kind: 'text' });
		await addProject(t.db, w, { status: 'under-review', answers: { [kept.id]: 'Dix ans' } });
		await addProject(t.db, w, { status: 'approved', answers: { [kept.id]: 'Cinq ans' } });
		const refused = await deleteQuestion(coordinator, kept.id).catch((e) => e);
		expect(refused).toBeInstanceOf(ConflictError);
		expect(refused.message).toContain('2 projet(s) soumis ont répondu à cette question');
		expect((await listQuestions(t.db, part)).map((x) => x.id)).toEqual([kept.id]);
		// What may be done instead: make it optional, reword it.
		const reworded = await updateQuestion(coordinator, kept.id, {
			labelFr: 'Expérience dans la région',
			kind: 'text',
			required: false
		});
		expect(reworded.labelFr).toBe('Expérience dans la région');
	});

	it('keeps the kind and the chosen choices of a question submitted projects answered; labels may change', async () => {
		const q = await create(choice);
		const [yes, partly, no] = q.choices;
		await addProject(t.db, w, { status: 'submitted', answers: { [q.id]: yes!.code } });
		await addProject(t.db, w, { status: 'draft', answers: { [q.id]: no!.code } });
		const coordinator = await w.as('coordinator');
		const before = await auditCount(t.db);
		const kind = await updateQuestion(coordinator, q.id, { labelFr: q.labelFr, kind: 'text' }).catch(
			(e) => e
		);
		expect(kind).toBeInstanceOf(ConflictError);
		expect(kind.errors[0].path).toBe('kind');
		const removed = await updateQuestion(coordinator, q.id, {
			...choice,
			choices: [partly, no]
		}).catch((e) => e);
		expect(removed).toBeInstanceOf(ConflictError);
		expect(removed.message).toContain('« Oui, à toutes les étapes »');
		expect(await auditCount(t.db)).toBe(before);

		// A choice only a draft chose may go; a chosen one may be reworded; a new one gets a new code.
		const updated = await updateQuestion(coordinator, q.id, {
			...choice,
			choices: [
				{ code: yes!.code, labelFr: 'Oui, toujours', labelEn: 'Yes, always' },
				{ code: partly!.code, labelFr: 'En partie' },
				{ labelFr: 'Non' },
				{ labelFr: 'Ne sait pas' }
			]
		});
		expect(updated.choices.map((c) => [c.code, c.labelFr])).toEqual([
			[yes!.code, 'Oui, toujours'],
			[partly!.code, 'En partie'],
			// "non" was the code of the choice taken out: a new choice never takes an old code.
			['non-2', 'Non'],
			['ne-sait-pas', 'Ne sait pas']
		]);
		expect(await auditCount(t.db)).toBe(before + 1);
	});

	it('finds a question posted from another plan cluster’s page nowhere', async () => {
		const q = await create({ labelFr: 'Expérience', kind: 'text' });
		const coordinator = await w.as('coordinator');
		const wash = (await t.db.select().from(cluster).where(eq(cluster.id, w.clusterWash)))[0]!.code;
		const elsewhere = { planId: w.plan.id, clusterCode: wash };
		await expect(updateQuestion(coordinator, q.id, { labelFr: 'X' }, elsewhere)).rejects.toThrow(
			NotFoundError
		);
		await expect(moveQuestion(coordinator, q.id, { direction: 'up' }, elsewhere)).rejects.toThrow(
			NotFoundError
		);
		await expect(deleteQuestion(coordinator, q.id, elsewhere)).rejects.toThrow(NotFoundError);
		const here = { planId: w.plan.id, clusterCode: er.toLowerCase() };
		expect((await updateQuestion(coordinator, q.id, { labelFr: 'Expérience locale' }, here)).labelFr).toBe(
			'Expérience locale'
		);
	});

	it('changes only what a patch names; a question made a text drops its choices', async () => {
		const q = await create(choice);
		const coordinator = await w.as('coordinator');
		const optional = await updateQuestion(coordinator, q.id, { required: false });
		expect([optional.labelFr, optional.labelEn, optional.kind, optional.required]).toEqual([
			choice.labelFr,
			choice.labelEn,
			'choice',
			false
		]);
		expect(optional.choices).toEqual(q.choices);
		const text = await updateQuestion(coordinator, q.id, { kind: 'text' });
		expect([text.kind, text.choices, text.labelFr]).toEqual(['text', [], choice.labelFr]);
	});

	it('counts, in one read, the submitted projects that answered each question', async () => {
		const [a, b, c] = [
			await create({ labelFr: 'A', kind: 'text' }),
			await create({ labelFr: 'B', kind: 'number' }),
			await create({ labelFr: 'C', kind: 'text' })
		];
		await addProject(t.db, w, { status: 'submitted', answers: { [a!.id]: 'Oui', [b!.id]: 3 } });
		await addProject(t.db, w, { status: 'approved', answers: { [a!.id]: 'Non', [b!.id]: null } });
		await addProject(t.db, w, { status: 'submitted', answers: { [a!.id]: '' } });
		await addProject(t.db, w, { status: 'draft', answers: { [c!.id]: 'Brouillon' } });
		await addProject(t.db, w, {
			status: 'submitted',
			clusterId: w.clusterWash,
			answers: { [c!.id]: 'Autre cluster' }
		});
		const read = await readQuestions(await w.as('focalPointA'), w.plan.id, er);
		expect(read.questions.map((q) => q.labelFr)).toEqual(['A', 'B', 'C']);
		expect(read.answered).toEqual({ [a!.id]: 2, [b!.id]: 1, [c!.id]: 0 });
		expect(read.canEdit).toBe(false);
		expect((await readQuestions(await w.as('coordinator'), w.plan.id, er)).canEdit).toBe(true);
		await expect(readQuestions(await w.as('visitor'), w.plan.id, er)).rejects.toThrow(UnauthenticatedError);
	});
});

describe('validateAnswers and normaliseAnswers', () => {
	const question = (values: Partial<PlanQuestion>): PlanQuestion => ({
		id: crypto.randomUUID(),
		planClusterId: 'pc',
		position: 1,
		labelFr: 'Question',
		labelEn: null,
		kind: 'text',
		choices: [],
		required: false,
		createdAt: new Date(),
		...values
	});
	const text = question({
		labelFr: 'Expérience dans la zone',
		labelEn: 'Experience in the area',
		required: true
	});
	const number = question({ labelFr: 'Nombre de staff local', kind: 'number' });
	const pick = question({
		labelFr: 'Communautés consultées',
		kind: 'choice',
		required: true,
		choices: [
			{ code: 'oui', labelFr: 'Oui', labelEn: 'Yes' },
			{ code: 'non', labelFr: 'Non', labelEn: 'No' }
		]
	});
	const questions = [text, number, pick];

	it('names the question and the mistake at answers.<id>', () => {
		const errors = validateAnswers(
			questions,
			{ [text.id]: 'x'.repeat(MAX_ANSWER_LENGTH + 1), [number.id]: 'douze', [pick.id]: 'peut-être' },
			{ forSubmission: false, locale: 'fr' }
		);
		expect(errors).toEqual([
			{ path: `answers.${text.id}`, message: '« Expérience dans la zone » : 4000 caractères au plus.' },
			{
				path: `answers.${number.id}`,
				message: '« Nombre de staff local » attend un nombre, comme 1250 ou 12,5.'
			},
			{
				path: `answers.${pick.id}`,
				message: "« Communautés consultées » : choisissez l'une des réponses proposées."
			}
		]);
		const english = validateAnswers(questions, { [number.id]: true }, { forSubmission: false, locale: 'en' });
		expect(english).toEqual([
			{
				path: `answers.${number.id}`,
				message: '“Nombre de staff local” expects a number, such as 1250 or 12.5.'
			}
		]);
	});

	it('asks for required answers only for a submission', () => {
		const answers = { [number.id]: '12' };
		expect(validateAnswers(questions, answers, { forSubmission: false, locale: 'fr' })).toEqual([]);
		expect(validateAnswers(questions, answers, { forSubmission: true, locale: 'en' })).toEqual([
			{ path: `answers.${text.id}`, message: 'Answer the question “Experience in the area”.' },
			{ path: `answers.${pick.id}`, message: 'Answer the question “Communautés consultées”.' }
		]);
		// Blank, spaces, null are no answer.
		expect(
			validateAnswers(
				questions,
				{ [text.id]: '  \n ', [pick.id]: null },
				{ forSubmission: true, locale: 'fr' }
			).map((e) => e.path)
		).toEqual([`answers.${text.id}`, `answers.${pick.id}`]);
		expect(
			validateAnswers(
				questions,
				{ [text.id]: 'Dix ans', [pick.id]: 'oui' },
				{ forSubmission: true, locale: 'fr' }
			)
		).toEqual([]);
		// The checklist's part: what is missing, not what is wrong (the sheet's own check says that).
		expect(unansweredRequired(questions, { [number.id]: 'douze', [pick.id]: 'peut-être' }, 'fr')).toEqual([
			{ path: `answers.${text.id}`, message: 'Répondez à la question « Expérience dans la zone ».' }
		]);
	});

	it('stores numbers as numbers, cleaned texts, known questions only', () => {
		const answers = {
			[text.id]: '  Dix ans\r\nau Nord\u0007 ',
			[number.id]: '1 250,5',
			[pick.id]: 'non',
			'not-a-question': 'ignored'
		};
		expect(validateAnswers(questions, answers, { forSubmission: true, locale: 'fr' })).toEqual([]);
		expect(normaliseAnswers(questions, answers)).toEqual({
			[text.id]: 'Dix ans\nau Nord',
			[number.id]: 1250.5,
			[pick.id]: 'non'
		});
		for (const ok of [12, -3, '12.5', '0,25', '1\u202f000'])
			expect(
				validateAnswers([number], { [number.id]: ok }, { forSubmission: false, locale: 'fr' }),
				String(ok)
			).toEqual([]);
		for (const bad of ['1,2,3', '12e3', 'Infinity', '1.2.3', Number.NaN])
			expect(
				validateAnswers([number], { [number.id]: bad }, { forSubmission: false, locale: 'fr' }),
				String(bad)
			).toHaveLength(1);
		expect(normaliseAnswers(questions, { [number.id]: '', [text.id]: '   ' })).toEqual({});
	});
});
