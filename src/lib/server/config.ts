import { resolve } from 'node:path';

/** Settings from the environment, read once (see DESIGN.md, "Interfaces"). */
export interface Config {
	port: number;
	host: string;
	databaseUrl: string | undefined;
	dataDir: string;
	loadExample: boolean;
	smtpUrl: string | undefined;
	publicUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	return {
		port,
		host: env.HOST ?? '0.0.0.0',
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: resolve(env.CONCERTO_DATA_DIR ?? './data'),
		loadExample: env.CONCERTO_EXAMPLE !== '0',
		smtpUrl: env.SMTP_URL || undefined,
		publicUrl: (env.PUBLIC_URL ?? env.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, '')
	};
}
