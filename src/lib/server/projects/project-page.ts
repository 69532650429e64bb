/**
 * What the project's page and its sheet editor read around the sheet: the plan, cluster and
 * organisation it belongs to, its history of statuses, and the coordinator's comments of its latest
 * return. Reading only; the permission check is `findProject`'s (404 for what the user may not see).
 */
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { cluster, organisation, plan, projectSectionComment, projectVersion } from '../db/schema';
import type { Locale } from '../i18n';
import { editsProject, seesInside, vetsProject, worksForOrganisation, type Project } from './access';
import { findProject, isReviewer } from './find';
import { readSheet } from './sheet';
import { sheetLabels } from './sheet-labels';
import { missingForSubmission } from './sheet-rules';
import { sheetContext } from './edit';
import { movesFor } from './workflow';
import { readHistory } from './history';
import { getWindow, refusal } from './window';
import { costPerPerson } from './reviews/cost-per-person';
import { reviewDigest } from './reviews/compare';
import { SHEET_SECTIONS, type SheetSection } from './sheet-schema';

/** The plan, lead cluster and appealing organisation of a project, as users read them. */
export async function projectSetting(db: Executor, p: Project, locale: Locale) {
	const [row] = await db
		.select({
			plan: {
				id: plan.id,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				year: plan.year,
				status: plan.status,
				startsOn: plan.startsOn,
				endsOn: plan.endsOn,
				countryId: plan.countryId,
				sexAgeGroups: plan.sexAgeGroups
			},
			cluster: { id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn },
			organisation: { id: organisation.id, name: organisation.name, acronym: organisation.acronym }
		})
		.from(plan)
		.innerJoin(cluster, eq(cluster.id, p.clusterId))
		.innerJoin(organisation, eq(organisation.id, p.organisationId))
		.where(eq(plan.id, p.planId));
	const { plan: pl, cluster: c, organisation: o } = row!;
	return {
		plan: {
			id: pl.id,
			title: locale === 'en' && pl.titleEn ? pl.titleEn : pl.titleFr,
			year: pl.year,
			status: pl.status,
			startsOn: pl.startsOn,
			endsOn: pl.endsOn,
			countryId: pl.countryId,
			sexAgeGroups: pl.sexAgeGroups.map((g) => ({
				code: g.code,
				name: locale === 'en' ? g.nameEn : g.nameFr
			}))
		},
		cluster: { id: c.id, code: c.code, name: locale === 'en' ? c.nameEn : c.nameFr },
		organisation: o
	};
}

export type ProjectSetting = Awaited<ReturnType<typeof projectSetting>>;

/** A coordinator's comment on one section, from the latest return. */
export interface SectionComment {
	section: SheetSection;
	body: string;
	versionNumber: number;
	at: Date;
}

/**
 * The comments of the project's latest return, one per section at most, in the order of the
 * steps. Empty unless the project is waiting for its partner's revision: once resubmitted, the
 * comments are answered and the history keeps them.
 */
export async function latestReturnComments(db: Executor, p: Project): Promise<SectionComment[]> {
	if (p.status !== 'revision-requested') return [];
	const [latest] = await db
		.select({ n: max(projectSectionComment.versionNumber) })
		.from(projectSectionComment)
		.where(eq(projectSectionComment.projectId, p.id));
	if (latest?.n === null || latest?.n === undefined) return [];
	const rows = await db
		.select({
			section: projectSectionComment.section,
			body: projectSectionComment.body,
			versionNumber: projectSectionComment.versionNumber,
			at: projectSectionComment.createdAt
		})
		.from(projectSectionComment)
		.where(and(eq(projectSectionComment.projectId, p.id), eq(projectSectionComment.versionNumber, latest.n)))
		.orderBy(desc(projectSectionComment.createdAt));
	const bySection = new Map<string, SectionComment>();
	for (const row of rows) if (!bySection.has(row.section)) bySection.set(row.section, row as SectionComment);
	return SHEET_SECTIONS.flatMap((s) => (bySection.has(s) ? [bySection.get(s)!] : []));
}

/** The clusters' names in the reader's language (the sheet's labels give their codes). */
async function clusterNames(db: Executor, clusterIds: string[], locale: Locale) {
	if (!clusterIds.length) return {};
	const rows = await db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(cluster)
		.where(inArray(cluster.id, clusterIds));
	return Object.fromEntries(rows.map((c) => [c.id, `${c.code} — ${locale === 'en' ? c.nameEn : c.nameFr}`]));
}

/** Everything the project page shows, for whoever may read the project. */
export async function readProjectPage(ctx: Ctx, id: string, now = new Date()) {
	const p = await findProject(ctx, id);
	const db = ctx.db;
	const sheet = await readSheet(db, p);
	const editable = editsProject(ctx.actor, p);
	const vets = vetsProject(ctx.actor, p);
	const [setting, labels, context, history, comments, window, versions, reviewer] = await Promise.all([
		projectSetting(db, p, ctx.locale),
		sheetLabels(db, sheet),
		sheetContext(db, p, ctx.locale),
		readHistory(db, p.id, ctx.locale),
		latestReturnComments(db, p),
		getWindow(db, p.planId, p.clusterId, now),
		db
			.select({ number: projectVersion.number })
			.from(projectVersion)
			.where(eq(projectVersion.projectId, p.id))
			.orderBy(asc(projectVersion.number)),
		isReviewer(db, ctx.actor?.userId, p.id)
	]);
	const names = await clusterNames(
		db,
		sheet.clusters.map((c) => c.clusterId),
		ctx.locale
	);
	const inside = seesInside(ctx.actor, p);
	const moves = movesFor(ctx, p);
	return {
		project: inside ? p : { ...p, withdrawalReason: null, createdByUserId: null },
		...setting,
		sheet,
		labels: { ...labels, ...names },
		questions: context.questions,
		missing: editable ? missingForSubmission(sheet, context) : null,
		editable,
		/** The partner's side: the appealing organisation's focal points. */
		partner: worksForOrganisation(ctx.actor, p.organisationId),
		vets,
		reviewer,
		moves,
		/** Why submitting would be refused now (the window), said before the button is pressed. */
		submitRefused:
			moves.includes('submit') && !p.reopened && window.status !== 'open'
				? refusal(window, setting.cluster.code, ctx.locale)
				: null,
		history: inside ? history : history.map((h) => ({ ...h, comment: '', actor: '' })),
		comments,
		window,
		versions: versions.map((v) => v.number),
		cost: vets ? await costPerPerson(db, p.id) : null,
		/** For the decision: the reviews so far, to the cluster only, while it has one to take. */
		reviews:
			vets && (moves.includes('approve') || moves.includes('reject'))
				? await reviewDigest(db, p.id, p.clusterId)
				: null
	};
}
