import { openApp, type App } from '$lib/server/app';
import { readConfig } from '$lib/server/config';
import type { Connection } from '$lib/server/db/client';

export const TEST_PUBLIC_URL = 'http://concerto.test';

/**
 * A Concerto instance (database, better-auth, mail settings) on an open test connection, as the server
 * opens it at start. Closing the connection is left to the test database.
 */
export function openTestApp(connection: Connection, env: NodeJS.ProcessEnv = {}): Promise<App> {
	return openApp(readConfig({ PUBLIC_URL: TEST_PUBLIC_URL, ...env }), connection);
}

/** The Cookie header a browser would send back after these response headers. */
export function cookiesFrom(headers: Headers): Headers {
	const cookie = headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return new Headers({ cookie });
}
