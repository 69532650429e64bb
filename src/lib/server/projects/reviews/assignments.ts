/**
 * The review committee of a project: the coordinators of its cluster assign reviewers — any
 * signed-in user, found by a search — while the project is submitted or under review, and take them
 * off. Nobody from the appealing organisation or an implementing partner (their person record's
 * organisation, or a focal-point grant for it) may review the project. The reviewer is written to when assigned.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Executor } from '../../db/client';
import { organisation, person, projectPartner, projectReview, roleGrant, user } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, ValidationError } from '../../errors';
import { matchesText } from '../../db/search';
import { parseInput } from '../../validation';
import { queueMail } from '../../mail/outbox';
import { toLocale, type Locale } from '../../i18n';
import { vetsProject } from '../access';
import { assertOpen } from '../../plans/access';
import { makeMove } from '../workflow';
import { projectStatusLabel } from '$lib/project-labels';
import { m } from '$lib/paraglide/messages';
import { ensureCriteria } from './criteria';
import { assignmentInput, candidateQuery, unassignmentInput } from './schema';
import {
	authorizeOnProject,
	findAssignment,
	findReviewProject,
	isReviewable,
	projectTitle,
	type ReviewProject
} from './review-project';

/**
 * The organisation (acronym, else name) among the project's appealing organisation and implementing
 * partners that the user works for — their person record, or a focal-point grant — or null.
 */
function conflictOf(userId: SQL | string, p: ReviewProject): SQL<string | null> {
	const partners = sql`select ${projectPartner.organisationId} from ${projectPartner} where ${projectPartner.projectId} = ${p.id}`;
	const employers = sql`select ${person.organisationId} from ${person} where ${person.userId} = ${userId}
		union select ${roleGrant.organisationId} from ${roleGrant} where ${roleGrant.userId} = ${userId} and ${roleGrant.role} = 'focal-point'`;
	// An alias, not drizzle's columns: in a one-table query drizzle leaves them unqualified.
	return sql<string | null>`(select coalesce(o.acronym, o.name) from ${organisation} as o
		where (o.id = ${p.organisationId} or o.id in (${partners})) and o.id in (${employers})
		order by o.id = ${p.organisationId} desc
		limit 1)`;
}

/** The project for one of its cluster's coordinators (others are refused). */
async function projectForCoordinator(ctx: Ctx, db: Executor, projectId: string, lock = false) {
	const p = await findReviewProject(db, projectId, { lock });
	const reviewer = ctx.actor ? (await findAssignment(db, p.id, ctx.actor.userId)) !== undefined : false;
	authorizeOnProject(ctx.actor, p, vetsProject(ctx.actor, p), { reviewer });
	return p;
}

/** The project's reviewers, in the order they were assigned, with where their review stands. */
export async function listAssignments(ctx: Ctx, projectId: string) {
	const p = await projectForCoordinator(ctx, ctx.db, projectId);
	return assignmentsOf(ctx.db, p.id);
}

export async function assignmentsOf(db: Executor, projectId: string) {
	return db
		.select({
			userId: projectReview.reviewerUserId,
			name: user.name,
			email: user.email,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym,
			assignedAt: projectReview.assignedAt,
			submittedAt: projectReview.submittedAt,
			recommendation: projectReview.recommendation
		})
		.from(projectReview)
		.innerJoin(user, eq(user.id, projectReview.reviewerUserId))
		.leftJoin(person, eq(person.userId, user.id))
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(eq(projectReview.projectId, projectId))
		.orderBy(asc(projectReview.assignedAt), asc(user.name));
}

const SHOWN = 10;

/**
 * A few users whose name or e-mail contains what the coordinator typed — never a list of every
 * user — each saying whether they already review the project or work for its organisation.
 */
export async function findCandidates(ctx: Ctx, projectId: string, query: unknown) {
	const p = await projectForCoordinator(ctx, ctx.db, projectId);
	const { q = '' } = parseInput(candidateQuery, query, ctx.locale);
	if (!q) return { q, users: [] };
	const users = await ctx.db
		.select({
			id: user.id,
			name: user.name,
			email: user.email,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym,
			assigned:
				sql`exists (select 1 from ${projectReview} where ${projectReview.projectId} = ${p.id} and ${projectReview.reviewerUserId} = ${user.id})`.mapWith(
					Boolean
				),
			conflict: sql`${conflictOf(sql`${user.id}`, p)} is not null`.mapWith(Boolean)
		})
		.from(user)
		.leftJoin(person, eq(person.userId, user.id))
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(matchesText(q, user.name, user.email))
		.orderBy(asc(sql`concerto_fold(${user.name})`), asc(user.email))
		.limit(SHOWN);
	return { q, users };
}

