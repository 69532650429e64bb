/**
 * A version is the sheet frozen at a submission, with the labels of what it refers to as they were.
 * Any two versions (or a version and the sheet as it is now) are compared field by field, as text
 * lines a user reads.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { projectVersion } from '../db/schema';
import { NotFoundError } from '../errors';
import type { Locale } from '../i18n';
import type { Actor } from '../access/actor';
import { seesInside, type Project } from './access';
import { findProject } from './find';
import { fieldLabel } from './edit';
import { formatDate, formatExactAmount, formatNumber } from '$lib/format';
import { budgetCategoryLabel, markerLabel, sheetName } from '$lib/project-sheet-labels';
import { readSheet, type Sheet } from './sheet';
import { sheetLabels, type Labels } from './sheet-labels';
import { SECTION_FIELDS, type SheetSection } from './sheet-schema';

export interface FrozenSheet {
	sheet: Sheet;
	labels: Labels;
}

/** Freezes the sheet as it is now as the project's next version; returns its number. */
export async function freezeVersion(
	tx: Executor,
	p: Project,
	actor: Actor,
	at = new Date()
): Promise<number> {
	const sheet = await readSheet(tx, p);
	const labels = await sheetLabels(tx, sheet, p.planId);
	const [row] = await tx
		.select({ n: count() })
		.from(projectVersion)
		.where(eq(projectVersion.projectId, p.id));
	const number = (row?.n ?? 0) + 1;
	await tx.insert(projectVersion).values({
		projectId: p.id,
		number,
		sheet: { sheet, labels } satisfies FrozenSheet as unknown as Record<string, unknown>,
		submittedByUserId: actor.userId,
		submittedByLabel: actor.name || actor.email,
		createdAt: at
	});
	return number;
}

export async function listVersions(ctx: Ctx, projectId: string) {
	const p = await findProject(ctx, projectId);
	const rows = await ctx.db
		.select({
			number: projectVersion.number,
			submittedBy: projectVersion.submittedByLabel,
			createdAt: projectVersion.createdAt
		})
		.from(projectVersion)
		.where(eq(projectVersion.projectId, p.id))
		.orderBy(asc(projectVersion.number));
	const inside = seesInside(ctx.actor, p);
	return { project: p, versions: rows.map((v) => (inside ? v : { ...v, submittedBy: '' })) };
}

/** A version's frozen sheet, or `current` for the sheet as it is now. */
export async function versionSheet(ctx: Ctx, p: Project, version: number | 'current'): Promise<FrozenSheet> {
	if (version === 'current') {
		const sheet = await readSheet(ctx.db, p);
		return { sheet, labels: await sheetLabels(ctx.db, sheet, p.planId) };
	}
	const [row] = await ctx.db
		.select({ sheet: projectVersion.sheet })
		.from(projectVersion)
		.where(and(eq(projectVersion.projectId, p.id), eq(projectVersion.number, version)));
	if (!row) throw new NotFoundError();
	return row.sheet as unknown as FrozenSheet;
}

export interface ComparedField {
	section: SheetSection;
	field: string;
	label: string;
	before: string[];
	after: string[];
	changed: boolean;
}

/** Two versions side by side, field by field, in the order of the sheet's steps. */
export async function compareVersions(
	ctx: Ctx,
	projectId: string,
	from: number | 'current',
	to: number | 'current'
) {
	const p = await findProject(ctx, projectId);
	const [a, b] = await Promise.all([versionSheet(ctx, p, from), versionSheet(ctx, p, to)]);
	const left = sheetAsText(a, ctx.locale);
	const right = sheetAsText(b, ctx.locale);
	const fields: ComparedField[] = [];
	for (const [section, names] of Object.entries(SECTION_FIELDS) as [SheetSection, string[]][])
		for (const field of names) {
			const before = left[field] ?? [];
			const after = right[field] ?? [];
			fields.push({
				section,
				field,
				label: fieldLabel(field, ctx.locale),
				before,
				after,
				changed: before.join('\n') !== after.join('\n')
			});
		}
	return { project: p, fields };
}

/** Each field of a sheet as the lines a user reads (names instead of ids, amounts in the locale). */
export function sheetAsText({ sheet, labels }: FrozenSheet, locale: Locale): Record<string, string[]> {
	const name = (id: string) => sheetName(labels, id, locale);
	const num = (n: number | string) => formatNumber(n, locale);
	const usd = (n: number | string) => formatExactAmount(n, locale);
	const text = (v: string | null) => (v ? [v] : []);
	// French typography puts a space before the colon and the percent sign, English does not.
	const colon = locale === 'fr' ? ' : ' : ': ';
	const percent = locale === 'fr' ? '\u202f%' : '%';
	return {
		titleFr: text(sheet.titleFr),
		titleEn: text(sheet.titleEn),
		objectives: text(sheet.objectives),
		description: text(sheet.description),
		startsOn: sheet.startsOn ? [formatDate(sheet.startsOn, locale)] : [],
		endsOn: sheet.endsOn ? [formatDate(sheet.endsOn, locale)] : [],
		genderAgeMarker: sheet.genderAgeMarker ? [markerLabel(sheet.genderAgeMarker, locale)] : [],
		partnerIds: sheet.partnerIds.map(name).sort(),
		clusters: sheet.clusters.map((c) => `${name(c.clusterId)} ${num(c.sharePercent)}${percent}`),
		objectiveIds: sheet.objectiveIds.map(name).sort(),
		activityIds: sheet.activityIds.map(name).sort(),
		targets: sheet.targets
			.map((t) => `${name(t.indicatorId)} — ${name(t.locationId)}${colon}${num(t.value)}`)
			.sort(),
		places: sheet.places.map((p) => `${name(p.locationId)}${colon}${num(p.peopleTargeted)}`).sort(),
		beneficiaries: sheet.beneficiaries.map(
			(b) =>
				`${name(b.populationGroupId)}${colon}${Object.entries(b.values)
					.map(([code, n]) => `${labels[`sexAge:${locale}:${code}`] ?? code} ${num(n)}`)
					.join(', ')}`
		),
		budgetUsd: sheet.budgetUsd ? [`${usd(sheet.budgetUsd)} USD`] : [],
		budgetLines: sheet.budgetLines.map(
			(l) => `${budgetCategoryLabel(l.category, locale)} — ${l.description}${colon}${usd(l.amountUsd)} USD`
		),
		answers: Object.entries(sheet.answers)
			.filter(([, v]) => v !== null && v !== '')
			.map(([id, v]) => `${name(id)}${colon}${v}`)
			.sort(),
		contactIds: sheet.contactIds.map(name)
	};
}
