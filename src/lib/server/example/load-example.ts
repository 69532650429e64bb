import type { Database } from '../db/client';

/** The example's sign-in accounts; also listed in README.md. */
export const EXAMPLE_ACCOUNTS = [
	{ email: 'admin@example.org', password: 'concerto-admin', role: 'administrator' },
	{ email: 'coordination@example.org', password: 'concerto-crp', role: 'coordinator, CRP' },
	{ email: 'acf@example.org', password: 'concerto-acf', role: 'focal point, ACF' },
	{ email: 'mercycorps@example.org', password: 'concerto-mercy', role: 'focal point, Mercy Corps' }
] as const;

export async function loadExample(db: Database): Promise<void> {
	void db;
	throw new Error('loadExample: not written yet');
}
