/**
 * A cluster's October 2016 as the reference report tells it, straight into the database, for the
 * calendar's tests (unit and end-to-end): the OPS training, the submissions deadline, the cluster
 * meeting, action items, a work plan activity and a published plan.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { actionItem, calendarEvent, cluster, meeting, plan, workPlan, workPlanActivity } from '../db/schema';
import { addPlan } from '../../../../tests/plans';

export async function addOctober2016(
	db: Database,
	clusterId: string,
	options: { responsibleOrganisationId?: string } = {}
) {
	const [c] = await db.select({ code: cluster.code }).from(cluster).where(eq(cluster.id, clusterId));
	const [training, deadline] = await db
		.insert(calendarEvent)
		.values([
			{
				clusterId,
				kind: 'training',
				title: 'OPS training',
				startsOn: '2016-10-21',
				startTime: '10:00',
				endTime: '12:00',
				place: 'NRC office',
				notes: 'Bring a laptop; the OPS account, too.'
			},
			{
				clusterId,
				kind: 'deadline',
				title: 'Clôture des soumissions de projets, HRP 2017; OPS',
				startsOn: '2016-10-31'
			}
		])
		.returning();
	const [held] = await db
		.insert(meeting)
		.values({
			clusterId,
			title: 'Réunion du Cluster Relèvement Précoce',
			kind: 'cluster-meeting',
			heldOn: '2016-10-20',
			startTime: '14:30',
			place: 'PNUD',
			state: 'held'
		})
		.returning();
	const [open, done] = await db
		.insert(actionItem)
		.values([
			{
				clusterId,
				meetingId: held!.id,
				description: 'Partager la matrice des projets',
				responsibleText: 'Coordinateur CRP',
				responsibleOrganisationId: options.responsibleOrganisationId ?? null,
				dueOn: '2016-10-25'
			},
			{ clusterId, description: 'Action déjà faite', dueOn: '2016-10-26', status: 'done' },
			{ clusterId, description: 'Action sans échéance' }
		])
		.returning();
	const [quarter] = await db.insert(workPlan).values({ clusterId, year: 2016, quarter: 4 }).returning();
	const [activity] = await db
		.insert(workPlanActivity)
		.values([
			{
				workPlanId: quarter!.id,
				position: 1,
				activity: 'Atelier de planification HRP 2017',
				responsibleText: 'OCHA',
				startsOn: '2016-10-10',
				endsOn: '2016-11-15'
			},
			{
				workPlanId: quarter!.id,
				position: 2,
				activity: 'Activité annulée',
				startsOn: '2016-10-12',
				endsOn: '2016-10-12',
				status: 'cancelled'
			}
		])
		.returning();
	const published = await addPlan(db, [clusterId], { status: 'published', titleFr: 'HRP 2017 publié' });
	await db
		.update(plan)
		.set({ publishedAt: new Date('2016-10-28T09:00:00Z') })
		.where(eq(plan.id, published.plan.id));
	const draft = await addPlan(db, [clusterId], { status: 'draft', titleFr: 'Plan brouillon', year: 2016 });
	await db.update(plan).set({ startsOn: '2016-10-15' }).where(eq(plan.id, draft.plan.id));
	return {
		code: c!.code,
		training: training!,
		deadline: deadline!,
		meeting: held!,
		action: open!,
		doneAction: done!,
		activity: activity!,
		workPlan: quarter!,
		publishedPlan: published.plan,
		draftPlan: draft.plan
	};
}
