/**
 * Whether a failed query broke a unique index (PostgreSQL error 23505): what a check-then-insert
 * cannot rule out when two requests race on separate connections. Drizzle wraps the driver's error.
 */
export const isUniqueViolation = (error: unknown) => hasCode(error, '23505');

/**
 * Whether a failed query would have left a row pointing at one deleted: 23503, or 23001 where the
 * key says ON DELETE RESTRICT (as PGlite reports it; PostgreSQL 15 here says 23503).
 */
export const isForeignKeyViolation = (error: unknown) => hasCode(error, '23503', '23001');

function hasCode(error: unknown, ...codes: string[]): boolean {
	let e: unknown = error;
	while (e && typeof e === 'object') {
		if (codes.includes((e as { code?: string }).code ?? '')) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}
