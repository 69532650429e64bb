/**
 * The daily digest of submissions: while a plan cluster's window is open, its coordinators and
 * information managers get, once a day, the projects submitted or resubmitted in the 24 hours before
 * DIGEST_TIME (Bamako time) — nothing on a day without any.
 *
 * Periods follow each other without gap or overlap (yesterday 07:00 to today 07:00), whenever the
 * job happens to run; the job checks every hour, so a failed run is made up later the same day (a
 * day the server is down throughout goes without its digest). Each (plan cluster, day) goes once however many instances run the job at once: the digest is
 * recorded as an audit event (`digest` of the `submission-window`, with its day) in the transaction
 * that queues its mail, after locking the window's row — a second run waits for the first, then
 * finds the record and sends nothing. A window closed during the period still gets the period's
 * digest (the last submissions before the close).
 */
import { and, eq, gt, gte, inArray, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import {
	auditEvent,
	cluster,
	organisation,
	plan,
	planCluster,
	project,
	projectTransition,
	roleGrant,
	submissionWindow,
	user
} from '../db/schema';
import { queueMail } from '../mail/outbox';
import { recordAudit } from '../audit/record-audit';
import { addDays, today } from '../calendar/agenda';
import { zonedInstant } from '../calendar/ical';
import { toLocale, type Locale } from '../i18n';
import type { Recipient } from '../meetings/recipients';
import { formatAmount, formatDate, formatDateTime, formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { windowState, type SubmissionWindowState } from './window';

/** The time of day, in the clusters' time zone, from which the day's digest goes out. */
const DIGEST_TIME = '07:00';

/** The audit event that records a digest sent (and keeps a second one from going). */
const DIGEST = { action: 'digest', entityType: 'submission-window' } as const;

/** Sends the digests due at `now`; answers how many plan clusters got one. */
export async function sendSubmissionDigests(db: Database, now: Date, publicUrl: string): Promise<number> {
	const day = today(now);
	const until = zonedInstant(day, DIGEST_TIME);
	if (now < until) return 0;
	const since = zonedInstant(addDays(day, -1), DIGEST_TIME);
	const parts = await db
		.select({ planClusterId: submissionWindow.planClusterId })
		.from(submissionWindow)
		.where(
			and(
				or(eq(submissionWindow.status, 'open'), gt(submissionWindow.closedAt, since)),
				notExists(
					db
						.select({ one: sql`1` })
						.from(auditEvent)
						.where(sentOn(day, sql`${submissionWindow.planClusterId}::text`))
				)
			)
		);
	let sent = 0;
	for (const { planClusterId } of parts) {
		const done = await db.transaction((tx) =>
			sendDigest(tx, { planClusterId, day, since, until, now, publicUrl })
		);
		if (done) sent++;
	}
	return sent;
}

/** The audit event of the digest of a plan cluster (its id as text) on a day. */
function sentOn(day: string, planClusterId: SQL | string) {
	return and(
		eq(auditEvent.entityType, DIGEST.entityType),
		eq(auditEvent.entityId, planClusterId),
		eq(auditEvent.action, DIGEST.action),
		sql`${auditEvent.after} ->> 'day' = ${day}`
	);
}

interface DigestRun {
	planClusterId: string;
	day: string;
	since: Date;
	until: Date;
	now: Date;
	publicUrl: string;
}

async function sendDigest(tx: Executor, run: DigestRun): Promise<boolean> {
	const [part] = await tx
		.select({
			window: submissionWindow,
			planId: plan.id,
			planTitleFr: plan.titleFr,
			planTitleEn: plan.titleEn,
			clusterId: cluster.id,
			clusterCode: cluster.code
		})
		.from(submissionWindow)
		.innerJoin(planCluster, eq(planCluster.id, submissionWindow.planClusterId))
		.innerJoin(plan, eq(plan.id, planCluster.planId))
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(eq(submissionWindow.planClusterId, run.planClusterId))
		.for('update', { of: submissionWindow });
	if (!part) return false;
	const [already] = await tx
		.select({ one: sql`1` })
		.from(auditEvent)
		.where(sentOn(run.day, run.planClusterId))
		.limit(1);
	if (already) return false;
	const projects = await submittedBetween(tx, part.planId, part.clusterId, run.since, run.until);
	if (!projects.length) return false;
	const recipients = await clusterManagers(tx, part.clusterId);
	if (!recipients.length) return false;
	const state = windowState(part.window, run.now);
	for (const to of recipients) await queueMail(tx, digestMail(to, { ...part, state, projects }, run));
	await recordAudit(tx, null, {
		...DIGEST,
		entityId: run.planClusterId,
		after: {
			day: run.day,
			since: run.since.toISOString(),
			until: run.until.toISOString(),
			projects: projects.map((p) => p.code),
			recipients: recipients.length
		}
	});
	return true;
}

interface DigestProject {
	id: string;
	code: string;
	titleFr: string;
	titleEn: string | null;
	organisation: string;
	budgetUsd: string;
	peopleTargeted: number;
	resubmitted: boolean;
}

/** The projects of a plan's cluster that moved to `submitted` in [since, until), once each. */
async function submittedBetween(
	db: Executor,
	planId: string,
	clusterId: string,
	since: Date,
	until: Date
): Promise<DigestProject[]> {
	const rows = await db
		.select({
			id: project.id,
			code: project.code,
			titleFr: project.titleFr,
			titleEn: project.titleEn,
			organisation: sql<string>`coalesce(${organisation.acronym}, ${organisation.name})`,
			budgetUsd: project.budgetUsd,
			peopleTargeted: project.peopleTargeted,
			fromStatus: projectTransition.fromStatus
		})
		.from(projectTransition)
		.innerJoin(project, eq(project.id, projectTransition.projectId))
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.where(
			and(
				eq(project.planId, planId),
				eq(project.clusterId, clusterId),
				eq(projectTransition.toStatus, 'submitted'),
				gte(projectTransition.at, since),
				lt(projectTransition.at, until)
			)
		)
		.orderBy(project.code, projectTransition.at);
	const byProject = new Map<string, DigestProject>();
	for (const { fromStatus, ...r } of rows) {
		const resubmitted = fromStatus === 'revision-requested' || !!byProject.get(r.id)?.resubmitted;
		byProject.set(r.id, { ...r, resubmitted });
	}
	return [...byProject.values()];
}

/** The coordinators and information managers of a cluster, once per address, in their language. */
async function clusterManagers(db: Executor, clusterId: string): Promise<Recipient[]> {
	const rows = await db
		.select({ email: user.email, locale: user.locale })
		.from(roleGrant)
		.innerJoin(user, eq(user.id, roleGrant.userId))
		.where(
			and(inArray(roleGrant.role, ['coordinator', 'information-manager']), eq(roleGrant.clusterId, clusterId))
		)
		.orderBy(user.email);
	const seen = new Map<string, Recipient>();
	for (const r of rows) {
		const email = r.email.trim().toLowerCase();
		if (!seen.has(email)) seen.set(email, { email, locale: toLocale(r.locale) });
	}
	return [...seen.values()];
}

function digestMail(
	to: Recipient,
	part: {
		planId: string;
		planTitleFr: string;
		planTitleEn: string | null;
		clusterCode: string;
		state: SubmissionWindowState;
		projects: DigestProject[];
	},
	run: DigestRun
) {
	const locale = to.locale;
	const planTitle = (locale === 'en' && part.planTitleEn) || part.planTitleFr;
	const list = part.projects
		.map((p) =>
			m.projectwindow_digest_line(
				{
					code: p.code,
					title: (locale === 'en' && p.titleEn) || p.titleFr,
					organisation: p.organisation,
					budget: formatAmount(p.budgetUsd, locale),
					people: formatNumber(p.peopleTargeted, locale),
					resubmitted: p.resubmitted ? m.projectwindow_digest_resubmitted({}, { locale }) : '',
					link: `${run.publicUrl}/projects/${p.id}`
				},
				{ locale }
			)
		)
		.join('\n\n');
	const args = { cluster: part.clusterCode, plan: planTitle, count: part.projects.length };
	return {
		to: to.email,
		subject: m.projectwindow_digest_subject(args, { locale }),
		body: m.projectwindow_digest_body(
			{
				...args,
				from: formatDateTime(run.since, locale),
				to: formatDateTime(run.until, locale),
				list,
				window: windowSentence(part.state, locale),
				link: `${run.publicUrl}/plans/${part.planId}/clusters/${part.clusterCode}/submissions`
			},
			{ locale }
		)
	};
}

function windowSentence(state: SubmissionWindowState, locale: Locale): string {
	if (state.expired)
		return m.projectwindow_digest_expired({ date: formatDate(state.deadline!, locale) }, { locale });
	if (state.status === 'closed')
		return m.projectwindow_digest_closed(
			{ date: formatDate(state.closedAt ?? new Date(), locale) },
			{ locale }
		);
	if (state.deadline)
		return m.projectwindow_digest_deadline({ date: formatDate(state.deadline, locale) }, { locale });
	return m.projectwindow_digest_no_deadline({}, { locale });
}
