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
	activity,
	auditEvent,
	calendarEvent,
	workPlanActivity,
	cluster,
	clusterObjective,
	indicator,
	indicatorTarget,
	needRevision,
	plan,
	planChapter,
	planCluster,
	populationGroup,
	strategicObjective,
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
import type { Ctx } from '../context';
import { getPlan, listPlans } from '../plans/plans';
import { listChapters } from '../plans/chapters';
import { compareVersions, listVersions } from '../plans/versions';
import { DEFAULT_POPULATION_GROUPS, DEFAULT_SEX_AGE_GROUPS } from '../plans/defaults';
import { parseCode } from '../plans/framework/codes';
import { getFramework } from '../plans/framework/tree';
import { setIndicatorTargets } from '../plans/framework/targets';
import { compareRevisions } from '../plans/needs/compare';
import { figuresOf, listRevisions } from '../plans/needs/revisions';
import { sanitizeRichText } from '../rich-text/sanitize';
import { readMinutesText } from '../meetings/minutes/read-text';
import { getMeeting, listMeetings } from '../meetings/meetings';
import { readAgenda } from '../calendar/agenda';
import { listActions } from '../meetings/actions';

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
		expect(summary).toEqual({
			organisations: 18,
			people: 12,
			locations: 64,
			users: 4,
			plans: 1,
			meetings: 1,
			projects: 12
		});
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
		// What the loader writes itself, the system created; the projects' reviews and criteria were made
		// through the review operations by the example's users (load-projects.ts).
		const labels = await t.db
			.selectDistinct({ label: auditEvent.actorLabel, entityType: auditEvent.entityType })
			.from(auditEvent)
			.where(eq(auditEvent.action, 'create'));
		const byUsers = labels.filter((l) => l.label !== 'system');
		expect(new Set(byUsers.map((l) => l.entityType))).toEqual(
			new Set(['project-review', 'review-criterion'])
		);
		expect(byUsers.every((l) => l.label.endsWith('@example.org'))).toBe(true);
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

/** The original plan's published figures as facts.md gives them ("people in need 3.7 million; …"). */
function publishedFigures() {
	const facts = readFileSync(`${reference}facts.md`, 'utf8');
	// A bullet runs over several lines.
	const line = facts
		.split(/\n\s*- /)
		.map((bullet) => bullet.replace(/\s+/g, ' '))
		.find((bullet) => bullet.startsWith('Original plan (November 2016)'));
	if (!line) throw new Error('facts.md has no "Original plan (November 2016)" bullet');
	const millions = (pattern: RegExp) => {
		const match = pattern.exec(line);
		if (!match) throw new Error(`facts.md: ${pattern} not found in "${line}"`);
		return Math.round(Number(match[1]) * 1_000_000);
	};
	const launched = /Launched (\d+) February (\d{4})/.exec(facts);
	return {
		peopleInNeed: millions(/people in need ([\d.]+) million/),
		peopleTargeted: millions(/people targeted\s+([\d.]+) million/),
		requirementsUsd: millions(/requirements US\$([\d.]+) million/),
		launchedOn: `${launched![2]}-02-${launched![1]!.padStart(2, '0')}`
	};
}

/** The northern and central regions the issue names for the plan's needs and targets. */
const PLAN_REGIONS = { ML06: 'Tombouctou', ML07: 'Gao', ML08: 'Kidal', ML05: 'Mopti', ML10: 'Ménaka' };

