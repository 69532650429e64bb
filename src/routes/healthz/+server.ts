import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	await locals.app.db.execute(sql`select 1`);
	return json({ status: 'ok', database: locals.app.kind });
};
