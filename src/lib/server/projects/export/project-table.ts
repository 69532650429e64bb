/**
 * The projects as a table for CSV, HXL and XLSX: one row per project and place (a project without
 * places has one row with the place empty), with HXL hashtags so that the file goes straight into
 * HXL tools and 3W maps. People targeted are given for the place (`#targeted`, which adds up over
 * rows) and for the whole project; the budget is the project's, repeated on each of its rows.
 */
import type { Cell } from '../../spreadsheets/write-csv';
import type { TableColumn } from '../../spreadsheets/write-table';
import type { Locale } from '../../i18n';
import { projectStatusLabel } from '$lib/project-labels';
import { m } from '$lib/paraglide/messages';
import type { ExportPlace, ExportProject } from './project-pages';

export function projectTableColumns(locale: Locale): TableColumn[] {
	const l = { locale };
	return [
		{ header: m.projectlist_col_code({}, l), hashtag: '#activity +code' },
		{ header: m.projectlist_col_title_fr({}, l), hashtag: '#activity +name +i_fr' },
		{ header: m.projectlist_col_title_en({}, l), hashtag: '#activity +name +i_en' },
		{ header: m.projectlist_col_organisation({}, l), hashtag: '#org +name' },
		{ header: m.projectlist_col_acronym({}, l), hashtag: '#org +acronym' },
		{ header: m.projectlist_col_partners({}, l), hashtag: '#org +impl +name' },
		{ header: m.projectlist_col_cluster({}, l), hashtag: '#sector +code' },
		{ header: m.projectlist_col_status({}, l), hashtag: '#status' },
		{ header: m.projectlist_col_budget({}, l), hashtag: '#value +budget +usd' },
		{ header: m.projectlist_col_people_total({}, l), hashtag: '#targeted +total' },
		{ header: m.projectlist_col_adm1_code({}, l), hashtag: '#adm1 +code' },
		{ header: m.projectlist_col_adm1_name({}, l), hashtag: '#adm1 +name' },
		{ header: m.projectlist_col_adm2_code({}, l), hashtag: '#adm2 +code' },
		{ header: m.projectlist_col_adm2_name({}, l), hashtag: '#adm2 +name' },
		{ header: m.projectlist_col_people_place({}, l), hashtag: '#targeted' },
		{ header: m.projectlist_col_starts({}, l), hashtag: '#date +start' },
		{ header: m.projectlist_col_ends({}, l), hashtag: '#date +end' }
	];
}

/** The rows of one project. HXL carries the status code for machines; CSV and XLSX its label. */
export function projectTableRows(p: ExportProject, locale: Locale, codes: boolean): Cell[][] {
	const head: Cell[] = [
		p.code,
		p.titleFr,
		p.titleEn,
		p.organisation.name,
		p.organisation.acronym,
		p.partners.map((o) => o.name).join('; ') || null,
		p.clusters[0]?.code ?? null,
		codes ? p.status : projectStatusLabel(p.status, locale),
		Number(p.budgetUsd),
		p.peopleTargeted
	];
	const tail: Cell[] = [p.startsOn, p.endsOn];
	if (p.places.length === 0) return [[...head, null, null, null, null, null, ...tail]];
	return p.places.map((place) => [...head, ...placeCells(place), place.peopleTargeted, ...tail]);
}

/** Admin1 and admin2 columns: a région fills the first two, a cercle all four. */
function placeCells(place: ExportPlace): Cell[] {
	if (place.parent) return [place.parent.pcode, place.parent.name, place.pcode, place.name];
	return [place.pcode, place.name, null, null];
}
