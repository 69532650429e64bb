/** Cell values as partners write them, read into what the directory's schemas take. */
import { ORGANISATION_TYPES, type OrganisationType } from '../../db/schema';
import { foldText } from './fields';
import { organisationTypeLabels } from '$lib/organisation-labels';

/** Other names of the organisation types, folded, as partners' lists write them. */
const TYPE_ALIASES: Record<OrganisationType, string[]> = {
	'un-agency': [
		'un',
		'onu',
		'snu',
		'nations unies',
		'agence onu',
		'agence des nations unies',
		'agence un',
		'agence du snu',
		'systeme des nations unies',
		'un agency',
		'united nations',
		'united nations agency'
	],
	'international-ngo': [
		'ongi',
		'ong i',
		'ong int',
		'ong internationale',
		'ong international',
		'ingo',
		'international ngo',
		'international non governmental organisation',
		'international non governmental organization'
	],
	'national-ngo': [
		'ong',
		'ongn',
		'ong n',
		'ong nationale',
		'ong national',
		'ong locale',
		'ong malienne',
		'association',
		'association locale',
		'ngo',
		'nngo',
		'lngo',
		'national ngo',
		'local ngo'
	],
	government: [
		'gouvernement',
		'gouv',
		'etat',
		'ministere',
		'service de l etat',
		'services de l etat',
		'service technique',
		'services techniques',
		'services techniques de l etat',
		'administration',
		'collectivite',
		'collectivite territoriale',
		'autorite',
		'autorites',
		'government',
		'gov',
		'ministry',
		'public sector',
		'authorities'
	],
	'private-sector': [
		'prive',
		'secteur prive',
		'entreprise',
		'societe',
		'private',
		'private sector',
		'company',
		'business'
	],
	donor: ['bailleur', 'bailleurs', 'bailleur de fonds', 'donateur', 'donor', 'donors', 'funder'],
	'red-cross': [
		'croix rouge',
		'croissant rouge',
		'mouvement croix rouge',
		'cicr',
		'ficr',
		'red cross',
		'red crescent',
		'icrc',
		'ifrc',
		'rcrc'
	],
	academic: [
		'universite',
		'recherche',
		'academique',
		'institut de recherche',
		'university',
		'research',
		'academia'
	],
	other: ['autre', 'autres', 'other', 'others']
};

const typesByName: Map<string, OrganisationType> = (() => {
	const names = new Map<string, OrganisationType>();
	for (const type of ORGANISATION_TYPES) {
		const labels = (['fr', 'en'] as const).map((locale) => organisationTypeLabels[type]({}, { locale }));
		for (const name of [type, ...labels, ...TYPE_ALIASES[type]]) names.set(foldText(name), type);
	}
	return names;
})();

/** The type a file names by its code, its French or English label or a usual alias; null if none. */
export function organisationTypeFromText(text: string): OrganisationType | null {
	return typesByName.get(foldText(text)) ?? null;
}

/** Languages written out, as lists of people often have them, to their ISO 639 codes. */
const LANGUAGE_NAMES: Record<string, string> = {
	francais: 'fr',
	french: 'fr',
	anglais: 'en',
	english: 'en',
	arabe: 'ar',
	arabic: 'ar',
	bambara: 'bm',
	bamanankan: 'bm',
	peul: 'ff',
	fulfulde: 'ff',
	pulaar: 'ff',
	fula: 'ff',
	songhai: 'ses',
	songhay: 'ses',
	tamasheq: 'tmh',
	tamashek: 'tmh',
	tamacheq: 'tmh',
	soninke: 'snk',
	dogon: 'dts',
	haoussa: 'ha',
	hausa: 'ha',
	espagnol: 'es',
	spanish: 'es',
	portugais: 'pt',
	portuguese: 'pt',
	allemand: 'de',
	german: 'de'
};

/** A language cell ("français, bambara" or "fr; bm") as codes the person schema checks. */
export function languageCodes(text: string): string[] {
	return text
		.split(/[,;/|\s]+/)
		.filter(Boolean)
		.map((word) => LANGUAGE_NAMES[foldText(word)] ?? word);
}

/**
 * Mail services anyone can sign up to: their domain says nothing about an organisation, so an
 * address there gives none of the organisation's e-mail domains.
 */
const PUBLIC_MAIL_DOMAINS = new Set([
	'gmail.com',
	'googlemail.com',
	'yahoo.com',
	'yahoo.fr',
	'ymail.com',
	'hotmail.com',
	'hotmail.fr',
	'outlook.com',
	'outlook.fr',
	'live.com',
	'live.fr',
	'msn.com',
	'aol.com',
	'icloud.com',
	'me.com',
	'orange.fr',
	'orangemali.com',
	'laposte.net',
	'free.fr',
	'gmx.com',
	'gmx.fr',
	'protonmail.com',
	'proton.me'
]);

/**
 * The organisation's e-mail domains from a cell that lists domains or addresses ("acf.org" or
 * "contact@acf.org; info@acf.org"); public mail services are left out.
 */
export function emailDomainsFromText(text: string): string[] {
	const domains = text
		.split(/[\s,;]+/)
		.filter(Boolean)
		.map((item) =>
			item
				.replace(/^.*@/, '')
				.replace(/^www\./i, '')
				.toLowerCase()
		);
	return [...new Set(domains)].filter((domain) => !PUBLIC_MAIL_DOMAINS.has(domain));
}

/** "www.acf.org" as partners type it, made the full address the schema asks for. */
export function websiteFromText(text: string): string {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text === '' ? text : `https://${text}`;
}
