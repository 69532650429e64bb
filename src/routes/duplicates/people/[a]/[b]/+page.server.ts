import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { chooseKept, mergePeople, personMergePreview } from '$lib/server/directory/merge';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { a, b, blocker } = await personMergePreview(event.locals.ctx, event.params.a, event.params.b);
		// The account itself stays private: only whether there is one.
		const present = ({ userId, ...side }: typeof a) => ({ ...side, hasAccount: userId !== null });
		return { a: present(a), b: present(b), blocker };
	});

export const actions: Actions = {
	default: (event) =>
		submit(event, async (values) => {
			const { ctx } = event.locals;
			const { from, into } = chooseKept(ctx, [event.params.a, event.params.b], values.keep);
			await mergePeople(ctx, from, { into });
			redirect(303, `/people/${into}?saved`);
		})
};
