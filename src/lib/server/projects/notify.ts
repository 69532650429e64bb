/**
 * Mail to the partner when a project changes status: received (submitted or resubmitted), returned
 * for revision (with the coordinator's comment), approved, not approved. It goes to the focal points
 * of the appealing organisation and to whoever created the project, each in their own language, and
 * is queued in the transaction of the move so that the mail exists if and only if the move does.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	cluster,
	organisation,
	project,
	projectSectionComment,
	roleGrant,
	user,
	type ProjectStatus
} from '../db/schema';
import { queueMail } from '../mail/outbox';
import { toLocale, type Locale } from '../i18n';
import type { Recipient } from '../meetings/recipients';
import { m } from '$lib/paraglide/messages';

/** The statuses the partner is told of, and the mail each sends. */
const MAILS = {
	submitted: {
		subject: m.projectwindow_mail_received_subject,
		body: m.projectwindow_mail_received_body
	},
	'revision-requested': {
		subject: m.projectwindow_mail_returned_subject,
		body: m.projectwindow_mail_returned_body
	},
	approved: { subject: m.projectwindow_mail_approved_subject, body: m.projectwindow_mail_approved_body },
	'not-approved': {
		subject: m.projectwindow_mail_not_approved_subject,
		body: m.projectwindow_mail_not_approved_body
	}
} satisfies Partial<Record<ProjectStatus, { subject: unknown; body: unknown }>>;

type Notified = keyof typeof MAILS;
const isNotified = (status: ProjectStatus): status is Notified => status in MAILS;

export interface StatusNotice {
	projectId: string;
	/** The status the project has just moved to. */
	toStatus: ProjectStatus;
	/** The coordinator's comment on the move, if any. */
	comment?: string | null;
	/** The address users reach Concerto at, for the link to the project. */
	publicUrl: string;
}

/** Queues the mail of a move (nothing for statuses the partner is not told of); answers how many. */
export async function notifyProjectStatus(tx: Executor, notice: StatusNotice): Promise<number> {
	if (!isNotified(notice.toStatus)) return 0;
	const [p] = await tx
		.select({
			id: project.id,
			code: project.code,
			titleFr: project.titleFr,
			titleEn: project.titleEn,
			organisationId: project.organisationId,
			createdByUserId: project.createdByUserId,
			clusterCode: cluster.code,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(project)
		.innerJoin(cluster, eq(cluster.id, project.clusterId))
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.where(eq(project.id, notice.projectId));
	if (!p) return 0;
	const recipients = await projectRecipients(tx, p);
	if (!recipients.length) return 0;
	const comment = notice.comment?.trim() || (await returnComments(tx, notice));
	const mail = MAILS[notice.toStatus];
	for (const to of recipients) {
		const locale = to.locale;
		const args = {
			cluster: p.clusterCode,
			code: p.code,
			title: (locale === 'en' && p.titleEn) || p.titleFr,
			organisation: p.organisationAcronym
				? `${p.organisationAcronym} (${p.organisationName})`
				: p.organisationName,
			link: `${notice.publicUrl}/projects/${p.id}`,
			note: comment ? m.projectwindow_mail_note({ comment }, { locale }) : ''
		};
		await queueMail(tx, {
			to: to.email,
			subject: mail.subject(args, { locale }),
			body: mail.body(args, { locale })
		});
	}
	return recipients.length;
}

/**
 * The focal points of the appealing organisation and the project's creator, once per address, each
 * with the language of their account.
 */
export async function projectRecipients(
	db: Executor,
	p: { organisationId: string; createdByUserId: string | null }
): Promise<Recipient[]> {
	const focalPoints = await db
		.select({ email: user.email, locale: user.locale })
		.from(roleGrant)
		.innerJoin(user, eq(user.id, roleGrant.userId))
		.where(and(eq(roleGrant.role, 'focal-point'), eq(roleGrant.organisationId, p.organisationId)))
		.orderBy(user.email);
	const creator = p.createdByUserId
		? await db
				.select({ email: user.email, locale: user.locale })
				.from(user)
				.where(eq(user.id, p.createdByUserId))
		: [];
	const seen = new Map<string, Recipient>();
	for (const row of [...creator, ...focalPoints]) {
		const email = row.email.trim().toLowerCase();
		if (email && !seen.has(email)) seen.set(email, { email, locale: toLocale(row.locale) as Locale });
	}
	return [...seen.values()];
}

/**
 * A project returned with comments on its sections only: the comments of the version returned, so
 * that the mail says what to change even when the coordinator wrote no overall comment.
 */
async function returnComments(tx: Executor, notice: StatusNotice): Promise<string> {
	if (notice.toStatus !== 'revision-requested') return '';
	const [latest] = await tx
		.select({ n: max(projectSectionComment.versionNumber) })
		.from(projectSectionComment)
		.where(eq(projectSectionComment.projectId, notice.projectId));
	if (latest?.n === null || latest?.n === undefined) return '';
	const rows = await tx
		.select({ body: projectSectionComment.body })
		.from(projectSectionComment)
		.where(
			and(
				eq(projectSectionComment.projectId, notice.projectId),
				eq(projectSectionComment.versionNumber, latest.n)
			)
		)
		.orderBy(asc(projectSectionComment.createdAt), asc(projectSectionComment.section));
	return rows
		.map((r) => r.body.trim())
		.filter(Boolean)
		.map((body) => `• ${body}`)
		.join('\n');
}
