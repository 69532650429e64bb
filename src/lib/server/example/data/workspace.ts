// The example workspace "Mali — Cluster Relèvement Précoce", from the meeting report of the cluster's
// partners (20 October 2016, PNUD). Organisations and participants are as the report names them;
// full names, websites and countries the report does not give are public facts about each organisation.
import type { OrganisationType } from '../../db/schema';

export interface ExampleOrganisation {
	/** How the example refers to it below (the report's name for it). */
	key: string;
	name: string;
	acronym: string | null;
	type: OrganisationType;
	website: string | null;
	/** ISO 3166-1 alpha-3, where the organisation is registered; null for UN agencies. */
	country: string | null;
	emailDomains: string[];
}

export interface ExamplePerson {
	organisation: string;
	name: string;
	jobTitle: string;
	email: string;
}

export const EXAMPLE_CLUSTER = {
	code: 'ER',
	nameFr: 'Relèvement précoce',
	nameEn: 'Early Recovery',
	lead: 'PNUD'
} as const;

export const EXAMPLE_ORGANISATIONS: readonly ExampleOrganisation[] = [
	{
		key: 'ONG 3AG',
		name: 'ONG 3AG',
		acronym: '3AG',
		type: 'national-ngo',
		website: null,
		country: 'MLI',
		emailDomains: []
	},
	{
		key: 'PNUD',
		name: 'Programme des Nations Unies pour le développement',
		acronym: 'PNUD',
		type: 'un-agency',
		website: 'https://www.undp.org',
		country: null,
		emailDomains: ['undp.org']
	},
	{
		key: 'ACF',
		name: 'Action contre la Faim',
		acronym: 'ACF',
		type: 'international-ngo',
		website: 'https://www.actioncontrelafaim.org',
		country: null,
		// As the report spells the participant's address.
		emailDomains: ['ml.acfpain.ml']
	},
	{
		key: 'OIM',
		name: 'Organisation internationale pour les migrations',
		acronym: 'OIM',
		type: 'un-agency',
		website: 'https://www.iom.int',
		country: null,
		emailDomains: ['iom.int']
	},
	{
		key: 'PAM',
		name: 'Programme alimentaire mondial',
		acronym: 'PAM',
		type: 'un-agency',
		website: 'https://www.wfp.org',
		country: null,
		emailDomains: ['wfp.org']
	},
	{
		key: 'Mercy Corps',
		name: 'Mercy Corps',
		acronym: null,
		type: 'international-ngo',
		website: 'https://www.mercycorps.org',
		country: 'USA',
		// The report writes the participant's address "@mercicorps.org"; the organisation's domain is this.
		emailDomains: ['mercycorps.org']
	},
	{
		key: 'OCHA',
		name: 'Bureau de la coordination des affaires humanitaires des Nations Unies',
		acronym: 'OCHA',
		type: 'un-agency',
		website: 'https://www.unocha.org',
		country: null,
		emailDomains: []
	},
	{
		key: 'NRC',
		name: 'Norwegian Refugee Council',
		acronym: 'NRC',
		type: 'international-ngo',
		website: 'https://www.nrc.no',
		country: 'NOR',
		emailDomains: []
	},
	{
		key: 'ICCT',
		name: 'International Centre for Counter-Terrorism',
		acronym: 'ICCT',
		type: 'academic',
		website: 'https://www.icct.nl',
		country: 'NLD',
		emailDomains: []
	},
	{
		key: 'GCCS',
		name: 'Global Center on Cooperative Security',
		acronym: 'GCCS',
		type: 'academic',
		website: 'https://www.globalcenter.org',
		country: 'USA',
		emailDomains: []
	}
];

/**
 * Where the partners work, by P-code (regions of the north and centre where the response plan
 * targets early recovery). Illustrative: the report does not say where each partner is present.
 */
