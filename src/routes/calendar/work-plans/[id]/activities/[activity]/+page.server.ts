import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize } from '$lib/server/access/policy';
import { load as guard, submit } from '$lib/server/forms';
import { formFailure } from '../../../form-failure.server';
import {
	activityFieldsOf,
	deleteActivity,
	getWorkPlan,
	organisationSummary,
	updateActivity
} from '$lib/server/calendar/work-plans';
import { m } from '$lib/paraglide/messages';
import { organisationChoices, searchedValues } from '../../../activity-form.server';

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx, actor } = event.locals;
		const plan = await getWorkPlan(ctx, event.params.id);
		authorize(actor, plan.canEdit);
		const activity = plan.activities.find((a) => a.id === event.params.activity);
		if (!activity) error(404, m.error_not_found());
		const values = searchedValues(event.url) ?? activityFieldsOf(activity);
		return {
			plan,
			activity,
			values,
			choices: await organisationChoices(ctx, event.url, values.responsibleOrganisationId)
		};
	});

const planPage = (id: string) => `/calendar/work-plans/${id}`;

export const actions: Actions = {
	default: async (event) => {
		const result = await submit(event, async (values) => {
			await updateActivity(event.locals.ctx, event.params.activity, values);
			redirect(
				303,
				`${planPage(event.params.id)}?saved=${event.params.activity}#activity-${event.params.activity}`
			);
		});
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
	delete: (event) =>
		submit(event, async () => {
			await deleteActivity(event.locals.ctx, event.params.activity);
			redirect(303, planPage(event.params.id));
		})
};
