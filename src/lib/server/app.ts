import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { connect, type Connection, type Database, type DatabaseKind } from './db/client';
import { setting } from './db/schema';
import { createAuth, type Auth } from './accounts/auth';
import { configureMail } from './mail/outbox';
import type { Config } from './config';

/** One running Concerto: its database, its authentication and its settings. */
export interface App {
	db: Database;
	kind: DatabaseKind;
	config: Config;
	auth: Auth;
	close(): Promise<void>;
}

export async function openApp(config: Config, connection?: Connection): Promise<App> {
	const conn =
		connection ??
		(await connect(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }));
	await conn.migrate();
	configureMail({ smtpUrl: config.smtpUrl });
	const secret = process.env.BETTER_AUTH_SECRET ?? (await storedSecret(conn.db));
	const auth = createAuth(conn.db, { publicUrl: config.publicUrl, secret });
	return { db: conn.db, kind: conn.kind, config, auth, close: () => conn.close() };
}

/** Kept in the database so that every instance signs session cookies with the same key. */
async function storedSecret(db: Database): Promise<string> {
	const fresh = randomBytes(32).toString('base64url');
	await db.insert(setting).values({ key: 'auth.secret', value: fresh }).onConflictDoNothing();
	const [row] = await db.select().from(setting).where(eq(setting.key, 'auth.secret'));
	return String(row!.value);
}
