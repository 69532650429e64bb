import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { createFeed, feedPath, feedStatus, revokeFeed } from '$lib/server/calendar/feeds';
import { listClusters } from '$lib/server/clusters/clusters';

export const load: PageServerLoad = (event) =>
	guard(event, async () => ({
		...(await feedStatus(event.locals.ctx)),
		clusters: (await listClusters(event.locals.ctx, { limit: 500 })).items.map((c) => ({
			code: c.code,
			name: event.locals.locale === 'en' ? c.nameEn : c.nameFr
		})),
		publicUrl: event.locals.app.config.publicUrl
	}));

export const actions: Actions = {
	create: (event) =>
		submit(event, async () => {
			const { token, replaced } = await createFeed(event.locals.ctx);
			return { address: event.locals.app.config.publicUrl + feedPath(token), replaced };
		}),
	revoke: (event) =>
		submit(event, async () => {
			await revokeFeed(event.locals.ctx);
			return { revoked: true };
		})
};
