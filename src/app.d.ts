import type { App as Concerto } from '$lib/server/app';
import type { Actor } from '$lib/server/access/actor';
import type { Ctx } from '$lib/server/context';
import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Locals {
			app: Concerto;
			actor: Actor | null;
			locale: Locale;
			/** What domain operations are given for this request. */
			ctx: Ctx;
			/** True when the request carried a bearer token that is unknown or revoked. */
			badToken: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
