import { m } from '$lib/paraglide/messages';
import type { OrganisationType } from '$lib/server/db/schema';

type Label = (inputs?: object, options?: { locale?: 'fr' | 'en' }) => string;

/** What each organisation type is called, in the language of the request (or the one given). */
export const organisationTypeLabels: Record<OrganisationType, Label> = {
	'un-agency': m.directory_type_un_agency,
	'international-ngo': m.directory_type_international_ngo,
	'national-ngo': m.directory_type_national_ngo,
	government: m.directory_type_government,
	'private-sector': m.directory_type_private_sector,
	donor: m.directory_type_donor,
	'red-cross': m.directory_type_red_cross,
	academic: m.directory_type_academic,
	other: m.directory_type_other
};

export function organisationTypeLabel(type: string, locale?: 'fr' | 'en'): string {
	return type in organisationTypeLabels
		? organisationTypeLabels[type as OrganisationType]({}, locale ? { locale } : {})
		: type;
}

export const organisationTypeOptions = () =>
	Object.entries(organisationTypeLabels).map(([value, label]) => ({ value, label: label() }));

/** "Action contre la Faim (ACF)" for select boxes and links. */
export function organisationLabel(o: { name: string | null; acronym: string | null }): string {
	return o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : (o.name ?? '');
}
