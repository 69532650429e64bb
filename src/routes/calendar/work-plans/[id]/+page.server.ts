import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { formFailure } from '../form-failure.server';
import {
	addActivity,
	deleteActivity,
	getWorkPlan,
	moveActivity,
	organisationSummary
} from '$lib/server/calendar/work-plans';
import { organisationChoices, searchedValues } from '../activity-form.server';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const plan = await getWorkPlan(ctx, event.params.id);
		const draft = searchedValues(event.url) ?? { startsOn: plan.from, endsOn: plan.to, status: 'planned' };
		const savedId = event.url.searchParams.get('saved');
		const saved = plan.activities.find((a) => a.id === savedId);
		return {
			plan,
			draft,
			choices: plan.canEdit
				? await organisationChoices(ctx, event.url, draft.responsibleOrganisationId)
				: { orgQuery: '', found: [], chosen: null },
			saved: saved ? { id: saved.id, outsideQuarter: saved.outsideQuarter } : null
		};
	});

const back = (id: string, saved?: string) => `/calendar/work-plans/${id}${saved ? `?saved=${saved}` : ''}`;

export const actions: Actions = {
	add: async (event) => {
		const result = await submit(event, async (values) => {
			const { activity } = await addActivity(event.locals.ctx, event.params.id, values);
			redirect(303, `${back(event.params.id, activity.id)}#activity-${activity.id}`);
		});
		// Shown again with the organisation that was chosen, which no search found this time.
		const failure = formFailure(result);
		if (failure) {
			const chosen = await organisationSummary(
				event.locals.ctx,
				String(failure.data.values.responsibleOrganisationId ?? '')
			);
			return fail(failure.status, { ...failure.data, chosen });
		}
		return result;
	},
	move: (event) =>
		submit(event, async (values) => {
			const id = String(values.id ?? '');
			await moveActivity(event.locals.ctx, id, values);
			redirect(303, `${back(event.params.id)}#activity-${id}`);
		}),
	remove: (event) =>
		submit(event, async (values) => {
			await deleteActivity(event.locals.ctx, String(values.id ?? ''));
			redirect(303, back(event.params.id));
		})
};
