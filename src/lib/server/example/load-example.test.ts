import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { cookiesFrom, openTestApp } from '../../../../tests/app';
import { startSmtpServer, type TestSmtpServer } from '../../../../tests/smtp';
import type { App } from '../app';
import type { Database } from '../db/client';
import {
	auditEvent,
	cluster,
	location,
	mailOutbox,
	membership,
	membershipStep,
	organisation,
	person,
	roleGrant,
	setting,
	user
} from '../db/schema';
import { loadActor } from '../access/actor';
import { signIn } from '../accounts/sign-in';
import { deliverQueuedMail, queueMail } from '../mail/outbox';
import { schemaTables } from '../backup/tables';
import { ExampleNotEmptyError, loadExample, type ExampleSummary } from './load-example';
import { listMemberships } from '../memberships/memberships';

/** The reference material beside the repository (read at test time, not copied into the code). */
const reference = fileURLToPath(new URL('../../../../../shared/reference/', import.meta.url));

/** The "7. Participants" table of the meeting report: organisation, name, function, e-mail. */
function reportParticipants() {
	const lines = readFileSync(`${reference}compte-rendu-crp-2016-10-20.txt`, 'utf8').split(/\r?\n/);
	const heading = lines.findIndex((line) => line.trim() === '7. Participants');
	if (heading < 0) throw new Error('the report has no "7. Participants" section');
	const header = lines.findIndex((line, i) => i > heading && line.startsWith('Organization\t'));
	expect(lines[header]!.split('\t')).toEqual(['Organization', 'Nom', 'Fonction', 'Email']);
	const rows: { organisation: string; name: string; jobTitle: string; email: string }[] = [];
	for (const line of lines.slice(header + 1)) {
		if (line.trim() === '') break;
		const [org, name, jobTitle, email, ...rest] = line.split('\t');
		if (!org || !name || !jobTitle || !email || rest.length > 0) throw new Error(`odd row: ${line}`);
		rows.push({
			organisation: org.trim(),
			name: name.trim(),
			jobTitle: jobTitle.trim(),
			email: email.trim()
		});
	}
	return rows;
}

/** OCHA's P-code list for Mali: 10 regions and 53 cercles. */
function ochaPcodes() {
	const [head, ...lines] = readFileSync(`${reference}mali-pcodes-2021.csv`, 'utf8').trim().split(/\r?\n/);
	expect(head!.split(',')).toEqual([
		'Location',
		'Admin Level',
		'P-Code',
		'Name',
		'Parent P-Code',
		'Valid from date'
	]);
	return lines.map((line) => {
		const [, level, pcode, name, parent, validFrom] = line.split(',');
		return { level: Number(level), pcode: pcode!, name: name!, parent: parent!, validFrom: validFrom! };
	});
}

const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

async function tableCounts(db: Database): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of schemaTables()) {
		const result = await db.execute(sql.raw(`select count(*)::int as n from "${table.name}"`));
		counts[table.name] = (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
	}
	return counts;
}

/** The organisation the report calls `name` (by acronym, or by name where it has no acronym). */
async function organisationCalled(db: Database, name: string) {
	const rows = await db
		.select()
		.from(organisation)
		.where(sql`${organisation.acronym} = ${name} or ${organisation.name} = ${name}`);
	expect(rows, `one organisation called ${name}`).toHaveLength(1);
	return rows[0]!;
}

