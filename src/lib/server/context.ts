import type { Database } from './db/client';
import type { Actor } from './access/actor';
import type { Locale } from './i18n';

/** What every domain operation is given: where to read and write, who asks, in which language. */
export interface Ctx {
	db: Database;
	actor: Actor | null;
	locale: Locale;
}
