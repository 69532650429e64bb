/**
 * The life of a project: draft → submitted → under review → revision requested → (resubmitted) →
 * approved or not approved → published with the plan; withdrawal on the partner's request, confirmed
 * by the cluster. Each move is allowed from the states in `MOVES` only, by the role named there,
 * and leaves a transition (the history users read), an audit event and, where the partner must
 * know, a mail.
 */
import { eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import {
	project,
	projectSectionComment,
	projectTransition,
	projectVersion,
	type ProjectStatus
} from '../db/schema';
import { authorize } from '../access/policy';
import { ConflictError, ValidationError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { parseInput, optionalText } from '../validation';
import { m } from '$lib/paraglide/messages';
import { projectStatusLabel } from '$lib/project-labels';
import { vetsProject, worksForOrganisation, type FoundProject, type Project } from './access';
import { findProject } from './find';
import { readSheet } from './sheet';
import { checkSheet, missingForSubmission } from './sheet-rules';
import { sheetContext } from './edit';
import { assertOpen } from '../plans/access';
import { freezeVersion } from './versions';
import { SHEET_SECTIONS } from './sheet-schema';
import { assertAcceptsSubmission } from './window';
import { notifyProjectStatus } from './notify';

export const PROJECT_MOVES = [
	'submit',
	'start-review',
	'return',
	'approve',
	'reject',
	'publish',
	'request-withdrawal',
	'confirm-withdrawal',
	'decline-withdrawal',
	'reopen'
] as const;
export type ProjectMove = (typeof PROJECT_MOVES)[number];

type Who = 'partner' | 'editor' | 'cluster';

/** From which states each move is allowed, to which state it leads (null: the status stays), and by whom. */
export const MOVES: Record<ProjectMove, { from: ProjectStatus[]; to: ProjectStatus | null; by: Who }> = {
	submit: { from: ['draft', 'revision-requested'], to: 'submitted', by: 'editor' },
	'start-review': { from: ['submitted'], to: 'under-review', by: 'cluster' },
	return: { from: ['submitted', 'under-review'], to: 'revision-requested', by: 'cluster' },
	approve: { from: ['submitted', 'under-review'], to: 'approved', by: 'cluster' },
	reject: { from: ['submitted', 'under-review'], to: 'not-approved', by: 'cluster' },
	publish: { from: ['approved'], to: 'published', by: 'cluster' },
	'request-withdrawal': {
		from: ['submitted', 'under-review', 'approved', 'published'],
		to: null,
		by: 'partner'
	},
	'confirm-withdrawal': {
		from: ['submitted', 'under-review', 'approved', 'published'],
		to: 'withdrawn',
		by: 'cluster'
	},
	'decline-withdrawal': {
		from: ['submitted', 'under-review', 'approved', 'published'],
		to: null,
		by: 'cluster'
	},
	reopen: { from: ['draft', 'revision-requested'], to: null, by: 'cluster' }
};

export const moveInput = z.object({
	comment: optionalText(4_000).transform((v) => v ?? ''),
	/** For `return`: what to change, per section of the sheet. */
	sections: z
		.partialRecord(z.enum(SHEET_SECTIONS), optionalText(4_000))
		.optional()
		.transform((v) => Object.entries(v ?? {}).filter((e): e is [string, string] => !!e[1]))
});

/**
 * The moves this user may make on this project now (for the buttons a page shows): none once its
 * plan is closed. A project just written has no `planStatus`: its plan was open for the write.
 */
export function movesFor(ctx: Ctx, p: Project & Partial<Pick<FoundProject, 'planStatus'>>): ProjectMove[] {
	if (p.planStatus === 'closed') return [];
	return PROJECT_MOVES.filter((move) => allowedNow(p, move) && mayMake(ctx, p, move));
}

function mayMake(ctx: Ctx, p: Project, move: ProjectMove): boolean {
	const by = MOVES[move].by;
	const partner = worksForOrganisation(ctx.actor, p.organisationId);
	const cluster = vetsProject(ctx.actor, p);
	return by === 'partner' ? partner : by === 'editor' ? partner || cluster : cluster;
}

function allowedNow(p: Project, move: ProjectMove): boolean {
	if (!MOVES[move].from.includes(p.status)) return false;
	if (move === 'request-withdrawal') return !p.withdrawalRequestedAt;
	if (move === 'confirm-withdrawal' || move === 'decline-withdrawal') return !!p.withdrawalRequestedAt;
	if (move === 'reopen') return !p.reopened;
	return true;
}

/** Makes a move; `publicUrl` is where the mails' links point. */
export async function moveProject(
	ctx: Ctx,
	id: string,
	move: ProjectMove,
	input: unknown,
	publicUrl: string,
	now = new Date()
): Promise<Project> {
	const values = parseInput(moveInput, input ?? {}, ctx.locale);
	return ctx.db.transaction((tx) => makeMove(ctx, tx, id, move, values, publicUrl, now));
}

type MoveValues = z.output<typeof moveInput>;

/** A move inside the caller's transaction (assigning the first reviewer starts the review). */
export async function makeMove(
	ctx: Ctx,
	tx: Executor,
	id: string,
	move: ProjectMove,
	values: MoveValues,
	publicUrl: string,
	now = new Date()
): Promise<Project> {
	const p = await findProject(ctx, id, tx, true);
	authorize(ctx.actor, mayMake(ctx, p, move));
	await checkMove(ctx, tx, p, move, values, now);
	const to = MOVES[move].to;
	const changes = {
		...changesOf(move, now),
		...(move === 'request-withdrawal' ? { withdrawalReason: values.comment || null } : {})
	};
	const [row] = await tx
		.update(project)
		.set({ ...changes, ...(to ? { status: to } : {}), updatedAt: now })
		.where(eq(project.id, p.id))
		.returning();
	if (move === 'submit') await freezeVersion(tx, row!, ctx.actor, now);
	if (move === 'return') await saveSectionComments(tx, p.id, values.sections, ctx.actor.userId, now);
	if (to)
		await tx.insert(projectTransition).values({
			projectId: p.id,
			fromStatus: p.status,
			toStatus: to,
			comment: values.comment,
			actorUserId: ctx.actor.userId,
			actorLabel: ctx.actor.name || ctx.actor.email,
			at: now
		});
	await recordAudit(tx, ctx.actor, {
		action: `project.${move}`,
		entityType: 'project',
		entityId: p.id,
		before: {
			status: p.status,
			withdrawalRequestedAt: p.withdrawalRequestedAt,
			withdrawalReason: p.withdrawalReason,
			reopened: p.reopened
		},
		after: {
			status: row!.status,
			withdrawalRequestedAt: row!.withdrawalRequestedAt,
			reopened: row!.reopened,
			comment: values.comment
		}
	});
	if (to)
		await notifyProjectStatus(tx, { projectId: p.id, toStatus: to, comment: values.comment, publicUrl });
	return row!;
}

/** Refuses the move unless it may be made now, from this state, with what it needs. */
async function checkMove(
	ctx: Ctx,
	tx: Executor,
	p: FoundProject,
	move: ProjectMove,
	values: MoveValues,
	now: Date
) {
	const { locale } = ctx;
	assertOpen({ status: p.planStatus }, locale);
	if (!allowedNow(p, move))
		throw new ConflictError([
			{
				path: '',
				message: m.projects_error_move({ status: projectStatusLabel(p.status, locale) }, { locale })
			}
		]);
	if (move === 'submit') await checkSubmission(ctx, tx, p, now);
	if (move === 'return' && !values.sections.length)
		throw new ValidationError([
			{ path: 'sections', message: m.projects_error_return_comments({}, { locale }) }
		]);
	if (move === 'reject' && !values.comment)
		throw new ValidationError([
			{ path: 'comment', message: m.projects_error_reject_comment({}, { locale }) }
		]);
}

function changesOf(move: ProjectMove, now: Date): Partial<Project> {
	switch (move) {
		case 'submit':
			return { submittedAt: now, reopened: false };
		case 'request-withdrawal':
			return { withdrawalRequestedAt: now };
		case 'confirm-withdrawal':
			// The reason stays with the withdrawn project.
			return { withdrawalRequestedAt: null };
		case 'decline-withdrawal':
			return { withdrawalRequestedAt: null, withdrawalReason: null };
		case 'reopen':
			return { reopened: true };
		default:
			return {};
	}
}

/** A submission needs the window open (or the project reopened), a complete sheet and one that keeps the rules. */
async function checkSubmission(ctx: Ctx, tx: Executor, p: Project, now: Date) {
	await assertAcceptsSubmission(tx, p, ctx.locale, now);
	const sheet = await readSheet(tx, p);
	const context = await sheetContext(tx, p, ctx.locale);
	const errors = [
		...(await checkSheet(tx, sheet, context)),
		...missingForSubmission(sheet, context).map(({ path, message }) => ({ path, message }))
	];
	if (errors.length) throw new ValidationError(errors);
}

async function saveSectionComments(
	tx: Executor,
	projectId: string,
	sections: [string, string][],
	authorUserId: string,
	createdAt: Date
) {
	const [latest] = await tx
		.select({ n: max(projectVersion.number) })
		.from(projectVersion)
		.where(eq(projectVersion.projectId, projectId));
	const versionNumber = latest?.n ?? 0;
	await tx.insert(projectSectionComment).values(
		sections.map(([section, body]) => ({
			projectId,
			versionNumber,
			section,
			body,
			authorUserId,
			createdAt
		}))
	);
}
