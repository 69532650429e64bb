import type { App } from '../app';
import { loadActor, type Actor } from './actor';
import { userIdForToken } from '../accounts/api-tokens';

/** Who sends this request: a bearer token wins over a session cookie. */
export async function resolveActor(
	app: App,
	headers: Headers
): Promise<{ actor: Actor | null; badToken: boolean }> {
	const authorization = headers.get('authorization');
	if (authorization?.toLowerCase().startsWith('bearer ')) {
		const userId = await userIdForToken(app.db, authorization.slice(7).trim());
		return { actor: userId ? await loadActor(app.db, userId) : null, badToken: !userId };
	}
	const session = await app.auth.api.getSession({ headers });
	return { actor: session ? await loadActor(app.db, session.user.id) : null, badToken: false };
}
