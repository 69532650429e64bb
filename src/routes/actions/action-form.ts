/** What the new and edit pages of an action share: the directory search and the names shown. */
import { fail, isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { formValues } from '$lib/server/forms';
import { findResponsible, responsibleNames } from '$lib/server/meetings/action-responsible';

export type Found = Awaited<ReturnType<typeof findResponsible>>;

/** "Search the directory": the form comes back as typed, with what the directory holds. */
export async function findAction(event: RequestEvent) {
	const values = await formValues(event.request);
	const ctx = event.locals.ctx;
	const [found, names] = await Promise.all([
		findResponsible(ctx, values.find),
		responsibleNames(ctx, values.responsibleOrganisationId, values.responsiblePersonId)
	]);
	return { values, found, names };
}

/** A refused form comes back with the names of the organisation and person chosen. */
export async function withNames<T>(event: RequestEvent, result: T): Promise<T> {
	if (!isActionFailure(result)) return result;
	const data = result.data as { values?: Record<string, unknown> } | undefined;
	if (!data?.values) return result;
	const names = await responsibleNames(
		event.locals.ctx,
		data.values.responsibleOrganisationId,
		data.values.responsiblePersonId
	);
	return fail(result.status, { ...data, names }) as T;
}
