import { z } from 'zod';
import type { Locale } from './i18n';
import { ValidationError, type FieldError } from './errors';

const errorMaps = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Parses input with the user's language for messages; throws ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
	const result = schema.safeParse(input, { error: errorMaps[locale] });
	if (result.success) return result.data;
	throw new ValidationError(toFieldErrors(result.error));
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
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
