import { m } from '$lib/paraglide/messages';

export function actionStatusLabel(status: string): string {
	if (status === 'done') return m.minutes_action_done();
	if (status === 'cancelled') return m.minutes_action_cancelled();
	return m.minutes_action_open();
}

/** Who is responsible, as the minutes would write it: the person, the organisation, the role. */
export function responsibleLabel(a: {
	responsiblePersonName: string | null;
	responsibleOrganisationAcronym: string | null;
	responsibleOrganisationName: string | null;
	responsibleText: string;
}): string {
	return [
		a.responsiblePersonName,
		a.responsibleOrganisationAcronym ?? a.responsibleOrganisationName,
		a.responsibleText
	]
		.filter(Boolean)
		.join(', ');
}
