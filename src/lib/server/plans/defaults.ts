import type { SexAgeGroup } from '../db/schema';

/** The sex and age groups a new plan splits needs by, as OCHA's caseloads do; a plan may change them. */
export const DEFAULT_SEX_AGE_GROUPS: SexAgeGroup[] = [
	{ code: 'girls', nameFr: 'Filles', nameEn: 'Girls', hxl: ['f', 'children'] },
	{ code: 'boys', nameFr: 'Garçons', nameEn: 'Boys', hxl: ['m', 'children'] },
	{ code: 'women', nameFr: 'Femmes', nameEn: 'Women', hxl: ['f', 'adults'] },
	{ code: 'men', nameFr: 'Hommes', nameEn: 'Men', hxl: ['m', 'adults'] },
	{ code: 'elderly', nameFr: 'Personnes âgées', nameEn: 'Elderly', hxl: ['elderly'] }
];

/** The population groups a cluster starts with when it first joins a plan. */
export const DEFAULT_POPULATION_GROUPS = [
	{ code: 'idp', nameFr: 'Personnes déplacées internes', nameEn: 'Internally displaced people' },
	{ code: 'returnees', nameFr: 'Retournés', nameEn: 'Returnees' },
	{ code: 'host', nameFr: 'Communautés hôtes', nameEn: 'Host communities' },
	{ code: 'non-displaced', nameFr: 'Populations non déplacées', nameEn: 'Non-displaced people' }
];
