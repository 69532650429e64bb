/**
 * Projects as IATI activities (activity standard 2.03), for FTS, d-portal and donors' systems that
 * read IATI. Concerto publishes on behalf of the partners (`secondary-reporter`): the appealing
 * organisation reports the activity, is accountable for it and implements it with its partners.
 * Organisations have no registered IATI identifier in the directory, so they are referred to as
 * `CONCERTO-ORG-<id>`. Every text is escaped: a title may hold `<`, `&` or quotes.
 */
import type { OrganisationType, PlanKind, ProjectStatus } from '../../db/schema';
import { escapeXml } from '../../spreadsheets/write-xlsx-stream';
import type { ExportOrganisation, ExportProject } from './project-pages';

export interface IatiPlan {
	titleFr: string;
	titleEn: string | null;
	kind: PlanKind;
	year: number;
	startsOn: string;
	endsOn: string;
	/** The ISO 3166-1 alpha-2 code of the country (the P-code of level 0: `ML`). */
	countryCode: string;
}

/** The IATI OrganisationType codelist: closest codes for the directory's types. */
const ORGANISATION_TYPES: Record<OrganisationType, string> = {
	'un-agency': '40',
	'international-ngo': '21',
	'national-ngo': '22',
	government: '10',
	'private-sector': '70',
	donor: '90',
	'red-cross': '90',
	academic: '80',
	other: '90'
};

/**
 * Our cluster codes and the IASC global clusters (IATI sector vocabulary 10) they belong to; a
 * cluster outside this list is given under vocabulary 99, the reporting organisation's own.
 */
const GLOBAL_CLUSTERS: Record<string, string> = {
	ER: 'ERY',
	ERY: 'ERY',
	WASH: 'WSH',
	EHA: 'WSH',
	EDU: 'EDU',
	EDUCATION: 'EDU',
	FSC: 'FSC',
	SA: 'FSC',
	SECAL: 'FSC',
	HEA: 'HEA',
	HEALTH: 'HEA',
	SANTE: 'HEA',
	NUT: 'NUT',
	NUTRITION: 'NUT',
	PRO: 'PRO',
	PROTECTION: 'PRO',
	SHL: 'SHL',
	SHELTER: 'SHL',
	ABRIS: 'SHL',
	NFI: 'SHL',
	LOG: 'LOG',
	TEL: 'TEL',
	ETC: 'TEL',
	CCM: 'CCM',
	CCCM: 'CCM'
};

const x = escapeXml;

export function iatiHead(generatedAt: Date): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<iati-activities version="2.03" generated-datetime="${generatedAt.toISOString().slice(0, 19)}Z">\n`
	);
}

export const IATI_TAIL = '</iati-activities>\n';

export function organisationRef(o: Pick<ExportOrganisation, 'id'>): string {
	return `CONCERTO-ORG-${o.id}`;
}

/** Identifiers may not hold `/`: MLI-17/ER/0001 becomes MLI-17-ER-0001 after the reporter's reference. */
export function iatiIdentifier(p: Pick<ExportProject, 'code' | 'organisation'>): string {
	return `${organisationRef(p.organisation)}-${p.code.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

/** The IATI ActivityStatus of a project on a given day. */
export function activityStatus(
	p: Pick<ExportProject, 'status' | 'startsOn' | 'endsOn'>,
	today: string
): string {
	const status: ProjectStatus = p.status;
	if (status === 'not-approved' || status === 'withdrawn') return '5';
	if (status !== 'published') return '1';
	if (p.startsOn && today < p.startsOn) return '1';
	if (p.endsOn && today > p.endsOn) return '3';
	return '2';
}

/** A humanitarian scope code for the plan: the appeal, by kind, country and year. */
export function planScopeCode(plan: IatiPlan): string {
	return `${plan.kind.toUpperCase()}-${plan.countryCode}-${plan.year}`;
}

const narratives = (fr: string, en?: string | null) =>
	`<narrative>${x(fr)}</narrative>${en ? `<narrative xml:lang="en">${x(en)}</narrative>` : ''}`;

function org(o: ExportOrganisation, element: string, attributes: string): string {
	return `<${element} ref="${x(organisationRef(o))}" type="${ORGANISATION_TYPES[o.type] ?? '90'}"${attributes}><narrative>${x(o.name)}</narrative></${element}>`;
}

/** One `iati-activity`, its children in the order the 2.03 schema's sequence demands. */
export function iatiActivity(p: ExportProject, plan: IatiPlan, today: string): string {
	const startsOn = p.startsOn ?? plan.startsOn;
	const endsOn = p.endsOn ?? plan.endsOn;
	const implementers = p.partners.length ? p.partners : [p.organisation];
	const lines = [
		`<iati-activity xml:lang="fr" default-currency="USD" humanitarian="1" last-updated-datetime="${p.updatedAt.toISOString().slice(0, 19)}Z">`,
		`<iati-identifier>${x(iatiIdentifier(p))}</iati-identifier>`,
		org(p.organisation, 'reporting-org', ' secondary-reporter="1"'),
		`<title>${narratives(p.titleFr, p.titleEn)}</title>`,
		`<description type="1">${narratives(p.description.trim() || p.titleFr)}</description>`,
		...(p.objectives.trim() ? [`<description type="2">${narratives(p.objectives)}</description>`] : []),
		org(p.organisation, 'participating-org', ' role="2"'),
		...implementers.map((o) => org(o, 'participating-org', ' role="4"')),
		`<activity-status code="${activityStatus(p, today)}"/>`,
		`<activity-date type="1" iso-date="${startsOn}"/>`,
		`<activity-date type="3" iso-date="${endsOn}"/>`,
		`<recipient-country code="${x(plan.countryCode)}" percentage="100"/>`,
		...p.places.map(
			(place) =>
				`<location ref="${x(place.pcode)}"><location-reach code="1"/>` +
				`<name><narrative>${x(place.name)}</narrative></name>` +
				`<location-class code="1"/><feature-designation code="ADM${place.level >= 2 ? 2 : 1}"/></location>`
		),
		...p.clusters.map((c) => {
			const global = GLOBAL_CLUSTERS[c.code.toUpperCase()];
			const share = p.clusters.length > 1 && c.sharePercent !== null ? ` percentage="${c.sharePercent}"` : '';
			return `<sector vocabulary="${global ? '10' : '99'}" code="${x(global ?? c.code)}"${share}>${narratives(c.nameFr, c.nameEn)}</sector>`;
		}),
		`<humanitarian-scope type="2" vocabulary="99" code="${x(planScopeCode(plan))}">${narratives(plan.titleFr, plan.titleEn)}</humanitarian-scope>`,
		`<budget type="1" status="1"><period-start iso-date="${startsOn}"/><period-end iso-date="${endsOn}"/>` +
			`<value currency="USD" value-date="${startsOn}">${p.budgetUsd}</value></budget>`,
		'</iati-activity>'
	];
	return lines.join('\n') + '\n';
}
