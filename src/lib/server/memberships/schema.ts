import { z } from 'zod';
import { MEMBERSHIP_STAGES, ORGANISATION_TYPES } from '../db/schema';
import { listQuery } from '../directory/schema';
import { hint, optionalText } from '../validation';

/** A day as users write it (20/10/2016), as a date field sends it (2016-10-20), or an ISO date-time. */
export interface StepDate {
	at: Date;
	/** Only the day was given: the time is the server's to choose (see `resolveStepTime`). */
	dayOnly: boolean;
}

const isoDateTime = z.iso.datetime({ offset: true });

/** A real calendar day from its parts: 31/02/2016 is no day at all. */
function utcDay(year: number, month: number, day: number): Date | null {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
		? date
		: null;
}

export function parseStepDate(text: string): StepDate | null {
	let parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (parts) {
		const at = utcDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
		return at && { at, dayOnly: true };
	}
	parts = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	if (parts) {
		const at = utcDay(Number(parts[3]), Number(parts[2]), Number(parts[1]));
		return at && { at, dayOnly: true };
	}
	if (isoDateTime.safeParse(text).success) {
		const at = new Date(text);
		return Number.isNaN(at.getTime()) ? null : { at, dayOnly: false };
	}
	return null;
}

/** "2016-10-20": the UTC day, which is Mali's day (UTC+0 all year). */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Clocks of callers drift a little; a step stamped a minute ahead is still "now". */
const CLOCK_SKEW_MS = 60_000;

/** When a step happened: not in the future; blank means now. */
const stepDate = z
	.string()
	.trim()
	.nullish()
	.transform((text, ctx): StepDate | undefined => {
		if (!text) return undefined;
		const parsed = parseStepDate(text);
		if (!parsed) {
			ctx.issues.push({ code: 'custom', input: text, message: 'membership_error_date' });
			return z.NEVER;
		}
		const future = parsed.dayOnly
			? dayOf(parsed.at) > dayOf(new Date())
			: parsed.at.getTime() > Date.now() + CLOCK_SKEW_MS;
		if (future) {
			ctx.issues.push({ code: 'custom', input: text, message: 'membership_error_date_future' });
			return z.NEVER;
		}
		return parsed;
	})
	.meta({
		description: 'YYYY-MM-DD (or DD/MM/YYYY) or an ISO 8601 date-time, not in the future; default now'
	});

const stage = z.enum(MEMBERSHIP_STAGES, hint('membership_error_stage'));
const note = optionalText(2000);

/** A person of the organisation, or '' / null for none. */
const focalPointId = z
	.union([z.literal(''), z.uuid(hint('membership_error_focal_point'))])
	.nullish()
	.transform((v) => (v ? v : null));

/**
 * A list filter: one of `values`, or blank ('' from `?type=` in a form) for no filter. Blank is one
 * of the enum's values rather than a union, so that a wrong value gets the field's own message.
 */
const filterOf = <T extends string>(values: readonly T[], message: Parameters<typeof hint>[0]) =>
	z
		.enum(['', ...values] as [string, ...string[]], hint(message))
		.optional()
		.transform((v) => (v ? (v as T) : undefined));

export const membershipFilters = z.object({
	q: z.string().trim().max(200).optional(),
	/** The organisation's type (government, private-sector…). */
	type: filterOf(ORGANISATION_TYPES, 'membership_error_type'),
	stage: filterOf(MEMBERSHIP_STAGES, 'membership_error_stage')
});
export const membershipListQuery = listQuery.extend(membershipFilters.shape);

export const addMembershipInput = z.object({
	organisationId: z.uuid(hint('membership_error_organisation')),
	stage: stage.default('prospect'),
	at: stepDate,
	note,
	focalPointId: focalPointId.optional()
});
export type AddMembershipInput = z.input<typeof addMembershipInput>;

export const moveMembershipInput = z.object({ stage, at: stepDate, note });
export type MoveMembershipInput = z.input<typeof moveMembershipInput>;

export const focalPointInput = z.object({ focalPointId });

/** PATCH: a move (stage, with a date and a note), a change of focal point, or both. */
export const membershipPatchInput = z.object({
	stage: stage.optional(),
	at: stepDate,
	note,
	focalPointId: focalPointId.optional()
});
export type MembershipPatchInput = z.input<typeof membershipPatchInput>;
