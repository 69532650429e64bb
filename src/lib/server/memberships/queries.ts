/**
 * What the membership pipeline reads: a cluster's list with its counts per stage, one membership
 * with its history, the clusters an organisation works in, and the choices its forms offer.
 * Every member of the directory reads the pipeline; only a cluster's managers change it.
 */
import { and, asc, count, eq, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import {
	cluster,
	membership,
	membershipStep,
	MEMBERSHIP_STAGES,
	organisation,
	person,
	user,
	type MembershipStage
} from '../db/schema';
import { matchesText } from '../db/search';
import { authorize, readsDirectory } from '../access/policy';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { parseInput } from '../validation';
import { membershipFilters, membershipListQuery } from './schema';

type MembershipFilters = z.output<typeof membershipFilters>;

/** Since when the membership is at its stage: the first step of the run of steps at that stage. */
const since = sql<Date>`coalesce((
	select min(s.at) from membership_step s
	where s.membership_id = ${membership.id} and s.stage = ${membership.stage}
	and s.at > coalesce((
		select max(o.at) from membership_step o
		where o.membership_id = ${membership.id} and o.stage <> ${membership.stage}
	), '-infinity'::timestamptz)
), ${membership.createdAt})`.mapWith(membership.createdAt);

const lastStepAt = sql<Date>`(
	select max(s.at) from membership_step s where s.membership_id = ${membership.id}
)`.mapWith(membershipStep.at);

const lastNote = sql<string | null>`(
	select s.note from membership_step s
	where s.membership_id = ${membership.id} and s.note is not null
	order by s.at desc limit 1
)`;

/** One row of the pipeline, as the list, the membership page and the API show it. */
const pipelineColumns = {
	id: membership.id,
	clusterId: membership.clusterId,
	organisationId: membership.organisationId,
	organisationName: organisation.name,
	organisationAcronym: organisation.acronym,
	organisationType: organisation.type,
	stage: membership.stage,
	since,
	lastStepAt,
	lastNote,
	focalPointId: membership.focalPointId,
	focalPointName: person.name,
	createdAt: membership.createdAt,
	updatedAt: membership.updatedAt
};

function pipelineRows(db: Executor) {
	return db
		.select(pipelineColumns)
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.leftJoin(person, eq(person.id, membership.focalPointId))
		.$dynamic();
}

export type PipelineRow = Awaited<ReturnType<typeof pipelineRows>>[number];

/** Prospects first, members and inactive last: the order of the work. */
const byStage = sql`array_position(array[${sql.raw(
	MEMBERSHIP_STAGES.map((s) => `'${s}'`).join(', ')
)}]::text[], ${membership.stage})`;
const byOrganisationName = [asc(sql`concerto_fold(${organisation.name})`), asc(organisation.name)];

function pipelineWhere(clusterId: string, filters: MembershipFilters): SQL | undefined {
	return and(
		eq(membership.clusterId, clusterId),
		matchesText(filters.q, organisation.name, organisation.acronym),
		filters.type ? eq(organisation.type, filters.type) : undefined,
		filters.stage ? eq(membership.stage, filters.stage) : undefined
	);
}

export async function getPipelineCluster(ctx: Ctx, clusterId: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(clusterId)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ id: cluster.id, code: cluster.code, nameFr: cluster.nameFr, nameEn: cluster.nameEn })
		.from(cluster)
		.where(eq(cluster.id, clusterId));
	if (!row) throw new NotFoundError();
	return row;
}