describe(`example workspace: the response plan "Mali — HRP 2017" [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let visitor: Ctx;
	let coordinator: Ctx;
	let planId: string;

	beforeAll(async () => {
		await loadExample(t.db);
		visitor = { db: t.db, actor: null, locale: 'fr' };
		const [account] = await t.db.select().from(user).where(eq(user.email, 'coordination@example.org'));
		coordinator = { db: t.db, actor: await loadActor(t.db, account!.id), locale: 'fr' };
		const [row] = await t.db.select({ id: plan.id }).from(plan);
		planId = row!.id;
	});

	it('is published with the original plan figures, and a visitor finds it', async () => {
		const listed = await listPlans(visitor);
		expect(listed.items.map((p) => [p.titleFr, p.status, p.countryName])).toEqual([
			['Mali — Plan de réponse humanitaire 2017', 'published', 'Mali']
		]);
		const p = await getPlan(visitor, planId);
		const facts = publishedFigures();
		expect(p).toMatchObject({
			titleEn: 'Mali — Humanitarian Response Plan 2017',
			kind: 'hrp',
			year: 2017,
			startsOn: '2017-01-01',
			endsOn: '2017-12-31',
			peopleInNeed: facts.peopleInNeed,
			peopleTargeted: facts.peopleTargeted
		});
		expect(Number(p.requirementsUsd)).toBe(facts.requirementsUsd);
		expect(p.figuresSource).toMatch(/novembre 2016.*OCHA/);
		expect(p.publishedAt!.toISOString().slice(0, 10)).toBe(facts.launchedOn);
		expect(p.country.pcode).toBe('ML');
		// The Early Recovery cluster takes part; its own requirements are not public, so left blank.
		expect(p.clusters.map((c) => [c.code, c.requirementsUsd])).toEqual([['ER', null]]);
		expect(p.canEdit).toBe(false);
	});

	it('has one version, its publication, which is the published revision', async () => {
		const p = await getPlan(coordinator, planId);
		expect(p.revision).toBe(1);
		expect(p.publishedRevision).toBe(p.revision);
		const versions = await listVersions(coordinator, planId);
		expect(versions.total).toBe(1);
		expect(versions.items.map((v) => [v.revision, v.actorLabel])).toEqual([[1, 'coordination@example.org']]);
		const published = await compareVersions(coordinator, planId, 0, 1);
		expect(published.differences.map((d) => [d.field, d.older, d.newer])).toEqual([
			['status', 'draft', 'published']
		]);
	});

	it("gives the Early Recovery cluster the report's chapters, in French and English", async () => {
		const { chapters } = await listChapters(visitor, planId, 'ER');
		expect(chapters.map((c) => c.kind)).toEqual([
			'needs-overview',
			'response-strategy',
			'scenarios',
			'section'
		]);
		for (const c of chapters) {
			expect(c.titleEn, c.kind).toBeTruthy();
			for (const body of [c.bodyFr, c.bodyEn!]) {
				expect(body, c.titleFr).toMatch(/^<p>/);
				// What the chapter editor would store: sanitising again changes nothing.
				expect(sanitizeRichText(body), c.titleFr).toBe(body);
			}
		}
		const text = (kind: string) => chapters.find((c) => c.kind === kind)!.bodyFr;
		expect(text('needs-overview')).toMatch(/septembre 2016/);
		for (const theme of ["autorité de l'état", 'redéploiement', 'justice', 'jeunes', 'cohésion sociale'])
			expect(text('response-strategy').toLowerCase(), theme).toContain(theme);
		expect(text('scenarios')).toContain('crue du Niger');
		for (const factor of ['pauvreté', 'climatiques', 'extrémisme', 'croissance démographique'])
			expect(text('section'), factor).toContain(factor);
		// The illustrative framework says so where users read the plan.
		expect(text('response-strategy')).toMatch(/illustratifs/);
	});

	it('has a framework coded SO1 … I1.1.1.1, with an activity serving two objectives', async () => {
		const { tree } = await getFramework(visitor, planId, 'ER');
		expect(tree.map((so) => so.code)).toEqual(['SO1', 'SO2', 'SO3']);
		const objectives = tree.flatMap((so) => so.objectives);
		expect(objectives.map((co) => co.code)).toEqual(['CO1.1', 'CO1.2', 'CO3.1', 'CO3.2']);
		const activities = objectives.flatMap((co) => co.activities);
		const indicators = activities.flatMap((a) => a.indicators);
		expect(activities[0]!.code).toBe('A1.1.1');
		expect(indicators[0]!.code).toBe('I1.1.1.1');
		for (const co of objectives) expect(co.activities.length, co.code).toBeGreaterThanOrEqual(2);
		for (const a of activities) expect(a.indicators.length, a.code).toBeGreaterThanOrEqual(1);
		// Every code nests in its parent's: A1.2.1 under CO1.2, I1.2.1.1 under A1.2.1.
		for (const co of objectives)
			for (const a of co.activities) {
				expect(parseCode(a.code)!.numbers.slice(0, 2)).toEqual(parseCode(co.code)!.numbers);
				for (const i of a.indicators)
					expect(parseCode(i.code)!.numbers.slice(0, 3)).toEqual(parseCode(a.code)!.numbers);
			}
		expect(activities.filter((a) => a.alsoServes.length > 0).length).toBeGreaterThanOrEqual(1);
		expect(objectives.some((co) => co.strategicObjectives.length > 1)).toBe(true);
		for (const i of indicators) {
			expect(i.titleEn, i.code).toBeTruthy();
			expect(i.target, i.code).not.toBeNull();
			expect(i.rollUp.places, i.code).toBeGreaterThan(0);
		}
		expect(new Set(indicators.map((i) => i.unit)).size).toBeGreaterThanOrEqual(3);
	});

	it('sets targets only in the five regions, and shows the one total that differs from its roll-up', async () => {
		const rows = await t.db
			.select({ pcode: location.pcode, name: location.name, level: location.level })
			.from(indicatorTarget)
			.innerJoin(location, eq(location.id, indicatorTarget.locationId));
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows)
			expect([r.pcode, r.name, r.level]).toEqual([r.pcode, PLAN_REGIONS[r.pcode as 'ML06'], 1]);
		const { tree } = await getFramework(visitor, planId, 'ER');
		const indicators = tree.flatMap((so) =>
			so.objectives.flatMap((co) => co.activities.flatMap((a) => a.indicators))
		);
		const mismatched = indicators.filter((i) => i.rollUp.mismatch);
		expect(mismatched).toHaveLength(1);
		expect(Number(mismatched[0]!.target)).not.toBe(mismatched[0]!.rollUp.value);
	});

	it('holds two needs revisions, the second changing only targeted figures, never above in need', async () => {
		const { items } = await listRevisions(coordinator, planId, 'ER');
		const [first, second] = [...items].sort((a, b) => a.number - b.number);
		expect([first!.number, first!.source, first!.sourceDate]).toEqual([
			1,
			expect.stringMatching(/^HNO 2017 — atelier de septembre 2016/),
			'2016-09-30'
		]);
		expect([second!.number, second!.source, second!.sourceDate]).toEqual([
			2,
			expect.stringMatching(/^Chiffres des personnes ciblées révisés par OCHA/),
			'2016-10-25'
		]);
		for (const r of [first!, second!]) {
			expect(r.illustrative).toBe(true);
			expect(r.source).toMatch(/illustratifs/);
		}

		const compared = await compareRevisions(coordinator, planId, 'ER', { from: 1, to: 2 });
		expect(compared.changedCells).toBeGreaterThan(0);
		for (const change of compared.changes) {
			expect(change.kind).toBe('changed');
			for (const cell of change.cells) expect(cell.part, `${change.pcode} ${change.group}`).toBe('targeted');
		}
		expect(compared.totals.to.inNeed).toEqual(compared.totals.from.inNeed);
		expect(compared.totals.to.targetedTotal).not.toBe(compared.totals.from.targetedTotal);

		const codes = DEFAULT_SEX_AGE_GROUPS.map((g) => g.code).sort();
		const groups = DEFAULT_POPULATION_GROUPS.map((g) => g.code).sort();
		for (const r of [first!, second!]) {
			const figures = await figuresOf(t.db, r.id);
			// Every region × population group, once.
			expect(figures).toHaveLength(Object.keys(PLAN_REGIONS).length * groups.length);
			expect(new Set(figures.map((f) => f.pcode))).toEqual(new Set(Object.keys(PLAN_REGIONS)));
			expect([...new Set(figures.map((f) => f.group))].sort()).toEqual(groups);
			for (const f of figures) {
				expect(Object.keys(f.inNeed).sort()).toEqual(codes);
				expect(Object.keys(f.targeted).sort()).toEqual(codes);
				for (const code of codes)
					expect(f.targeted[code]!, `${r.number} ${f.pcode} ${f.group} ${code}`).toBeLessThanOrEqual(
						f.inNeed[code]!
					);
			}
		}
	});

	it('audits every plan record it creates', async () => {
		const tables = {
			plan,
			'plan-cluster': planCluster,
			'plan-chapter': planChapter,
			population_group: populationGroup,
			'strategic-objective': strategicObjective,
			'cluster-objective': clusterObjective,
			activity,
			indicator,
			need_revision: needRevision
		};
		for (const [entityType, table] of Object.entries(tables)) {
			const ids = (await t.db.select({ id: table.id }).from(table)).map((r) => r.id).sort();
			const events = await t.db
				.select({ id: auditEvent.entityId, actor: auditEvent.actorLabel })
				.from(auditEvent)
				.where(and(eq(auditEvent.action, 'create'), eq(auditEvent.entityType, entityType)));
			expect(ids.length, entityType).toBeGreaterThan(0);
			expect(events.map((e) => e.id).sort(), entityType).toEqual(ids);
			expect(new Set(events.map((e) => e.actor)), entityType).toEqual(new Set(['system']));
		}
	});

	it('lets the cluster coordinator carry on from the published version', async () => {
		const { tree, revision } = await getFramework(coordinator, planId, 'ER');
		const mismatched = tree
			.flatMap((so) => so.objectives.flatMap((co) => co.activities.flatMap((a) => a.indicators)))
			.find((i) => i.rollUp.mismatch)!;
		const targets = await t.db
			.select({ pcode: location.pcode, value: indicatorTarget.value })
			.from(indicatorTarget)
			.innerJoin(location, eq(location.id, indicatorTarget.locationId))
			.where(eq(indicatorTarget.indicatorId, mismatched.id));
		// Kidal's target back up, so that the places add up to the typed total again.
		const kidal = Number(targets.find((x) => x.pcode === 'ML08')!.value);
		const others = targets.filter((x) => x.pcode !== 'ML08').reduce((sum, x) => sum + Number(x.value), 0);
		await setIndicatorTargets(coordinator, mismatched.id, {
			targets: {
				...Object.fromEntries(targets.map((x) => [x.pcode, x.value])),
				ML08: String(Number(mismatched.target) - others)
			},
			revision
		});
		const after = await getFramework(coordinator, planId, 'ER');
		expect(after.revision).toBe(revision + 1);
		const fixed = after.tree
			.flatMap((so) => so.objectives.flatMap((co) => co.activities.flatMap((a) => a.indicators)))
			.find((i) => i.id === mismatched.id)!;
		expect(fixed.rollUp.mismatch).toBe(false);
		const changed = await compareVersions(coordinator, planId, revision, revision + 1);
		expect(changed.differences.map((d) => [d.field, d.older, d.newer])).toEqual([
			['target ML08', kidal, Number(mismatched.target) - others]
		]);
		// The plan stays published; its published revision is still the launch's.
		const p = await getPlan(coordinator, planId);
		expect([p.status, p.publishedRevision]).toEqual(['published', 1]);
	});

	it('holds the report of 20 October 2016 as the minutes importer reads it', async () => {
		const read = readMinutesText(readFileSync(`${reference}compte-rendu-crp-2016-10-20.txt`, 'utf8'), 'fr');
		const [account] = await t.db.select().from(user).where(eq(user.email, 'coordination@example.org'));
		const coordinator: Ctx = { db: t.db, actor: await loadActor(t.db, account!.id), locale: 'fr' };
		const [listed] = await listMeetings(coordinator, { cluster: 'ER' });
		const held = await getMeeting(coordinator, listed!.id);
		expect([held.title, held.heldOn, held.startTime, held.place, held.state]).toEqual([
			read.title,
			read.date,
			read.startTime,
			read.place,
			'published'
		]);
		expect(held.agenda.map((a) => [a.section, a.subject])).toEqual(
			read.agenda.map((a) => [a.section, a.subject])
		);
		expect([held.lessons.length, held.consensus.length, held.perspectives.length]).toEqual([
			read.lessons.length,
			read.consensus.length,
			read.perspectives.length
		]);
		expect(held.actions.map((a) => [a.responsibleText.replace('’', "'"), a.dueOn])).toEqual(
			read.actions.map((a) => [a.responsible, a.dueDate])
		);
		expect(held.attendance.map((p) => [p.organisationName, p.name, p.function, p.email])).toEqual(
			read.participants.map((p) => [p.organisation, p.name, p.function, p.email])
		);
		expect(held.attendance.every((p) => p.personId !== null && p.organisationId !== null)).toBe(true);
		// Each action comes from its agenda item; the last one, due 15 November, is still open.
		expect(held.actions.every((a) => held.agenda.some((item) => item.id === a.agendaItemId))).toBe(true);
		const open = await listActions(coordinator, { cluster: 'ER', status: 'open' });
		expect(open.items.map((a) => a.dueOn)).toEqual(['2016-11-15']);
	});

	it('puts the OPS training, the submission deadline and a quarterly work plan in the calendar', async () => {
		const events = await t.db.select().from(calendarEvent).orderBy(calendarEvent.startsOn);
		expect(events.map((e) => [e.kind, e.startsOn, e.startTime, e.place])).toEqual([
			['training', '2016-10-21', '10:00', 'Bureau de NRC']
		]);
		// The deadline comes once, from the ER submission window.
		const october = await readAgenda(t.db, {
			from: '2016-10-01',
			to: '2016-10-31',
			clusterIds: null,
			audience: 'members',
			locale: 'fr'
		});
		expect(october.filter((e) => e.kind === 'deadline').map((e) => [e.startsOn, e.clusters])).toEqual([
			['2016-10-31', ['ER']]
		]);
		const activities = await t.db.select().from(workPlanActivity);
		expect(activities.length).toBeGreaterThanOrEqual(5);
		expect(activities.every((a) => a.startsOn >= '2016-10-01' && a.endsOn <= '2016-12-31')).toBe(true);
	});
});
