/**
 * Whether a failed query broke a unique index (PostgreSQL error 23505): what a check-then-insert
 * cannot rule out when two requests race on separate connections. Drizzle wraps the driver's error.
 */
export function isUniqueViolation(error: unknown): boolean {
	let e: unknown = error;
	while (e && typeof e === 'object') {
		if ((e as { code?: unknown }).code === '23505') return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}