export const EXAMPLE_PRESENCE: Record<string, readonly string[]> = {
	PNUD: ['ML05', 'ML06', 'ML07', 'ML08', 'ML10'],
	'ONG 3AG': ['ML05'],
	ACF: ['ML06', 'ML07'],
	OIM: ['ML05', 'ML07', 'ML10'],
	PAM: ['ML05', 'ML06', 'ML07', 'ML08'],
	'Mercy Corps': ['ML0601', 'ML0701'],
	NRC: ['ML05', 'ML06', 'ML07']
};

/**
 * Illustrative: the record someone would make from the participants table as the report spells it
 * ("atraore@mercicorps.org"). The directory's duplicate review flags it beside Mercy Corps, so that
 * the example shows a merge to do.
 */
export const EXAMPLE_DUPLICATE_ORGANISATION: Omit<ExampleOrganisation, 'key'> = {
	name: 'MercyCorps Mali',
	acronym: null,
	type: 'international-ngo',
	website: null,
	country: 'MLI',
	emailDomains: ['mercicorps.org']
};

/** The report's participants table, row for row (names, functions and addresses exactly as written). */
export const EXAMPLE_PARTICIPANTS: readonly ExamplePerson[] = [
	{
		organisation: 'ONG 3AG',
		name: 'Boukary Guindo',
		jobTitle:
			'Chargé de Suivi-Évaluation Point Focal du Réseau de Plaidoyer pour la Sécurisation Foncière ' +
			'Agricole au Mali (Commissions Foncières/GRN)',
		email: 'boukaryguindo@gmail.com'
	},
	{
		organisation: 'PNUD',
		name: 'Moustapha Diallo',
		jobTitle: 'Early Recovery Advisor',
		email: 'moustapha.diallo@undp.org'
	},
	{
		organisation: 'PNUD',
		name: 'Sigfrido Romeo',
		jobTitle: 'Coordonnateur CRP',
		email: 'sigfrido.romeo@undp.org'
	},
	{
		organisation: 'PNUD',
		name: 'Baber Abdou Dicko',
		jobTitle: 'Expert National',
		email: 'babar.abdou.dicko@undp.org'
	},
	{
		organisation: 'ACF',
		name: 'Mamadou Keita',
		jobTitle: 'Coordonnateur adjoint SAME',
		email: 'makeita@ml.acfpain.ml'
	},
	{
		organisation: 'OIM',
		name: 'Natsuno Shinagawa',
		jobTitle: 'Project Manager',
		email: 'nshinagawa@iom.int'
	},
	{
		organisation: 'PAM',
		name: 'Moustapha Amadou',
		jobTitle: 'Project Officer Resilience',
		email: 'moustapha.amadou@wfp.org'
	},
	{
		organisation: 'Mercy Corps',
		name: 'Alliou Traoré',
		jobTitle: 'Program Manager',
		email: 'atraore@mercicorps.org'
	}
];

/**
 * The people behind the example's sign-in accounts (illustrative, not from the report). `grant` says
 * what each account may do; its password is in EXAMPLE_ACCOUNTS.
 */
export const EXAMPLE_ACCOUNT_PEOPLE = [
	{
		email: 'admin@example.org',
		name: 'Administration Concerto',
		jobTitle: 'Administrateur de la plateforme (compte d’exemple)',
		organisation: null,
		grant: { role: 'admin' }
	},
	{
		email: 'coordination@example.org',
		name: 'Coordination CRP',
		jobTitle: 'Coordination du Cluster Relèvement Précoce (compte d’exemple)',
		organisation: 'PNUD',
		grant: { role: 'coordinator', cluster: true }
	},
	{
		email: 'acf@example.org',
		name: 'Point focal ACF',
		jobTitle: 'Point focal du cluster (compte d’exemple)',
		organisation: 'ACF',
		grant: { role: 'focal-point', organisation: 'ACF' }
	},
	{
		email: 'mercycorps@example.org',
		name: 'Point focal Mercy Corps',
		jobTitle: 'Point focal du cluster (compte d’exemple)',
		organisation: 'Mercy Corps',
		grant: { role: 'focal-point', organisation: 'Mercy Corps' }
	}
] as const;
