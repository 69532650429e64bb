import { z } from 'zod';
import type { Locale } from './i18n';
import { ValidationError, type FieldError } from './errors';
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';

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

/**
 * Parses input with the user's language for messages; throws ValidationError naming each field.
 * Text PostgreSQL cannot store (a NUL character, half of a UTF-16 pair) is refused first, by field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
	refuseUnstorable(input, locale);
	const result = schema.safeParse(input, { error: (issue) => explain(issue, locale) });
	if (result.success) return result.data;
	throw new ValidationError(toFieldErrors(result.error, locale));
}

/** Refuses, by field, the text in `input` that PostgreSQL cannot store. */
export function refuseUnstorable(input: unknown, locale: Locale) {
	const paths = unstorableTexts(input);
	if (paths.length)
		throw new ValidationError(
			paths.map((path) => ({ path, message: m.error_unstorable_text({}, { locale }) }))
		);
}

const storable = (text: string) => !text.includes('\0') && text.isWellFormed();

/** The paths of the strings (values or keys) in `input` that PostgreSQL would refuse. */
export function unstorableTexts(input: unknown, path: string[] = [], found: string[] = []): string[] {
	if (path.length > 32) return found; // deeper than any of our inputs: the schema refuses it
	if (typeof input === 'string') {
		if (!storable(input)) found.push(path.join('.'));
	} else if (Array.isArray(input))
		input.forEach((item, i) => unstorableTexts(item, [...path, String(i)], found));
	else if (input !== null && typeof input === 'object')
		for (const [key, value] of Object.entries(input)) {
			if (!storable(key)) found.push([...path, key].join('.'));
			else unstorableTexts(value, [...path, key], found);
		}
	return found;
}

export function toFieldErrors(error: z.ZodError, locale: Locale): FieldError[] {
	return error.issues.map((issue) => ({
		path: issue.path.join('.'),
		message: translate(issue.message, locale)
	}));
}

function translate(message: string, locale: Locale): string {
	const [key = '', max] = message.split('|');
	if (!(key in m)) return message;
	const params = max === undefined ? {} : { max: formatNumber(Number(max), locale) };
	return (m as unknown as Record<string, Message>)[key]!(params, { locale });
}

/**
 * A check's message that names the largest number allowed, in the reader's language:
 * `z.number().max(1e9, atMost(1e9))` (a schema's own hint would otherwise answer for the check).
 */
export const atMost = (max: number, key: MessageKey = 'error_too_big_number') => ({ error: `${key}|${max}` });

/** Plain words for the commonest mistakes; zod's own localised text for the rest. */
function explain(issue: z.core.$ZodRawIssue, locale: Locale) {
	if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null))
		return m.error_required({}, { locale });
	if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
		return m.error_required({}, { locale });
	if (issue.code === 'too_big' && issue.origin === 'string')
		return m.error_too_long({ max: Number(issue.maximum) }, { locale });
	if (issue.code === 'too_big' && issue.origin === 'number')
		return m.error_too_big_number({ max: formatNumber(Number(issue.maximum), locale) }, { locale });
	if (issue.code === 'invalid_type') return expected(issue.expected, locale);
	return errorMaps[locale](issue);
}

/** What a value of the wrong type should have been, in words rather than type names. */
function expected(type: string, locale: Locale) {
	const messages: Record<string, Message> = {
		string: m.error_expected_text,
		number: m.error_expected_number,
		int: m.error_expected_number,
		boolean: m.error_expected_boolean,
		array: m.error_expected_list,
		object: m.error_expected_object,
		record: m.error_expected_object
	};
	return (messages[type] ?? m.error_expected_other)({}, { locale });
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
