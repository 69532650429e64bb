import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import { ORGANISATION_FIELDS, PERSON_FIELDS } from './fields';
import { emailDomainsFromText, languageCodes, organisationTypeFromText, websiteFromText } from './read-cells';
import { applyChoices, columnIndex, columnLetter, guessMapping, readLayout } from './map-columns';

const mapped = (rows: string[][], fields = ORGANISATION_FIELDS) => {
	const layout = readLayout({ name: 'x', rows }, fields);
	const mapping = guessMapping(layout.columns, fields);
	return Object.fromEntries(
		Object.entries(mapping)
			.filter(([, index]) => index !== null)
			.map(([key, index]) => [key, layout.columns[index!]!.letter])
	);
};

describe('column mapping', () => {
	it('names columns as spreadsheets do', () => {
		expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA',
			'ZZ',
			'AAA'
		]);
		expect(['a', 'Z', 'aa', 'AAA', '1', 'ABCD', ''].map(columnIndex)).toEqual([
			0,
			25,
			26,
			702,
			null,
			null,
			null
		]);
	});

	it('recognises French and English headers whatever their case, accents and punctuation', () => {
		expect(
			mapped([['NOM', 'Sigle', "Type d'organisation", 'Site Web', 'E-mail', 'Tél.', "Zones d'intervention"]])
		).toEqual({
			name: 'A',
			acronym: 'B',
			type: 'C',
			website: 'D',
			emailDomains: 'E',
			phone: 'F',
			places: 'G'
		});
		expect(
			mapped([['Full name', 'Job title', 'Organization', 'Email address', 'Languages']], PERSON_FIELDS)
		).toEqual({
			name: 'A',
			jobTitle: 'B',
			organisation: 'C',
			email: 'D',
			languages: 'E'
		});
	});

	it('finds the header row below a title, and the headers above an HXL hashtag row', () => {
		const titled = readLayout(
			{
				name: 'x',
				rows: [
					['Partenaires du cluster', ''],
					['', ''],
					['Nom', 'Type'],
					['ACF', 'ONGI']
				]
			},
			ORGANISATION_FIELDS
		);
		expect(titled).toMatchObject({ headerRow: 2, hashtagRow: null, firstDataRow: 3 });
		const tagged = readLayout(
			{
				name: 'x',
				rows: [
					['Organisation', 'Courriel'],
					['#org+name', '#contact+email'],
					['ACF', 'a@acf.org']
				]
			},
			PERSON_FIELDS
		);
		expect(tagged).toMatchObject({ headerRow: 0, hashtagRow: 1, firstDataRow: 2 });
		expect(tagged.columns.map((c) => c.hashtag)).toEqual(['#org+name', '#contact+email']);
	});

	it('gives each hashtag column to the field whose pattern it matches most closely, whatever the order', () => {
		const rows = [['#contact +email', '#contact +email +domain', '#org', '#contact+name', '#contact +phone']];
		expect(mapped(rows)).toEqual({ name: 'C', emailDomains: 'B', phone: 'E' });
		expect(mapped(rows, PERSON_FIELDS)).toEqual({ name: 'D', email: 'A', organisation: 'C', phone: 'E' });
	});

	it('takes the user’s choice of columns over the guess, and refuses a column the file does not have', () => {
		const guess = { name: 0, type: null };
		const columns = readLayout({ name: 'x', rows: [['Nom', 'Catégorie', 'X']] }, ORGANISATION_FIELDS).columns;
		expect(applyChoices(guess, { type: 'b', name: '' }, columns, 'fr')).toEqual({ name: null, type: 1 });
		expect(() => applyChoices(guess, { type: 'D' }, columns, 'fr')).toThrow(ValidationError);
		expect(() => applyChoices(guess, { colour: 'A' }, columns, 'fr')).toThrow(ValidationError);
	});
});

describe('cell values as partners write them', () => {
	it('reads organisation types by code, label or usual abbreviation', () => {
		expect(
			[
				'ONGI',
				'ong nationale',
				'UN agency',
				'Gouvernement',
				'Agence des Nations unies',
				'international-ngo',
				'Croix-Rouge',
				'Bailleur de fonds',
				'Secteur privé',
				'autre',
				'ONG bizarre'
			].map(organisationTypeFromText)
		).toEqual([
			'international-ngo',
			'national-ngo',
			'un-agency',
			'government',
			'un-agency',
			'international-ngo',
			'red-cross',
			'donor',
			'private-sector',
			'other',
			null
		]);
	});

	it('reads languages by name or code, e-mail domains from addresses, and websites without their scheme', () => {
		expect(languageCodes('Français, Bambara; en / Songhaï')).toEqual(['fr', 'bm', 'en', 'ses']);
		expect(emailDomainsFromText('contact@acf.org; info@ACF.org, acf-international.org x@gmail.com')).toEqual([
			'acf.org',
			'acf-international.org'
		]);
		expect(websiteFromText('www.acf.org')).toBe('https://www.acf.org');
		expect(websiteFromText('http://acf.org')).toBe('http://acf.org');
	});
});
