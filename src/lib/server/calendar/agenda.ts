/**
 * What the calendar shows between two days, gathered from every module that has dates: the
 * cluster's events, its meetings, open action items by their due date, work plan activities and the
 * periods of response plans. Each module's dates come in through one `AgendaSource`; another module
 * (projects' submission windows …) adds its own by writing a source and listing it in
 * `AGENDA_SOURCES`.
 *
 * Days are `YYYY-MM-DD` and times `HH:MM`, local to the cluster's country, as they are stored.
 */
import {
	and,
	asc,
	eq,
	exists,
	gte,
	inArray,
	isNotNull,
	lte,
	ne,
	or,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import {
	actionItem,
	calendarEvent,
	cluster,
	meeting,
	membership,
	organisation,
	person,
	plan,
	planCluster,
	submissionWindow,
	workPlan,
	workPlanActivity,
	type EventKind
} from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import type { Actor } from '../access/actor';
import { NotFoundError } from '../errors';
import type { Locale } from '../i18n';
import { m } from '$lib/paraglide/messages';

/**
 * The time zone of the clusters' days and times. Concerto serves Mali's clusters: Africa/Bamako
 * (UTC+0, no daylight saving). A cluster of another country would need its own zone stored beside
 * it; every conversion goes through this one name so that such a change stays in one place.
 */
export const CALENDAR_TIME_ZONE = 'Africa/Bamako';

/** How an entry is labelled: the events' own kinds, and one kind per other source. */
export type EntryKind = EventKind | 'action' | 'activity' | 'plan';
export const ENTRY_KINDS: readonly EntryKind[] = [
	'meeting',
	'training',
	'deadline',
	'milestone',
	'other',
	'action',
	'activity',
	'plan'
];

export interface AgendaEntry {
	/** Stable across reads and feeds: the source and the row (`event-<uuid>`), used as iCalendar UID. */
	uid: string;
	kind: EntryKind;
	title: string;
	startsOn: string;
	/** The last day, included; equal to `startsOn` for a one-day entry. */
	endsOn: string;
	/** Null for an entry that takes whole days. */
	startTime: string | null;
	/** On `endsOn`; null when not known. */
	endTime: string | null;
	place: string | null;
	/** Plain text shown under the title: who is responsible, notes. */
	detail: string | null;
	/** The page of the entry, from the site's root (`/meetings/<id>`). */
	href: string;
	/** Codes of the clusters the entry belongs to (a plan may have several). */
	clusters: string[];
	updatedAt: Date;
}

export interface AgendaQuery {
	/** First and last day, both included. */
	from: string;
	to: string;
	/** Null: every cluster. */
	clusterIds: string[] | null;
	/**
	 * `public` is what a cluster's open feed carries: when and where, not event notes nor who answers
	 * for what (no action items, no work plan responsible), and no draft plans; `members` what
	 * signed-in users read.
	 */
	audience: 'public' | 'members';
	locale: Locale;
}

/** Where entries come from: one per module that has dates. */
export interface AgendaSource {
	name: string;
	read(db: Executor, query: AgendaQuery): Promise<AgendaEntry[]>;
}

/** `column in (ids)`, or nothing when every cluster is asked for. */
function inClusters(column: Parameters<typeof eq>[0], ids: string[] | null): SQL | undefined {
	return ids === null ? undefined : inArray(column, ids.length ? ids : [NO_CLUSTER]);
}
const NO_CLUSTER = '00000000-0000-0000-0000-000000000000';

const eventSource: AgendaSource = {
	name: 'events',
	async read(db, q) {
		const rows = await db
			.select({ event: calendarEvent, clusterCode: cluster.code })
			.from(calendarEvent)
			.innerJoin(cluster, eq(cluster.id, calendarEvent.clusterId))
			.where(
				and(
					lte(calendarEvent.startsOn, q.to),
					sql`coalesce(${calendarEvent.endsOn}, ${calendarEvent.startsOn}) >= ${q.from}`,
					inClusters(calendarEvent.clusterId, q.clusterIds)
				)
			);
		return rows.map(({ event: e, clusterCode }) => ({
			uid: `event-${e.id}`,
			kind: e.kind,
			title: e.title,
			startsOn: e.startsOn,
			endsOn: e.endsOn ?? e.startsOn,
			startTime: e.startTime,
			endTime: e.endTime,
			place: e.place,
			// Notes are for the cluster's members; the public feed gives when and where only.
			detail: q.audience === 'public' ? null : e.notes.trim() || null,
			href: `/calendar/events/${e.id}`,
			clusters: [clusterCode],
			updatedAt: e.updatedAt
		}));
	}
};

/**
 * Meetings: their title, day, times and place are the invitation part, which every reader may
 * see whatever the state of the minutes.
 */
const meetingSource: AgendaSource = {
	name: 'meetings',
	async read(db, q) {
		const rows = await db
			.select({
				id: meeting.id,
				title: meeting.title,
				heldOn: meeting.heldOn,
				startTime: meeting.startTime,
				endTime: meeting.endTime,
				place: meeting.place,
				updatedAt: meeting.updatedAt,
				clusterCode: cluster.code
			})
			.from(meeting)
			.innerJoin(cluster, eq(cluster.id, meeting.clusterId))
			.where(
				and(
					gte(meeting.heldOn, q.from),
					lte(meeting.heldOn, q.to),
					inClusters(meeting.clusterId, q.clusterIds)
				)
			);
		return rows.map((r) => ({
			uid: `meeting-${r.id}`,
			kind: 'meeting' as const,
			title: r.title,
			startsOn: r.heldOn!,
			endsOn: r.heldOn!,
			startTime: r.startTime,
			endTime: r.endTime,
			place: r.place,
			detail: null,
			href: `/meetings/${r.id}`,
			clusters: [r.clusterCode],
			updatedAt: r.updatedAt
		}));
	}
};

/** Open action items on their due day, with who is responsible; members only. */
const actionSource: AgendaSource = {
	name: 'actions',
	async read(db, q) {
		if (q.audience === 'public') return [];
		const rows = await db
			.select({
				id: actionItem.id,
				description: actionItem.description,
				responsibleText: actionItem.responsibleText,
				organisationName: sql<string | null>`coalesce(${organisation.acronym}, ${organisation.name})`,
				personName: person.name,
				dueOn: actionItem.dueOn,
				updatedAt: actionItem.updatedAt,
				clusterCode: cluster.code
			})
			.from(actionItem)
			.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
			.leftJoin(organisation, eq(organisation.id, actionItem.responsibleOrganisationId))
			.leftJoin(person, eq(person.id, actionItem.responsiblePersonId))
			.where(
				and(
					eq(actionItem.status, 'open'),
					isNotNull(actionItem.dueOn),
					gte(actionItem.dueOn, q.from),
					lte(actionItem.dueOn, q.to),
					inClusters(actionItem.clusterId, q.clusterIds)
				)
			);
		return rows.map((r) => {
			const responsible = [r.responsibleText, r.organisationName, r.personName]
				.filter((v): v is string => !!v && v.trim() !== '')
				.filter((v, i, all) => all.indexOf(v) === i)
				.join(', ');
			return {
				uid: `action-${r.id}`,
				kind: 'action' as const,
				title: r.description,
				startsOn: r.dueOn!,
				endsOn: r.dueOn!,
				startTime: null,
				endTime: null,
				place: null,
				detail: responsible ? m.calendar_responsible({ name: responsible }, { locale: q.locale }) : null,
				href: `/actions/${r.id}`,
				clusters: [r.clusterCode],
				updatedAt: r.updatedAt
			};
		});
	}
};

/** Activities of the quarterly work plans, over the days they run; cancelled ones left out. */
const workPlanSource: AgendaSource = {
	name: 'work-plans',
	async read(db, q) {
		const rows = await db
			.select({
				activity: workPlanActivity,
				organisationName: sql<string | null>`coalesce(${organisation.acronym}, ${organisation.name})`,
				clusterCode: cluster.code
			})
			.from(workPlanActivity)
			.innerJoin(workPlan, eq(workPlan.id, workPlanActivity.workPlanId))
			.innerJoin(cluster, eq(cluster.id, workPlan.clusterId))
			.leftJoin(organisation, eq(organisation.id, workPlanActivity.responsibleOrganisationId))
			.where(
				and(
					lte(workPlanActivity.startsOn, q.to),
					gte(workPlanActivity.endsOn, q.from),
					ne(workPlanActivity.status, 'cancelled'),
					inClusters(workPlan.clusterId, q.clusterIds)
				)
			);
		return rows.map(({ activity: a, organisationName, clusterCode }) => {
			const responsible = a.responsibleText.trim() || organisationName;
			return {
				uid: `activity-${a.id}`,
				kind: 'activity' as const,
				title: a.activity,
				startsOn: a.startsOn,
				endsOn: a.endsOn,
				startTime: null,
				endTime: null,
				place: null,
				detail:
					responsible && q.audience !== 'public'
						? m.calendar_responsible({ name: responsible }, { locale: q.locale })
						: null,
				href: `/calendar/work-plans/${a.workPlanId}`,
				clusters: [clusterCode],
				updatedAt: a.updatedAt
			};
		});
	}
};

/**
 * Response plans: the first and last day of their period, and the day they were published. Drafts
 * are for signed-in users only, as on the plans' pages.
 */
const planSource: AgendaSource = {
	name: 'plans',
	async read(db, q) {
		const inRange = (day: SQLWrapper) => sql`${day} between ${q.from} and ${q.to}`;
		const publishedDay = sql`(${plan.publishedAt} at time zone ${CALENDAR_TIME_ZONE})::date`;
		const rows = await db
			.select({
				id: plan.id,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				startsOn: plan.startsOn,
				endsOn: plan.endsOn,
				status: plan.status,
				publishedAt: plan.publishedAt,
				updatedAt: plan.updatedAt,
				clusters: sql<string[]>`array(
					select c.code from ${planCluster} pc join ${cluster} c on c.id = pc.cluster_id
					where pc.plan_id = "plan"."id" order by c.code)`
			})
			.from(plan)
			.where(
				and(
					or(inRange(plan.startsOn), inRange(plan.endsOn), inRange(publishedDay)),
					q.audience === 'public' ? ne(plan.status, 'draft') : undefined,
					q.clusterIds === null
						? undefined
						: exists(
								db
									.select({ one: sql`1` })
									.from(planCluster)
									.where(
										and(eq(planCluster.planId, plan.id), inClusters(planCluster.clusterId, q.clusterIds))
									)
							)
				)
			);
		const locale = { locale: q.locale };
		return rows.flatMap((p) => {
			const title = (q.locale === 'en' && p.titleEn) || p.titleFr;
			const milestone = (suffix: string, day: string, label: string): AgendaEntry => ({
				uid: `plan-${suffix}-${p.id}`,
				kind: 'plan',
				title: label,
				startsOn: day,
				endsOn: day,
				startTime: null,
				endTime: null,
				place: null,
				detail: null,
				href: `/plans/${p.id}`,
				clusters: p.clusters,
				updatedAt: p.updatedAt
			});
			const published = p.publishedAt ? dayIn(p.publishedAt, CALENDAR_TIME_ZONE) : null;
			return [
				milestone('start', p.startsOn, m.calendar_plan_start({ title }, locale)),
				milestone('end', p.endsOn, m.calendar_plan_end({ title }, locale)),
				...(published && p.status !== 'draft'
					? [milestone('published', published, m.calendar_plan_published({ title }, locale))]
					: [])
			].filter((e) => e.startsOn >= q.from && e.startsOn <= q.to);
		});
	}
};

/**
 * The deadlines of the projects' submission windows (projects/window.ts), as deadlines of the
 * plan's cluster. A window closed by hand before its deadline no longer has one; a draft plan's
 * deadline is for signed-in users only, as the plan itself.
 */
const submissionDeadlineSource: AgendaSource = {
	name: 'submission-deadlines',
	async read(db, q) {
		const rows = await db
			.select({
				planClusterId: submissionWindow.planClusterId,
				deadline: submissionWindow.deadline,
				updatedAt: submissionWindow.updatedAt,
				planId: plan.id,
				titleFr: plan.titleFr,
				titleEn: plan.titleEn,
				clusterCode: cluster.code
			})
			.from(submissionWindow)
			.innerJoin(planCluster, eq(planCluster.id, submissionWindow.planClusterId))
			.innerJoin(plan, eq(plan.id, planCluster.planId))
			.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
			.where(
				and(
					gte(submissionWindow.deadline, q.from),
					lte(submissionWindow.deadline, q.to),
					or(
						eq(submissionWindow.status, 'open'),
						sql`(${submissionWindow.closedAt} at time zone ${CALENDAR_TIME_ZONE})::date >= ${submissionWindow.deadline}`
					),
					q.audience === 'public' ? ne(plan.status, 'draft') : undefined,
					inClusters(planCluster.clusterId, q.clusterIds)
				)
			);
		return rows.map((r) => ({
			uid: `submission-deadline-${r.planClusterId}`,
			kind: 'deadline' as const,
			title: m.projectwindow_calendar_deadline(
				{ cluster: r.clusterCode, plan: (q.locale === 'en' && r.titleEn) || r.titleFr },
				{ locale: q.locale }
			),
			startsOn: r.deadline!,
			endsOn: r.deadline!,
			startTime: null,
			endTime: null,
			place: null,
			detail: null,
			// Visitors of the public feed may read the published plan, not the cluster's submissions page.
			href:
				q.audience === 'public'
					? `/plans/${r.planId}`
					: `/plans/${r.planId}/clusters/${r.clusterCode}/submissions`,
			clusters: [r.clusterCode],
			updatedAt: r.updatedAt
		}));
	}
};

/** Every source of dates. A module with dates of its own adds its source here. */
export const AGENDA_SOURCES: readonly AgendaSource[] = [
	eventSource,
	meetingSource,
	actionSource,
	workPlanSource,
	planSource,
	submissionDeadlineSource
];

/** In day order; on a day, whole-day entries first, then by time, then by title. */
export function compareEntries(a: AgendaEntry, b: AgendaEntry): number {
	return (
		ascii(a.startsOn, b.startsOn) ||
		ascii(a.startTime ?? '', b.startTime ?? '') ||
		titles.compare(a.title, b.title) ||
		ascii(a.uid, b.uid)
	);
}

/** Days, times and ids compare as plain strings: far cheaper than a locale's rules on a big feed. */
const ascii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const titles = new Intl.Collator('fr');

/** The entries of every source for a query, in order. No permission check: callers make it. */
export async function readAgenda(
	db: Executor,
	query: AgendaQuery,
	sources: readonly AgendaSource[] = AGENDA_SOURCES
): Promise<AgendaEntry[]> {
	const lists = await Promise.all(sources.map((s) => s.read(db, query)));
	return lists.flat().sort(compareEntries);
}

/** The ids of clusters named by code; an unknown code is "not found". */
export async function clusterIdsByCode(db: Executor, codes: string[]): Promise<string[]> {
	const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
	if (!wanted.length) return [];
	const rows = await db.select({ id: cluster.id }).from(cluster).where(inArray(cluster.code, wanted));
	if (rows.length !== wanted.length) throw new NotFoundError();
	return rows.map((r) => r.id);
}

/**
 * The calendar of signed-in users between two days, of the clusters named by code (every cluster
 * when none is named).
 */
export async function gatherAgenda(
	ctx: Ctx,
	query: { from: string; to: string; clusters?: string[] }
): Promise<AgendaEntry[]> {
	authorize(ctx.actor, ctx.actor !== null);
	const clusterIds = query.clusters?.length ? await clusterIdsByCode(ctx.db, query.clusters) : null;
	return readAgenda(ctx.db, {
		from: query.from,
		to: query.to,
		clusterIds,
		audience: 'members',
		locale: ctx.locale
	});
}

/**
 * The clusters a user follows: those of their roles, and those their organisation is a member of.
 * Null for an administrator, who follows every cluster.
 */
export async function clustersFollowedBy(db: Executor, actor: Actor): Promise<string[] | null> {
	if (isAdmin(actor)) return null;
	const ids = new Set(actor.grants.flatMap((g) => (g.clusterId ? [g.clusterId] : [])));
	const organisations = [
		...new Set(
			[
				actor.organisationId,
				...actor.grants.map((g) => (g.role === 'focal-point' ? g.organisationId : null))
			].filter((id): id is string => id !== null)
		)
	];
	if (organisations.length) {
		const rows = await db
			.select({ clusterId: membership.clusterId })
			.from(membership)
			.where(and(inArray(membership.organisationId, organisations), eq(membership.stage, 'member')));
		for (const r of rows) ids.add(r.clusterId);
	}
	return [...ids];
}

/** The codes of those clusters, for saying what a feed holds. */
export async function clusterCodes(db: Executor, ids: string[] | null): Promise<string[]> {
	const rows = await db
		.select({ code: cluster.code })
		.from(cluster)
		.where(ids === null ? undefined : inArray(cluster.id, ids.length ? ids : [NO_CLUSTER]))
		.orderBy(asc(cluster.code));
	return rows.map((r) => r.code);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a time zone, as `YYYY-MM-DD`. */
export function dayIn(instant: Date, timeZone: string): string {
	let format = dayFormats.get(timeZone);
	if (!format) {
		// en-CA writes dates as YYYY-MM-DD.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		dayFormats.set(timeZone, format);
	}
	return format.format(instant);
}

/** Today in the clusters' country. */
export function today(now: Date = new Date()): string {
	return dayIn(now, CALENDAR_TIME_ZONE);
}

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
