import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addUser } from '../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { cluster, mailOutbox, projectSectionComment, user, PROJECT_STATUSES } from '../db/schema';
import { notifyProjectStatus } from './notify';

const URL = 'https://concerto.example.org';

describe(`mail on a project's status [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;
	let er = '';
	const emails: Record<string, string> = {};
	let englishFocal = '';

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
		er = (await t.db.select().from(cluster).where(eq(cluster.id, w.clusterEr)))[0]!.code;
		const id = await addUser(t.db, {
			email: `Aminata-${er}@Example.org`,
			name: 'Aminata',
			locale: 'en',
			grants: [{ role: 'focal-point', organisationId: w.orgA }]
		});
		englishFocal = `aminata-${er.toLowerCase()}@example.org`;
		for (const who of ['coordinator', 'focalPointA', 'focalPointB'] as const) {
			const [row] = await t.db.select({ email: user.email }).from(user).where(eq(user.id, w.users[who]));
			emails[who] = row!.email;
		}
		expect(id).toBeTruthy();
	});
	beforeEach(async () => {
		await t.db.delete(mailOutbox);
	});

	const mails = async () =>
		(await t.db.select().from(mailOutbox)).sort((a, b) => a.recipient.localeCompare(b.recipient));
	const addOurs = () =>
		addProject(t.db, w, {
			titleFr: 'Relance des moyens d’existence à Gao',
			titleEn: 'Livelihoods recovery in Gao',
			createdByUserId: w.users.coordinator
		});

	it('tells the focal points of the organisation and the creator that the project was received, each in their language', async () => {
		const p = await addOurs();
		const sent = await t.db.transaction((tx) =>
			notifyProjectStatus(tx, { projectId: p.id, toStatus: 'submitted', comment: '', publicUrl: URL })
		);
		expect(sent).toBe(3);
		const all = await mails();
		expect(all.map((x) => x.recipient).sort()).toEqual(
			[emails.coordinator!, emails.focalPointA!, englishFocal].map((e) => e.toLowerCase()).sort()
		);
		expect(all.map((x) => x.recipient)).not.toContain(emails.focalPointB);
		const french = all.find((x) => x.recipient === emails.focalPointA)!;
		expect(french.subject).toBe(`[${er}] Projet reçu : ${p.code} — Relance des moyens d’existence à Gao`);
		expect(french.body).toContain(`${URL}/projects/${p.id}`);
		expect(french.body).toContain('OA (Organisation A');
		const english = all.find((x) => x.recipient === englishFocal)!;
		expect(english.subject).toBe(`[${er}] Project received: ${p.code} — Livelihoods recovery in Gao`);
	});

	it('returns with the coordinator’s comment and the link; the comments on sections when there is no overall one', async () => {
		const p = await addOurs();
		await t.db.transaction((tx) =>
			notifyProjectStatus(tx, {
				projectId: p.id,
				toStatus: 'revision-requested',
				comment: 'Le budget du personnel dépasse 40 % : justifiez-le.',
				publicUrl: URL
			})
		);
		const french = (await mails()).find((x) => x.recipient === emails.focalPointA)!;
		expect(french.subject).toBe(`[${er}] Projet à revoir : ${p.code} — Relance des moyens d’existence à Gao`);
		expect(french.body).toContain(
			'Commentaire de la coordination :\n\nLe budget du personnel dépasse 40 % : justifiez-le.'
		);
		expect(french.body).toContain(`${URL}/projects/${p.id}`);

		await t.db.delete(mailOutbox);
		await t.db.insert(projectSectionComment).values([
			{ projectId: p.id, versionNumber: 1, section: 'budget', body: 'Ancien commentaire' },
			{ projectId: p.id, versionNumber: 2, section: 'budget', body: 'Détaillez les lignes de transport.' },
			{ projectId: p.id, versionNumber: 2, section: 'places', body: 'Ajoutez les cercles de Gao.' }
		]);
		await t.db.transaction((tx) =>
			notifyProjectStatus(tx, {
				projectId: p.id,
				toStatus: 'revision-requested',
				comment: null,
				publicUrl: URL
			})
		);
		const english = (await mails()).find((x) => x.recipient === englishFocal)!;
		expect(english.subject).toContain('Project returned for revision');
		expect(english.body).toContain('• Détaillez les lignes de transport.\n• Ajoutez les cercles de Gao.');
		expect(english.body).not.toContain('Ancien commentaire');
	});

	it('tells of approval and of refusal, with the reason given', async () => {
		const p = await addOurs();
		await t.db.transaction(async (tx) => {
			await notifyProjectStatus(tx, { projectId: p.id, toStatus: 'approved', publicUrl: URL });
			await notifyProjectStatus(tx, {
				projectId: p.id,
				toStatus: 'not-approved',
				comment: 'Hors des zones prioritaires.',
				publicUrl: URL
			});
		});
		const french = (await mails()).filter((x) => x.recipient === emails.focalPointA);
		expect(french.map((x) => x.subject.split(':')[0])).toEqual(
			expect.arrayContaining([`[${er}] Projet approuvé `, `[${er}] Projet non retenu `])
		);
		const refused = french.find((x) => x.subject.includes('non retenu'))!;
		expect(refused.body).toContain('Hors des zones prioritaires.');
		const approved = french.find((x) => x.subject.includes('approuvé'))!;
		expect(approved.body).not.toContain('Commentaire de la coordination');
	});

	it('writes nothing for the other statuses', async () => {
		const p = await addOurs();
		for (const status of PROJECT_STATUSES.filter(
			(s) => !['submitted', 'revision-requested', 'approved', 'not-approved'].includes(s)
		))
			expect(
				await notifyProjectStatus(t.db, { projectId: p.id, toStatus: status, comment: 'x', publicUrl: URL })
			).toBe(0);
		expect(await mails()).toEqual([]);
	});

	it('writes once to a creator who is also a focal point', async () => {
		const p = await addProject(t.db, w, { organisationId: w.orgB, createdByUserId: w.users.focalPointB });
		await notifyProjectStatus(t.db, { projectId: p.id, toStatus: 'submitted', publicUrl: URL });
		expect((await mails()).map((x) => x.recipient)).toEqual([emails.focalPointB]);
	});
});