/** The committee changes while the project waits for a decision, and its plan is not closed. */
function refuseUnlessReviewable(p: ReviewProject, locale: Locale) {
	assertOpen({ status: p.planStatus }, locale);
	if (!isReviewable(p.status))
		throw new ConflictError([
			{
				path: 'status',
				message: m.reviews_error_assign_status({ status: projectStatusLabel(p.status, locale) }, { locale })
			}
		]);
}

/**
 * Assigns a reviewer; answers the assignment. `publicUrl` makes the link of the mail they get. The
 * first reviewer of a submitted project puts it under review.
 */
export async function assignReviewer(ctx: Ctx, projectId: string, input: unknown, publicUrl: string) {
	const { locale } = ctx;
	return ctx.db.transaction(async (tx) => {
		const p = await projectForCoordinator(ctx, tx, projectId, true);
		const actor = ctx.actor!;
		const { userId } = parseInput(assignmentInput, input, locale);
		refuseUnlessReviewable(p, locale);
		const [reviewer] = await tx
			.select({
				id: user.id,
				name: user.name,
				email: user.email,
				locale: user.locale,
				conflict: conflictOf(userId, p)
			})
			.from(user)
			.where(eq(user.id, userId));
		if (!reviewer)
			throw new ValidationError([{ path: 'userId', message: m.reviews_error_user({}, { locale }) }]);
		if (reviewer.conflict)
			throw new ValidationError([
				{
					path: 'userId',
					message: m.reviews_error_conflict(
						{ name: reviewer.name, organisation: reviewer.conflict },
						{ locale }
					)
				}
			]);
		const [row] = await tx
			.insert(projectReview)
			.values({ projectId: p.id, reviewerUserId: reviewer.id, assignedByUserId: actor.userId })
			.onConflictDoNothing()
			.returning();
		if (!row)
			throw new ConflictError([
				{ path: 'userId', message: m.reviews_error_already_assigned({ name: reviewer.name }, { locale }) }
			]);
		// The grid the reviewer will score on: a cluster's first review gives it the defaults.
		await ensureCriteria(tx, actor, p.clusterId);
		await recordAudit(tx, actor, {
			action: 'create',
			entityType: 'project-review',
			entityId: p.id,
			after: { reviewerUserId: reviewer.id, reviewerEmail: reviewer.email, projectCode: p.code }
		});
		const to = toLocale(reviewer.locale);
		const args = {
			code: p.code,
			title: projectTitle(p, to),
			by: actor.name,
			link: `${publicUrl}/projects/${p.id}/review/mine`
		};
		await queueMail(tx, {
			to: reviewer.email,
			subject: m.reviews_mail_assigned_subject(args, { locale: to }),
			body: m.reviews_mail_assigned_body(args, { locale: to })
		});
		if (p.status === 'submitted')
			await makeMove(ctx, tx, p.id, 'start-review', { comment: '', sections: [] }, publicUrl);
		const [assignment] = (await assignmentsOf(tx, p.id)).filter((a) => a.userId === reviewer.id);
		return assignment!;
	});
}

/** Takes a reviewer off the project; their review, handed in or not, goes with them (kept in the audit). */
export async function unassignReviewer(ctx: Ctx, projectId: string, input: unknown) {
	const { locale } = ctx;
	await ctx.db.transaction(async (tx) => {
		const p = await projectForCoordinator(ctx, tx, projectId, true);
		const actor = ctx.actor!;
		const { userId, confirm } = parseInput(unassignmentInput, input, locale);
		refuseUnlessReviewable(p, locale);
		const [review] = await tx
			.select({ scores: projectReview.scores, comment: projectReview.comment, name: user.name })
			.from(projectReview)
			.innerJoin(user, eq(user.id, projectReview.reviewerUserId))
			.where(and(eq(projectReview.projectId, p.id), eq(projectReview.reviewerUserId, userId)));
		const started = review && (Object.keys(review.scores).length > 0 || Boolean(review.comment));
		if (started && !confirm)
			throw new ConflictError([
				{ path: 'confirm', message: m.reviews_error_remove_confirm({ name: review.name }, { locale }) }
			]);
		const [before] = await tx
			.delete(projectReview)
			.where(and(eq(projectReview.projectId, p.id), eq(projectReview.reviewerUserId, userId)))
			.returning();
		if (!before)
			throw new ValidationError([{ path: 'userId', message: m.reviews_error_not_assigned({}, { locale }) }]);
		await recordAudit(tx, actor, {
			action: 'delete',
			entityType: 'project-review',
			entityId: p.id,
			before
		});
	});
}
