/**
 * What the API sends out about needs: the schemas both encode the answers (dates as ISO strings)
 * and document them in OpenAPI.
 */
import { z } from 'zod';
import type { PlanPart } from '../access';
import { total } from './counts';
import type { ColumnMeaning } from './table-columns';
import type { RowChange, Totals } from './compare';
import { sortByPlace } from './compare';
import type { NeedsImportReport } from './import';
import type { PlaceIndex } from './places';
import type { PopulationGroup } from './population-groups';
import type { Figure, Revision, RevisionSummary } from './revisions';

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});
const counts = z
	.record(z.string(), z.int())
	.meta({ description: 'People by sex and age group code; a code left out was not given' });

export const revisionOut = z.object({
	number: z.int(),
	source: z.string(),
	sourceDate: z.string().meta({ format: 'date' }),
	note: z.string().nullable(),
	illustrative: z.boolean(),
	author: z.string().nullable(),
	createdAt: timestamp
});

const totalsOut = z.object({
	inNeed: counts,
	targeted: counts,
	inNeedTotal: z.int(),
	targetedTotal: z.int()
});

const groupOut = z.object({ code: z.string(), nameFr: z.string(), nameEn: z.string() });

export const needsOut = z.object({
	planId: z.string().meta({ format: 'uuid' }),
	cluster: z.string(),
	revision: revisionOut.nullable().meta({ description: 'The revision shown; null before the first save' }),
	sexAgeGroups: z.array(
		z.object({ code: z.string(), nameFr: z.string(), nameEn: z.string(), hxl: z.array(z.string()) })
	),
	populationGroups: z.array(groupOut),
	rows: z.array(
		z.object({
			pcode: z.string(),
			place: z.string(),
			level: z.int(),
			group: z.string(),
			inNeed: counts,
			targeted: counts,
			inNeedTotal: z.int().nullable(),
			targetedTotal: z.int().nullable()
		})
	),
	totals: totalsOut
});

export const revisionListOut = z.object({
	items: z.array(revisionOut.extend({ rows: z.int() })),
	total: z.int()
});

export const comparisonOut = z.object({
	from: revisionOut,
	to: revisionOut,
	changedCells: z.int(),
	changes: z.array(
		z.object({
			pcode: z.string(),
			group: z.string(),
			kind: z.enum(['added', 'removed', 'changed']),
			cells: z.array(
				z.object({
					part: z.enum(['inNeed', 'targeted']),
					code: z.string(),
					before: z.int().nullable(),
					after: z.int().nullable()
				})
			)
		})
	),
	totals: z.object({ from: totalsOut, to: totalsOut })
});

export const populationGroupsOut = z.object({
	items: z.array(groupOut.extend({ position: z.int() })),
	total: z.int()
});
export const populationGroupOut = groupOut.extend({ position: z.int() });

const issueOut = z.object({
	row: z.int().nullable().meta({ description: 'Row as the spreadsheet numbers it; null for a whole column' }),
	column: z.string().nullable().meta({ description: 'Column letter: A, B… AA' }),
	header: z.string().nullable().meta({ description: "The column's hashtag or header as written" }),
	message: z.string()
});

export const importReportOut = z.object({
	uploadId: z.string().nullable().meta({
		description:
			'Confirm with POST /needs-imports/{id}/confirm within a day; null: the file is refused, nothing kept'
	}),
	planId: z.string(),
	cluster: z.string(),
	filename: z.string(),
	sheet: z.string(),
	columns: z.array(
		z.object({
			letter: z.string(),
			header: z.string(),
			hashtag: z.string().nullable(),
			reads: z
				.string()
				.nullable()
				.meta({ description: 'What the column was read as (adm1-code, inNeed:girls…); null: ignored' })
		})
	),
	rows: z.int(),
	figures: z.int(),
	skipped: z.int().meta({ description: 'Rows without any count, left out' }),
	errors: z.array(issueOut).meta({ description: 'The first 200 errors: any error refuses the whole file' }),
	errorCount: z.int(),
	warnings: z.array(issueOut).meta({ description: 'The first 200 warnings: confirming saves with them' }),
	warningCount: z.int(),
	totals: totalsOut,
	current: z.object({ number: z.int(), totals: totalsOut }).nullable(),
	changes: z.object({ added: z.int(), removed: z.int(), changed: z.int() }),
	meta: z.object({
		source: z.string(),
		sourceDate: z.string(),
		note: z.string().nullable(),
		illustrative: z.boolean()
	})
});

export function presentRevision(r: Revision): z.output<typeof revisionOut> {
	return {
		number: r.number,
		source: r.source,
		sourceDate: r.sourceDate,
		note: r.note,
		illustrative: r.illustrative,
		author: r.author,
		createdAt: new Date(r.createdAt)
	};
}

export function presentRevisions(items: RevisionSummary[]): z.output<typeof revisionListOut> {
	return { items: items.map((r) => ({ ...presentRevision(r), rows: r.rows })), total: items.length };
}

export function presentNeeds(
	part: PlanPart,
	revision: Revision | null,
	figures: Figure[],
	places: PlaceIndex,
	groups: PopulationGroup[],
	totals: Totals
): z.output<typeof needsOut> {
	return {
		planId: part.plan.id,
		cluster: part.cluster.code,
		revision: revision && presentRevision(revision),
		sexAgeGroups: part.plan.sexAgeGroups,
		populationGroups: groups.map(({ code, nameFr, nameEn }) => ({ code, nameFr, nameEn })),
		rows: sortByPlace([...figures], places, groups).map((f) => ({
			pcode: f.pcode,
			place: places.get(f.pcode)?.name ?? f.pcode,
			level: places.get(f.pcode)?.level ?? 0,
			group: f.group,
			inNeed: f.inNeed,
			targeted: f.targeted,
			inNeedTotal: total(f.inNeed),
			targetedTotal: total(f.targeted)
		})),
		totals
	};
}

export function presentComparison(c: {
	from: Revision;
	to: Revision;
	changedCells: number;
	changes: RowChange[];
	totals: { from: Totals; to: Totals };
}): z.output<typeof comparisonOut> {
	return {
		from: presentRevision(c.from),
		to: presentRevision(c.to),
		changedCells: c.changedCells,
		changes: c.changes,
		totals: c.totals
	};
}

export function presentReport(report: NeedsImportReport): z.output<typeof importReportOut> {
	return {
		...report,
		columns: report.columns.map((c) => ({
			letter: c.letter,
			header: c.header,
			hashtag: c.hashtag,
			reads: c.meaning && describeMeaning(c.meaning)
		}))
	};
}

/** `adm1-code`, `inNeed:girls`, `targeted:total`. */
function describeMeaning(meaning: ColumnMeaning): string {
	if (meaning.kind === 'count') return `${meaning.part}:${meaning.code}`;
	if (meaning.kind === 'total') return `${meaning.part}:total`;
	return meaning.kind;
}
