/** A project as the API answers it: its record, its sheet, what it lacks and what may be done with it. */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { cluster, PROJECT_STATUSES } from '../db/schema';
import { SHEET_SECTIONS } from './sheet-schema';
import { PROJECT_MOVES, movesFor } from './workflow';
import { isEditableStatus, seesInside, type Project } from './access';
import { findProject } from './find';
import { readHistory } from './history';
import { readSheet } from './sheet';
import { missingForSubmission } from './sheet-rules';
import { sheetContext } from './edit';

const ids = z.array(z.uuid());
const usd = z.string().meta({ description: 'USD, decimal text (never a float)' });

export const sheetOut = z.object({
	titleFr: z.string(),
	titleEn: z.string().nullable(),
	objectives: z.string(),
	description: z.string(),
	startsOn: z.string().nullable(),
	endsOn: z.string().nullable(),
	genderAgeMarker: z.string().nullable(),
	partnerIds: ids,
	clusters: z.array(z.object({ clusterId: z.uuid(), sharePercent: z.string() })),
	objectiveIds: ids,
	activityIds: ids,
	targets: z.array(z.object({ indicatorId: z.uuid(), locationId: z.uuid(), value: z.string() })),
	places: z.array(z.object({ locationId: z.uuid(), peopleTargeted: z.number().int() })),
	beneficiaries: z.array(z.object({ populationGroupId: z.uuid(), values: z.record(z.string(), z.number()) })),
	budgetUsd: usd.nullable(),
	budgetLines: z.array(z.object({ category: z.string(), description: z.string(), amountUsd: usd })),
	answers: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
	contactIds: ids
});

export const projectOut = z.object({
	id: z.uuid(),
	code: z.string().meta({ description: 'MLI-17/ER/0001: country, plan year, cluster, number' }),
	planId: z.uuid(),
	cluster: z.string(),
	organisationId: z.uuid(),
	status: z.enum(PROJECT_STATUSES),
	revision: z
		.number()
		.int()
		.meta({ description: 'Send it back with a change to refuse a save over a newer one' }),
	reopened: z.boolean(),
	withdrawalRequestedAt: z.string().nullable(),
	submittedAt: z.string().nullable(),
	budgetUsd: usd,
	peopleTargeted: z.number().int(),
	sheet: sheetOut,
	missing: z.array(z.object({ section: z.enum(SHEET_SECTIONS), path: z.string(), message: z.string() })),
	moves: z.array(z.enum(PROJECT_MOVES)),
	createdAt: z.string(),
	updatedAt: z.string()
});

export async function presentProject(ctx: Ctx, p: Project): Promise<z.output<typeof projectOut>> {
	const sheet = await readSheet(ctx.db, p);
	const context = await sheetContext(ctx.db, p, ctx.locale);
	const [lead] = await ctx.db.select({ code: cluster.code }).from(cluster).where(eq(cluster.id, p.clusterId));
	return {
		id: p.id,
		code: p.code,
		planId: p.planId,
		cluster: lead!.code,
		organisationId: p.organisationId,
		status: p.status,
		revision: p.revision,
		reopened: p.reopened,
		withdrawalRequestedAt: p.withdrawalRequestedAt?.toISOString() ?? null,
		submittedAt: p.submittedAt?.toISOString() ?? null,
		budgetUsd: p.budgetUsd,
		peopleTargeted: p.peopleTargeted,
		sheet,
		missing: isEditableStatus(p.status) ? missingForSubmission(sheet, context) : [],
		moves: movesFor(ctx, p),
		createdAt: p.createdAt.toISOString(),
		updatedAt: p.updatedAt.toISOString()
	};
}

export const historyOut = z.object({
	items: z.array(
		z.object({
			from: z.enum(PROJECT_STATUSES).nullable(),
			to: z.enum(PROJECT_STATUSES),
			comment: z.string(),
			by: z.string(),
			at: z.string()
		})
	)
});

/** The project's moves, oldest first: who decided what, when, and why. */
export async function projectHistory(ctx: Ctx, id: string) {
	const p = await findProject(ctx, id);
	const inside = seesInside(ctx.actor, p);
	return (await readHistory(ctx.db, p.id, ctx.locale)).map((r) => ({
		from: r.fromStatus,
		to: r.toStatus,
		comment: inside ? r.comment : '',
		by: inside ? r.actor : '',
		at: r.at.toISOString()
	}));
}
