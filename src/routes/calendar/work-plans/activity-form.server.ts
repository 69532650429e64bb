/**
 * What the activity form needs besides its values: the organisations found by the directory
 * search (a GET of the same form, so that typed values survive without script) and the one chosen.
 */
import type { Ctx } from '$lib/server/context';
import { findResponsibleOrganisations, organisationSummary } from '$lib/server/calendar/work-plans';

export const ACTIVITY_FIELDS = [
	'activity',
	'responsibleText',
	'responsibleOrganisationId',
	'startsOn',
	'endsOn',
	'status',
	'notes'
] as const;

/** The values a search carried in the URL, if the form was sent to search. */
export function searchedValues(url: URL): Record<string, string> | null {
	if (!url.searchParams.has('orgQuery')) return null;
	return Object.fromEntries(ACTIVITY_FIELDS.map((k) => [k, url.searchParams.get(k) ?? '']));
}

export async function organisationChoices(ctx: Ctx, url: URL, chosenId: unknown) {
	const orgQuery = url.searchParams.get('orgQuery')?.trim() ?? '';
	const [found, chosen] = await Promise.all([
		findResponsibleOrganisations(ctx, orgQuery),
		organisationSummary(ctx, typeof chosenId === 'string' ? chosenId : null)
	]);
	return { orgQuery, found, chosen };
}
