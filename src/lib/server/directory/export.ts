import { eq, isNull, and } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context';
import { organisation, organisationLocation, location, person } from '../db/schema';
import { authorize, readsDirectory } from '../access/policy';
import { parseInput } from '../validation';
import type { Download } from '../downloads';
import { writeTable } from '../spreadsheets/write-table';
import { organisationOrder, organisationWhere } from './organisations';
import { personOrder, personWhere } from './people';
import { EXPORT_FORMATS, organisationFilters, personFilters } from './schema';
import { toVcards } from './vcard';
import { organisationTypeLabel } from '$lib/organisation-labels';
import { hint } from '../validation';
import { m } from '$lib/paraglide/messages';

/** A whole directory fits: 5,000 organisations, 50,000 people. */
const MAX_ROWS = 100_000;

export const organisationExportQuery = organisationFilters.extend({
	format: z.enum(EXPORT_FORMATS, hint('directory_error_format'))
});
export const personExportQuery = personFilters.extend({
	format: z.enum([...EXPORT_FORMATS, 'vcf'], hint('directory_error_format'))
});

const today = () => new Date().toISOString().slice(0, 10);

/** Every organisation the filters select (not one page of them), as the format asks. */
export async function exportOrganisations(ctx: Ctx, query: Record<string, unknown>): Promise<Download> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { format, ...filters } = parseInput(organisationExportQuery, query, ctx.locale);
	const rows = await ctx.db
		.select()
		.from(organisation)
		.where(organisationWhere(filters))
		.orderBy(...organisationOrder(filters))
		.limit(MAX_ROWS);
	const places = await placesByOrganisation(ctx);
	const locale = { locale: ctx.locale };
	const columns = [
		{ header: m.directory_field_name({}, locale), hashtag: '#org +name' },
		{ header: m.directory_organisation_acronym({}, locale), hashtag: '#org +acronym' },
		{ header: m.directory_type({}, locale), hashtag: '#org +type' },
		{ header: m.directory_organisation_website({}, locale), hashtag: '#org +url' },
		{ header: m.directory_organisation_country({}, locale), hashtag: '#country +code' },
		{ header: m.directory_organisation_email_domains({}, locale), hashtag: '#contact +email +domain' },
		{ header: m.directory_organisation_address({}, locale), hashtag: '#contact +address' },
		{ header: m.directory_person_phone({}, locale), hashtag: '#contact +phone' },
		{ header: m.directory_organisation_places({}, locale), hashtag: '#loc +code +list' }
	];
	const table = rows.map((o) => [
		o.name,
		o.acronym,
		// HXL carries codes for machines; CSV and XLSX the words a reader knows.
		format === 'hxl' ? o.type : organisationTypeLabel(o.type, ctx.locale),
		o.website,
		o.country,
		o.emailDomains.join(', '),
		o.address,
		o.phone,
		(places.get(o.id) ?? []).join(', ')
	]);
	const file = writeTable(format, columns, table, m.nav_organisations({}, locale));
	return {
		body: file.body,
		contentType: file.contentType,
		filename: `organisations-${today()}.${file.extension}`
	};
}

/** Every person the filters select; erased people are not contacts and are left out. */
export async function exportPeople(ctx: Ctx, query: Record<string, unknown>): Promise<Download> {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const { format, ...filters } = parseInput(personExportQuery, query, ctx.locale);
	const rows = await ctx.db
		.select({
			name: person.name,
			jobTitle: person.jobTitle,
			email: person.email,
			phone: person.phone,
			languages: person.languages,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(and(personWhere(filters), isNull(person.erasedAt)))
		.orderBy(...personOrder(filters))
		.limit(MAX_ROWS);
	if (format === 'vcf')
		return {
			body: toVcards(rows),
			contentType: 'text/vcard; charset=utf-8',
			filename: `contacts-${today()}.vcf`
		};
	const locale = { locale: ctx.locale };
	const columns = [
		{ header: m.directory_field_name({}, locale), hashtag: '#contact +name' },
		{ header: m.directory_person_job_title({}, locale), hashtag: '#contact +title' },
		{ header: m.directory_person_organisation({}, locale), hashtag: '#org +name' },
		{ header: m.directory_organisation_acronym({}, locale), hashtag: '#org +acronym' },
		{ header: m.directory_person_email({}, locale), hashtag: '#contact +email' },
		{ header: m.directory_person_phone({}, locale), hashtag: '#contact +phone' },
		{ header: m.directory_person_languages({}, locale), hashtag: '#contact +lang' }
	];
	const table = rows.map((p) => [
		p.name,
		p.jobTitle,
		p.organisationName,
		p.organisationAcronym,
		p.email,
		p.phone,
		p.languages.join(', ')
	]);
	const file = writeTable(format, columns, table, m.nav_people({}, locale));
	return { body: file.body, contentType: file.contentType, filename: `people-${today()}.${file.extension}` };
}

async function placesByOrganisation(ctx: Ctx): Promise<Map<string, string[]>> {
	const links = await ctx.db
		.select({ id: organisationLocation.organisationId, pcode: location.pcode })
		.from(organisationLocation)
		.innerJoin(location, eq(location.id, organisationLocation.locationId))
		.orderBy(location.pcode);
	const byOrganisation = new Map<string, string[]>();
	for (const { id, pcode } of links) byOrganisation.set(id, [...(byOrganisation.get(id) ?? []), pcode]);
	return byOrganisation;
}
