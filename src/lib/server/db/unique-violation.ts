/**
 * Whether a failed query broke a unique index (PostgreSQL error 23505): what a check-then-insert
 * cannot rule out when two requests race on separate connections. Drizzle wraps the driver's error.
 */
export const isUniqueViolation = (error: unknown) => hasCode(error, '23505');

/** Whether a failed query would have left a row pointing at one deleted (error 23503). */
export const isForeignKeyViolation = (error: unknown) => hasCode(error, '23503');

function hasCode(error: unknown, code: string): boolean {
	let e: unknown = error;
	while (e && typeof e === 'object') {
		if ((e as { code?: unknown }).code === code) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}