describe(`example workspace [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let app: App;
	let smtp: TestSmtpServer;
	let summary: ExampleSummary;

	beforeAll(async () => {
		// A real SMTP server is configured, so that only the example's hold keeps its mail in the outbox.
		smtp = await startSmtpServer();
		app = await openTestApp(t.connection, { SMTP_URL: smtp.url });
		// Before the example, mail goes out: the hold below is the example's doing.
		const before = await queueMail(t.db, { to: 'someone@example.net', subject: 'avant', body: 'x' });
		expect(before.status).toBe('queued');
		summary = await loadExample(t.db);
	});

	afterAll(async () => {
		await smtp?.close();
	});

	it('says what it loaded', () => {
		// The report's 10 organisations, the illustrative duplicate of Mercy Corps and 7 illustrative
		// prospects of the membership pipeline.
		expect(summary).toEqual({ organisations: 18, people: 12, locations: 64, users: 4 });
	});

	it('creates the Early Recovery cluster, led by PNUD', async () => {
		const rows = await t.db.select().from(cluster);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ code: 'ER', nameFr: 'Relèvement précoce', nameEn: 'Early Recovery' });
		const pnud = await organisationCalled(t.db, 'PNUD');
		expect(rows[0]!.leadOrganisationId).toBe(pnud.id);
		expect(pnud.name).toBe('Programme des Nations Unies pour le développement');
	});

	it('holds the ten organisations of the report with their types and acronyms', async () => {
		const expected: [reportName: string, acronym: string | null, type: string][] = [
			['ONG 3AG', '3AG', 'national-ngo'],
			['PNUD', 'PNUD', 'un-agency'],
			['ACF', 'ACF', 'international-ngo'],
			['OIM', 'OIM', 'un-agency'],
			['PAM', 'PAM', 'un-agency'],
			['Mercy Corps', null, 'international-ngo'],
			['OCHA', 'OCHA', 'un-agency'],
			['NRC', 'NRC', 'international-ngo'],
			['ICCT', 'ICCT', 'academic'],
			['GCCS', 'GCCS', 'academic']
		];
		expect(await t.db.select({ n: count() }).from(organisation)).toEqual([{ n: 18 }]);
		for (const [reportName, acronym, type] of expected) {
			const row = await organisationCalled(t.db, reportName);
			expect({ acronym: row.acronym, type: row.type }, reportName).toEqual({ acronym, type });
		}
	});

	it('lists the eight participants exactly as the report does', async () => {
		const participants = reportParticipants();
		expect(participants).toHaveLength(8);
		for (const p of participants) {
			const rows = await t.db
				.select({
					name: person.name,
					jobTitle: person.jobTitle,
					email: person.email,
					organisationName: organisation.name,
					organisationAcronym: organisation.acronym
				})
				.from(person)
				.leftJoin(organisation, eq(organisation.id, person.organisationId))
				.where(eq(person.email, p.email));
			expect(rows, p.email).toHaveLength(1);
			const row = rows[0]!;
			expect({ name: row.name, jobTitle: row.jobTitle, email: row.email }).toEqual({
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email
			});
			expect([row.organisationAcronym, row.organisationName], p.email).toContain(p.organisation);
		}
		// Besides them, only the people behind the four example accounts.
		const others = await t.db
			.select({ email: person.email })
			.from(person)
			.where(
				sql`${person.email} not in (${sql.join(
					participants.map((p) => sql`${p.email}`),
					sql`, `
				)})`
			);
		expect(others.map((o) => o.email).sort()).toEqual([
			'acf@example.org',
			'admin@example.org',
			'coordination@example.org',
			'mercycorps@example.org'
		]);
	});

	it('holds Mali, its 10 regions and 53 cercles with OCHA P-codes and parents', async () => {
		const parent = alias(location, 'parent');
		const rows = await t.db
			.select({
				pcode: location.pcode,
				name: location.name,
				level: location.level,
				parentPcode: parent.pcode
			})
			.from(location)
			.leftJoin(parent, eq(parent.id, location.parentId));
		const byPcode = new Map(rows.map((r) => [r.pcode, r]));
		expect(byPcode.get('ML')).toEqual({ pcode: 'ML', name: 'Mali', level: 0, parentPcode: null });

		const ocha = ochaPcodes();
		expect(ocha.filter((p) => p.level === 1)).toHaveLength(10);
		expect(ocha.filter((p) => p.level === 2)).toHaveLength(53);
		for (const place of ocha) {
			const row = byPcode.get(place.pcode);
			expect(row, place.pcode).toBeDefined();
			// OCHA names the country by its ISO code (MLI); its own P-code is ML.
			const parentPcode = place.parent === 'MLI' ? 'ML' : place.parent;
			expect({ level: row!.level, parent: row!.parentPcode }, place.pcode).toEqual({
				level: place.level,
				parent: parentPcode
			});
			expect(withoutAccents(row!.name), place.pcode).toBe(place.name);
		}
		// Nothing invented beside OCHA's list (Taoudénit has no P-code of its own).
		expect(rows).toHaveLength(ocha.length + 1);
		// Names are written as users write them.
		expect(byPcode.get('ML04')!.name).toBe('Ségou');
		expect(byPcode.get('ML10')!.name).toBe('Ménaka');
	});

	it('opens four accounts that sign in and hold the right roles', async () => {
		const [er] = await t.db.select().from(cluster).where(eq(cluster.code, 'ER'));
		const acf = await organisationCalled(t.db, 'ACF');
		const mercy = await organisationCalled(t.db, 'Mercy Corps');
		const accounts = [
			{
				email: 'admin@example.org',
				password: 'concerto-admin',
				role: 'admin',
				clusterId: null,
				organisationId: null
			},
			{
				email: 'coordination@example.org',
				password: 'concerto-crp',
				role: 'coordinator',
				clusterId: er!.id,
				organisationId: null
			},
			{
				email: 'acf@example.org',
				password: 'concerto-acf',
				role: 'focal-point',
				clusterId: null,
				organisationId: acf.id
			},
			{
				email: 'mercycorps@example.org',
				password: 'concerto-mercy',
				role: 'focal-point',
				clusterId: null,
				organisationId: mercy.id
			}
		];
		expect(await t.db.select({ n: count() }).from(user)).toEqual([{ n: 4 }]);
		for (const { email, password, ...grant } of accounts) {
			const result = await signIn(app, { email, password, headers: new Headers() }, 'fr');
			expect(result.ok, email).toBe(true);
			if (!result.ok) continue;
			const session = await app.auth.api.getSession({ headers: cookiesFrom(result.headers) });
			expect(session?.user.email).toBe(email);
			const actor = await loadActor(t.db, session!.user.id);
			expect(actor!.grants, email).toEqual([grant]);
			// The account is the directory's record of that person.
			const [linked] = await t.db.select().from(person).where(eq(person.userId, session!.user.id));
			expect(linked?.email).toBe(email);
		}
		const wrong = await signIn(
			app,
			{ email: 'admin@example.org', password: 'concerto-acf', headers: new Headers() },
			'fr'
		);
		expect(wrong.ok).toBe(false);
		expect(await t.db.select({ n: count() }).from(roleGrant)).toEqual([{ n: 4 }]);
	});

	it('holds its mail in the outbox, whatever the SMTP settings say', async () => {
		const [hold] = await t.db.select().from(setting).where(eq(setting.key, 'mail.hold'));
		expect(hold?.value).toBe(true);
		const after = await queueMail(t.db, {
			to: 'moustapha.diallo@undp.org',
			subject: 'après',
			body: 'Invitation'
		});
		expect(after.status).toBe('held');
		// Delivery sends the mail queued before the example, never the held one.
		await deliverQueuedMail(t.db);
		expect(smtp.mails.map((mail) => mail.subject)).toEqual(['avant']);
		const [stored] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, after.id));
		expect(stored?.status).toBe('held');
	});

	it('writes an audit event for every record it creates', async () => {
		const created = async (entityType: string) =>
			(
				await t.db
					.select({ entityId: auditEvent.entityId, actorLabel: auditEvent.actorLabel })
					.from(auditEvent)
					.where(and(eq(auditEvent.action, 'create'), eq(auditEvent.entityType, entityType)))
			).map((e) => e.entityId);
		const ids = async (table: typeof organisation | typeof person | typeof location | typeof user) =>
			(await t.db.select({ id: table.id }).from(table)).map((r) => r.id).sort();
		expect((await created('organisation')).sort()).toEqual(await ids(organisation));
		expect((await created('person')).sort()).toEqual(await ids(person));
		expect((await created('location')).sort()).toEqual(await ids(location));
		expect((await created('user')).sort()).toEqual(await ids(user));
		expect(await created('cluster')).toHaveLength(1);
		expect((await created('setting')).sort()).toEqual(['example.loaded', 'mail.hold']);
		const labels = await t.db
			.selectDistinct({ label: auditEvent.actorLabel })
			.from(auditEvent)
			.where(eq(auditEvent.action, 'create'));
		expect(labels).toEqual([{ label: 'system' }]);
	});

	it('refuses a second load and adds nothing', async () => {
		const before = await tableCounts(t.db);
		const error = await loadExample(t.db).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ExampleNotEmptyError);
		expect((error as Error).message).toContain('organisations: 18');
		expect(await tableCounts(t.db)).toEqual(before);
	});
});

describe(`example workspace: the partner pipeline of cluster ER [${databaseKind}]`, () => {
	const t = useTestDatabase();

	beforeAll(async () => {
		await loadExample(t.db);
	});

	async function pipeline() {
		return t.db
			.select({
				id: membership.id,
				name: organisation.name,
				acronym: organisation.acronym,
				type: organisation.type,
				stage: membership.stage,
				focalPointEmail: person.email,
				clusterCode: cluster.code
			})
			.from(membership)
			.innerJoin(organisation, eq(organisation.id, membership.organisationId))
			.innerJoin(cluster, eq(cluster.id, membership.clusterId))
			.leftJoin(person, eq(person.id, membership.focalPointId));
	}

	it('holds the partners of the report as members, each with its participant as focal point', async () => {
		const rows = await pipeline();
		expect(new Set(rows.map((r) => r.clusterCode))).toEqual(new Set(['ER']));
		const members = rows.filter((r) => r.stage === 'member');
		for (const p of reportParticipants()) {
			const row = members.find((r) => r.acronym === p.organisation || r.name === p.organisation);
			expect(row, p.organisation).toBeDefined();
			// PNUD sent three people; its Early Recovery Advisor is the focal point.
			if (p.organisation !== 'PNUD') expect(row!.focalPointEmail, p.organisation).toBe(p.email);
		}
		expect(members.find((r) => r.acronym === 'PNUD')!.focalPointEmail).toBe('moustapha.diallo@undp.org');
		// Partners only: neither OCHA nor the centres that consulted the cluster are members.
		for (const outsider of ['OCHA', 'ICCT', 'GCCS'])
			expect(rows.map((r) => r.acronym)).not.toContain(outsider);
	});

	it('lists the new government and private partners of the action due 15 November, marked illustrative', async () => {
		const rows = (await pipeline()).filter((r) => r.stage !== 'member');
		expect(rows.length).toBeGreaterThanOrEqual(5);
		expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['government', 'private-sector']));
		expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(['prospect', 'contacted', 'interested']));

		const [recorder] = await t.db.select().from(user).where(eq(user.email, 'coordination@example.org'));
		for (const row of rows) {
			const steps = await t.db
				.select()
				.from(membershipStep)
				.where(eq(membershipStep.membershipId, row.id))
				.orderBy(membershipStep.at);
			expect(steps[0]!.stage, row.name).toBe('prospect');
			expect(steps.at(-1)!.stage, row.name).toBe(row.stage);
			for (const step of steps) {
				expect(step.note, row.name).toMatch(/^\[Exemple illustratif\]/);
				// Between the meeting and the action's deadline, recorded by the cluster coordinator.
				expect(step.at >= new Date('2016-10-20') && step.at <= new Date('2016-11-15'), row.name).toBe(true);
				expect(step.byUserId).toBe(recorder!.id);
			}
		}
	});

	it('is the list a coordinator works through: government prospects, filtered', async () => {
		const [er] = await t.db.select().from(cluster).where(eq(cluster.code, 'ER'));
		const [coordinator] = await t.db.select().from(user).where(eq(user.email, 'coordination@example.org'));
		const ctx = { db: t.db, actor: await loadActor(t.db, coordinator!.id), locale: 'fr' as const };
		const list = await listMemberships(ctx, er!.id, { type: 'government', stage: 'prospect' });
		expect(list.total).toBeGreaterThanOrEqual(1);
		expect(list.items.every((r) => r.organisationType === 'government' && r.stage === 'prospect')).toBe(true);
		expect(list.items.every((r) => r.since.toISOString().startsWith('2016-'))).toBe(true);
	});

	it('audits every membership and organisation it adds', async () => {
		const ids = async (table: typeof membership | typeof organisation) =>
			(await t.db.select({ id: table.id }).from(table)).map((r) => r.id).sort();
		for (const [entityType, table] of [
			['membership', membership],
			['organisation', organisation]
		] as const) {
			const events = await t.db
				.select({ id: auditEvent.entityId })
				.from(auditEvent)
				.where(and(eq(auditEvent.action, 'create'), eq(auditEvent.entityType, entityType)));
			expect(events.map((e) => e.id).sort(), entityType).toEqual(await ids(table));
		}
	});
});
