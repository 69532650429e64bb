import { resolve } from 'node:path';

/** The project folder: where `drizzle/` lives. The command line sets it; the server runs from it. */
export const projectRoot = process.env.CONCERTO_ROOT ?? process.cwd();
export const migrationsFolder = resolve(projectRoot, 'drizzle');
