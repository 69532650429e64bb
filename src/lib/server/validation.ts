import { z } from 'zod';
import type { Locale } from './i18n';
import { ValidationError, type FieldError } from './errors';
import { m } from '$lib/paraglide/messages';

const errorMaps = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };
type MessageKey = keyof typeof m;
type Message = (params: object, options: { locale: Locale }) => string;

/**
 * A message that says what to change, for a schema's check: `z.email(hint('directory_error_email'))`.
 * Schemas are built once and the language is known only when parsing, so they carry the key and
 * `parseInput` translates it.
 */
export function hint(key: MessageKey) {
	return { error: key };
}

/** Parses input with the user's language for messages; throws ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
	const result = schema.safeParse(input, { error: (issue) => explain(issue, locale) });
	if (result.success) return result.data;
	throw new ValidationError(toFieldErrors(result.error, locale));
}

export function toFieldErrors(error: z.ZodError, locale: Locale): FieldError[] {
	return error.issues.map((issue) => ({
		path: issue.path.join('.'),
		message: translate(issue.message, locale)
	}));
}

function translate(message: string, locale: Locale): string {
	return message in m ? (m as unknown as Record<string, Message>)[message]!({}, { locale }) : message;
}

/** Plain words for the commonest mistakes; zod's own localised text for the rest. */
function explain(issue: z.core.$ZodRawIssue, locale: Locale) {
	if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null))
		return m.error_required({}, { locale });
	if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
		return m.error_required({}, { locale });
	if (issue.code === 'too_big' && issue.origin === 'string')
		return m.error_too_long({ max: Number(issue.maximum) }, { locale });
	return errorMaps[locale](issue);
}

/** A text field that may be left empty: blank becomes null. */
export function optionalText(max: number) {
	return z
		.string()
		.trim()
		.max(max)
		.nullish()
		.transform((v) => (v ? v : null));
}

export function requiredText(max: number) {
	return z.string().trim().min(1).max(max);
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const optionalEmail = z
	.string()
	.trim()
	.toLowerCase()
	.nullish()
	.transform((v) => (v ? v : null))
	.pipe(z.email().max(254).nullable());

/** A form's field left empty ('' from `?type=`), or a null in JSON, is no value. */
export function blankAsAbsent<T extends z.ZodType>(schema: T) {
	return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

/** The days a record may hold: PostgreSQL refuses year 0, and a year like 0050 is a slip. */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2199-12-31';

/** A day as YYYY-MM-DD — a real one (2016-02-30 is refused) — between 1900 and 2199. */
export function daySchema(key: MessageKey) {
	return z.iso.date({ ...hint(key), abort: true }).refine((d) => d >= FIRST_DAY && d <= LAST_DAY, hint(key));
}

const blankIsNull = (v: unknown) => (typeof v === 'string' && !v.trim() ? null : v);

/** A day that may be left out: blank or null is none. */
export function optionalDaySchema(key: MessageKey) {
	return z.preprocess(blankIsNull, daySchema(key).nullish()).transform((v) => v ?? null);
}

/** A time of day, HH:MM on 24 hours; blank or null is none. */
export function timeSchema(key: MessageKey) {
	return z
		.preprocess(
			blankIsNull,
			z
				.string()
				.trim()
				.regex(/^([01]\d|2[0-3]):[0-5]\d$/, hint(key))
				.nullish()
		)
		.transform((v) => v ?? null);
}
