/**
 * A revision of a cluster's needs as a file: CSV, XLSX, or HXL (the CSV with its hashtag row), one
 * row per place and population group, each row carrying the source and date of its figures. The
 * columns are those the import reads, so an exported file edited offline imports back.
 */
import type { Ctx } from '../../context';
import type { Download } from '../../downloads';
import { parseInput } from '../../validation';
import { writeTable } from '../../spreadsheets/write-table';
import type { Cell } from '../../spreadsheets/write-csv';
import { findPlanPart } from '../access';
import { total } from './counts';
import { sortByPlace } from './compare';
import { placesOfCountry } from './places';
import { groupName, groupsOfCluster } from './population-groups';
import { readRevision } from './revisions';
import { exportQuery } from './schema';
import { m } from '$lib/paraglide/messages';
import { needsColumns } from './table-columns';

export async function exportNeeds(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	query: Record<string, unknown>
): Promise<Download> {
	const { format, revision: number } = parseInput(exportQuery, query, ctx.locale);
	const part = await findPlanPart(ctx, planId, clusterCode);
	const found = await readRevision(ctx, part, number);
	const [places, groups] = [
		await placesOfCountry(ctx.db, part.plan.countryId),
		await groupsOfCluster(ctx.db, part.cluster.id)
	];
	const figures = found?.figures ?? [];
	const columns = needsColumns(part.plan.sexAgeGroups);
	const rows = sortByPlace(figures, places, groups).map((f): Cell[] => {
		const place = places.get(f.pcode);
		const region = place ? places.get(place.regionPcode) : undefined;
		const group = groups.find((g) => g.code === f.group);
		return columns.map(({ meaning }): Cell => {
			switch (meaning.kind) {
				case 'adm1-code':
					return region?.pcode ?? (place ? null : f.pcode);
				case 'adm1-name':
					return region?.name ?? null;
				case 'adm2-code':
					return place?.level === 2 ? place.pcode : null;
				case 'adm2-name':
					return place?.level === 2 ? place.name : null;
				case 'group-code':
					return f.group;
				case 'group-name':
					return group ? groupName(group, ctx.locale) : f.group;
				case 'count':
					return f[meaning.part][meaning.code] ?? null;
				case 'total':
					return total(f[meaning.part]);
				case 'source':
					return found!.revision.source;
				case 'source-date':
					return found!.revision.sourceDate;
			}
		});
	});
	const file = writeTable(
		format,
		columns.map((c) => ({ header: c.header(ctx.locale), hashtag: c.hashtag })),
		rows,
		part.cluster.code
	);
	const revision = found ? `-r${found.revision.number}` : '';
	return {
		...file,
		filename: `${m.needs_filename({}, { locale: ctx.locale })}-${part.cluster.code}-${part.plan.year}${revision}.${file.extension}`
	};
}
