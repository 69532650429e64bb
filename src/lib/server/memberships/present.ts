/**
 * What the API sends out about the pipeline. As in api/presenters.ts, the schema both encodes the
 * answer (dates as ISO strings, unlisted fields such as user ids dropped) and documents it.
 */
import { z } from 'zod';
import { MEMBERSHIP_STAGES, ORGANISATION_TYPES } from '../db/schema';
import { listOf } from '../api/presenters';
import type { MembershipStepRow, PipelineRow } from './queries';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const id = z.string().meta({ format: 'uuid' });
const stage = z.enum(MEMBERSHIP_STAGES);

export const membershipOut = z.object({
	id,
	clusterId: id,
	organisation: z.object({
		id,
		name: z.string(),
		acronym: z.string().nullable(),
		type: z.enum(ORGANISATION_TYPES)
	}),
	stage,
	since: timestamp.meta({ description: 'When the membership reached its current stage' }),
	lastStepAt: timestamp,
	lastNote: z.string().nullable(),
	focalPoint: z.object({ id, name: z.string() }).nullable(),
	createdAt: timestamp,
	updatedAt: timestamp
});

export const membershipStepOut = z.object({
	id,
	stage,
	at: timestamp,
	note: z.string().nullable(),
	/** The name of who recorded it; null once that account is gone. */
	by: z.string().nullable()
});

export const membershipWithStepsOut = membershipOut.extend({ steps: z.array(membershipStepOut) });
export const membershipListOut = listOf(membershipOut);

export function presentMembership(row: PipelineRow): z.output<typeof membershipOut> {
	return {
		id: row.id,
		clusterId: row.clusterId,
		organisation: {
			id: row.organisationId,
			name: row.organisationName,
			acronym: row.organisationAcronym,
			type: row.organisationType
		},
		stage: row.stage,
		since: row.since,
		lastStepAt: row.lastStepAt ?? row.createdAt,
		lastNote: row.lastNote,
		focalPoint:
			row.focalPointId && row.focalPointName !== null
				? { id: row.focalPointId, name: row.focalPointName }
				: null,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

export function presentMembershipWithSteps(
	row: PipelineRow,
	steps: MembershipStepRow[]
): z.output<typeof membershipWithStepsOut> {
	return {
		...presentMembership(row),
		steps: steps.map((s) => ({ id: s.id, stage: s.stage, at: s.at, note: s.note, by: s.byName }))
	};
}
