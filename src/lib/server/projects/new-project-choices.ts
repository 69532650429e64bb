/**
 * What the "new project" page offers: the plans still open (the newest first, chosen unless told),
 * the clusters of the chosen plan, the organisations the user may start a project for (a focal
 * point's own; for a cluster's coordinators, any found in the directory), and the projects of
 * earlier plans those organisations may carry over. `createProject` checks the choice again.
 */
import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Ctx } from '../context';
import { organisation, plan, project } from '../db/schema';
import { authorize } from '../access/policy';
import { isId } from '../directory/schema';
import { partnerOrganisations, vettedClusters, visibleProjects } from './access';
import {
	findOrganisations,
	organisationNames,
	planClusterChoices,
	type DirectoryChoice
} from './sheet-choices';

export interface NewProjectQuery {
	planId?: unknown;
	organisationId?: unknown;
	/** What a coordinator typed to find an organisation in the directory. */
	find?: unknown;
}

const id = (value: unknown) => (typeof value === 'string' && isId(value) ? value : null);

export async function newProjectChoices(ctx: Ctx, query: NewProjectQuery = {}) {
	const own = partnerOrganisations(ctx.actor);
	const vetted = vettedClusters(ctx.actor);
	const searches = vetted === 'all' || vetted.length > 0;
	authorize(ctx.actor, own.length > 0 || searches);
	const locale = ctx.locale;

	const plans = (
		await ctx.db
			.select({
				id: plan.id,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				year: plan.year,
				status: plan.status
			})
			.from(plan)
			.where(ne(plan.status, 'closed'))
			.orderBy(desc(plan.year), desc(plan.startsOn), asc(plan.titleFr))
	).map((p) => ({
		id: p.id,
		year: p.year,
		title: locale === 'en' && p.titleEn ? p.titleEn : p.titleFr
	}));
	const chosen = plans.find((p) => p.id === id(query.planId)) ?? plans[0] ?? null;

	const all = chosen ? await planClusterChoices(ctx.db, chosen.id, '', locale) : [];
	const clusterId =
		(vetted === 'all' ? undefined : all.find((c) => vetted.includes(c.id))?.id) ?? all[0]?.id ?? null;

	const q = typeof query.find === 'string' ? query.find.trim().slice(0, 200) : '';
	const organisationId = id(query.organisationId);
	const found = searches && q ? await findOrganisations(ctx.db, q) : [];
	const named = await organisationNames(ctx.db, [
		...new Set([...own, ...(organisationId && searches ? [organisationId] : [])])
	]);
	const organisations = dedupe([...named, ...found]);

	const carried = chosen
		? await carryOverCandidates(
				ctx,
				organisations.map((o) => o.id),
				chosen.year
			)
		: [];
	return {
		plans,
		plan: chosen,
		clusters: all,
		clusterId,
		organisations,
		organisationId: organisationId ?? (own.length === 1 ? own[0]! : null),
		searches,
		find: q,
		found: q ? found.length : null,
		carried
	};
}

export type NewProjectChoices = Awaited<ReturnType<typeof newProjectChoices>>;

/** The projects of earlier plans (by year) of these organisations that the user may read. */
async function carryOverCandidates(ctx: Ctx, organisationIds: string[], year: number) {
	if (!organisationIds.length) return [];
	const rows = await ctx.db
		.select({
			id: project.id,
			code: project.code,
			titleFr: project.titleFr,
			titleEn: project.titleEn,
			year: plan.year,
			organisationId: project.organisationId,
			organisationName: organisation.name,
			organisationAcronym: organisation.acronym
		})
		.from(project)
		.innerJoin(plan, eq(plan.id, project.planId))
		.innerJoin(organisation, eq(organisation.id, project.organisationId))
		.where(
			and(
				inArray(project.organisationId, organisationIds),
				lt(plan.year, year),
				ne(project.status, 'withdrawn'),
				visibleProjects(ctx.actor)
			)
		)
		.orderBy(desc(plan.year), asc(project.code))
		.limit(100);
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		title: ctx.locale === 'en' && r.titleEn ? r.titleEn : r.titleFr,
		year: r.year,
		organisationId: r.organisationId,
		organisation: r.organisationAcronym ?? r.organisationName
	}));
}

function dedupe(choices: DirectoryChoice[]) {
	return choices.filter((c, i) => choices.findIndex((d) => d.id === c.id) === i);
}