/** The cluster's pipeline, filtered by organisation type, stage and name; `query` as from a URL. */
export async function listMemberships(ctx: Ctx, clusterId: string, query: Record<string, unknown>) {
	const c = await getPipelineCluster(ctx, clusterId);
	const { limit, offset, ...filters } = parseInput(membershipListQuery, query, ctx.locale);
	const where = pipelineWhere(c.id, filters);
	const [items, [total]] = await Promise.all([
		pipelineRows(ctx.db)
			.where(where)
			.orderBy(byStage, ...byOrganisationName)
			.limit(limit)
			.offset(offset),
		ctx.db
			.select({ n: count() })
			.from(membership)
			.innerJoin(organisation, eq(organisation.id, membership.organisationId))
			.where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** How many memberships are at each stage, under the same name and type filters (stage ignored). */
export async function countMembershipsByStage(ctx: Ctx, clusterId: string, query: Record<string, unknown>) {
	const c = await getPipelineCluster(ctx, clusterId);
	const filters = parseInput(membershipFilters, query, ctx.locale);
	const rows = await ctx.db
		.select({ stage: membership.stage, n: count() })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(pipelineWhere(c.id, { ...filters, stage: undefined }))
		.groupBy(membership.stage);
	const counts = Object.fromEntries(MEMBERSHIP_STAGES.map((s) => [s, 0])) as Record<MembershipStage, number>;
	for (const row of rows) counts[row.stage] = row.n;
	return counts;
}

/**
 * One membership with its organisation and cluster. With `scope`, a membership of another cluster
 * is not found: a page of cluster A never shows or changes cluster B's pipeline.
 */
export async function getMembership(ctx: Ctx, id: string, scope: { clusterId?: string } = {}) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(id) || (scope.clusterId !== undefined && !isId(scope.clusterId))) throw new NotFoundError();
	const [row] = await ctx.db
		.select({
			...pipelineColumns,
			clusterCode: cluster.code,
			clusterNameFr: cluster.nameFr,
			clusterNameEn: cluster.nameEn
		})
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.innerJoin(cluster, eq(cluster.id, membership.clusterId))
		.leftJoin(person, eq(person.id, membership.focalPointId))
		.where(
			and(
				eq(membership.id, id),
				scope.clusterId !== undefined ? eq(membership.clusterId, scope.clusterId) : undefined
			)
		);
	if (!row) throw new NotFoundError();
	return row;
}

export type MembershipDetail = Awaited<ReturnType<typeof getMembership>>;

/** Every step of a membership, oldest first, with the name of who recorded it. */
export async function membershipHistory(ctx: Ctx, id: string, scope: { clusterId?: string } = {}) {
	const m = await getMembership(ctx, id, scope);
	return stepsOf(ctx.db, m.id);
}

export function stepsOf(db: Executor, membershipId: string) {
	return db
		.select({
			id: membershipStep.id,
			stage: membershipStep.stage,
			at: membershipStep.at,
			note: membershipStep.note,
			byName: user.name
		})
		.from(membershipStep)
		.leftJoin(user, eq(user.id, membershipStep.byUserId))
		.where(eq(membershipStep.membershipId, membershipId))
		.orderBy(asc(membershipStep.at));
}

export type MembershipStepRow = Awaited<ReturnType<typeof stepsOf>>[number];

/** The clusters an organisation works in (or is being approached by), with its focal point in each. */
export async function membershipsOfOrganisation(ctx: Ctx, organisationId: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	if (!isId(organisationId)) throw new NotFoundError();
	return ctx.db
		.select({
			id: membership.id,
			clusterId: cluster.id,
			clusterCode: cluster.code,
			clusterNameFr: cluster.nameFr,
			clusterNameEn: cluster.nameEn,
			stage: membership.stage,
			since,
			focalPointId: membership.focalPointId,
			focalPointName: person.name
		})
		.from(membership)
		.innerJoin(cluster, eq(cluster.id, membership.clusterId))
		.leftJoin(person, eq(person.id, membership.focalPointId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(cluster.code));
}

/** The organisations of the directory not yet in the cluster's pipeline, by type then name. */
export async function organisationsOutsidePipeline(ctx: Ctx, clusterId: string) {
	const c = await getPipelineCluster(ctx, clusterId);
	return ctx.db
		.select({
			id: organisation.id,
			name: organisation.name,
			acronym: organisation.acronym,
			type: organisation.type
		})
		.from(organisation)
		.where(
			notExists(
				ctx.db
					.select({ one: sql`1` })
					.from(membership)
					.where(and(eq(membership.organisationId, organisation.id), eq(membership.clusterId, c.id)))
			)
		)
		.orderBy(asc(organisation.type), ...byOrganisationName);
}

/** Who may be an organisation's focal point for a cluster: its people (not those erased). */
export async function focalPointOptions(ctx: Ctx, organisationId: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	return ctx.db
		.select({ id: person.id, name: person.name, jobTitle: person.jobTitle })
		.from(person)
		.where(and(eq(person.organisationId, organisationId), isNull(person.erasedAt)))
		.orderBy(asc(sql`concerto_fold(${person.name})`), asc(person.name));
}
