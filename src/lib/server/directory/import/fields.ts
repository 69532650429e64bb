import type { Locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';

/** What a file imports: the places have their own import (locations/import-places.ts). */
export const DIRECTORY_IMPORT_KINDS = ['organisations', 'people'] as const;
export type DirectoryImportKind = (typeof DIRECTORY_IMPORT_KINDS)[number];

type Label = (inputs: object, options: { locale: Locale }) => string;

/** One thing a row can say about an organisation or a person, and how files name its column. */
export interface ImportField {
	key: string;
	label: Label;
	required: boolean;
	/**
	 * HXL hashtag patterns (`matchesTag`), strongest first: a column is given the field whose
	 * pattern it matches first, so `#contact+email+domain` goes to domains before `#contact+email`.
	 */
	hashtags: string[];
	/** Headers as partners write them, French and English, compared folded (see `foldHeader`). */
	aliases: string[];
}

const field = (
	key: string,
	label: Label,
	hashtags: string[],
	aliases: string[],
	required = false
): ImportField => ({ key, label, required, hashtags, aliases });

export const ORGANISATION_FIELDS: ImportField[] = [
	field(
		'name',
		m.directory_field_name,
		['#org+name', '#org-acronym-type-code-id-url'],
		[
			'nom',
			'name',
			'nom de l organisation',
			'nom de la structure',
			'nom complet',
			'raison sociale',
			'organisation',
			'organization',
			'organisation name',
			'organization name',
			'structure',
			'partenaire',
			'partner'
		],
		true
	),
	field(
		'acronym',
		m.directory_organisation_acronym,
		['#org+acronym'],
		['sigle', 'acronyme', 'acronym', 'abreviation', 'abbreviation', 'short name', 'nom court']
	),
	field(
		'type',
		m.directory_type,
		['#org+type'],
		[
			'type',
			'type d organisation',
			'type de structure',
			'type organisation',
			'organisation type',
			'organization type',
			'categorie',
			'category'
		],
		true
	),
	field(
		'website',
		m.directory_organisation_website,
		['#org+url', '#contact+url'],
		['site web', 'site internet', 'site', 'website', 'web site', 'web', 'url']
	),
	field(
		'country',
		m.directory_organisation_country,
		['#country+code', '#country+iso3'],
		['pays', 'country', 'code pays', 'country code', 'iso3', 'pays du siege']
	),
	field(
		'emailDomains',
		m.directory_organisation_email_domains,
		['#contact+email+domain', '#contact+email'],
		[
			'domaines de messagerie',
			'domaines e mail',
			'domaine e mail',
			'domaines',
			'e mail domains',
			'email domains',
			'email domain',
			'e mail',
			'email',
			'courriel',
			'mail',
			'adresse e mail',
			'e mail address'
		]
	),
	field(
		'address',
		m.directory_organisation_address,
		['#contact+address', '#loc+address'],
		['adresse', 'address', 'adresse du siege', 'siege', 'headquarters']
	),
	field(
		'phone',
		m.directory_organisation_phone,
		['#contact+phone'],
		['telephone', 'tel', 'phone', 'numero de telephone', 'phone number', 'contact telephonique', 'mobile']
	),
	field(
		'places',
		m.directory_organisation_places,
		['#loc+code', '#adm2+code', '#adm1+code', '#adm3+code'],
		[
			'zones d intervention',
			'zone d intervention',
			'lieux',
			'zones',
			'regions',
			'p codes',
			'p code',
			'pcode',
			'pcodes',
			'where it works',
			'places',
			'locations',
			'areas'
		]
	)
];

export const PERSON_FIELDS: ImportField[] = [
	field(
		'name',
		m.directory_field_name,
		['#contact+name-first-given', '#contact-email-phone-title-position-lang-address-url-org'],
		[
			'nom',
			'name',
			'nom complet',
			'nom et prenom',
			'nom et prenoms',
			'prenom et nom',
			'nom prenom',
			'nom prenoms',
			'full name',
			'contact',
			'contact name',
			'personne',
			'participant'
		],
		true
	),
	field(
		'firstName',
		(_, options) => m.imports_field_first_name({}, options),
		['#contact+name+first', '#contact+name+given'],
		['prenom', 'prenoms', 'first name', 'given name', 'firstname']
	),
	field(
		'jobTitle',
		m.directory_person_job_title,
		['#contact+title', '#contact+position', '#contact+role'],
		['fonction', 'poste', 'titre', 'job title', 'title', 'position', 'role']
	),
	field(
		'email',
		m.directory_person_email,
		['#contact+email-domain'],
		[
			'e mail',
			'email',
			'courriel',
			'mail',
			'adresse e mail',
			'adresse electronique',
			'e mail address',
			'email address'
		]
	),
	field(
		'phone',
		m.directory_person_phone,
		['#contact+phone'],
		['telephone', 'tel', 'phone', 'mobile', 'portable', 'numero de telephone', 'phone number', 'cellulaire']
	),
	field(
		'organisation',
		m.directory_person_organisation,
		['#org+name', '#org-acronym-type-code-id-url'],
		[
			'organisation',
			'organization',
			'nom de l organisation',
			'structure',
			'agence',
			'agency',
			'institution',
			'partenaire',
			'partner',
			'employeur',
			'employer'
		]
	),
	field(
		'organisationAcronym',
		(_, options) => m.imports_field_organisation_acronym({}, options),
		['#org+acronym'],
		[
			'sigle',
			'acronyme',
			'acronym',
			'sigle de l organisation',
			'organisation acronym',
			'organization acronym'
		]
	),
	field(
		'languages',
		m.directory_person_languages,
		['#contact+lang', '#meta+lang'],
		['langues', 'langue', 'languages', 'language', 'langues parlees', 'spoken languages']
	)
];

/** A field's strongest hashtag as a file would carry it: `#contact+name-first` is `#contact+name`. */
export function displayHashtag(field: ImportField): string | null {
	return field.hashtags[0]?.replace(/-[a-z0-9_]+/g, '') ?? null;
}

export function fieldsOf(kind: DirectoryImportKind): ImportField[] {
	return kind === 'organisations' ? ORGANISATION_FIELDS : PERSON_FIELDS;
}

/** Text compared as a reader would: no case, no accents, punctuation as spaces. */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** A header folded further: "E-mail *", "Email" and "e_mail" are one. */
export function foldHeader(header: string): string {
	return foldText(header.replace(/\(.*?\)|\*/g, '')).replace(/ /g, '');
}

/** Each field's folded aliases, with the headers of our own exports (so an export imports back). */
export function headerAliases(field: ImportField): Set<string> {
	const own = (['fr', 'en'] as const).map((locale) => field.label({}, { locale }));
	return new Set([...field.aliases, ...own].map(foldHeader));
}
