/**
 * Loads the example's meeting (data/meeting.ts) into the example's transaction: the cluster meeting of
 * 20 October 2016 with its minutes published, its four actions, the OPS training and the submission
 * deadline in the calendar, and the quarterly work plan. Each record is audited.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	actionItem,
	agendaItem,
	attendance,
	calendarEvent,
	meeting,
	meetingNote,
	person,
	workPlan,
	workPlanActivity,
	type MeetingNoteKind
} from '../db/schema';
import { EXAMPLE_PARTICIPANTS } from './data/workspace';
import {
	EXAMPLE_ACTIONS,
	EXAMPLE_AGENDA,
	EXAMPLE_CONSENSUS,
	EXAMPLE_EVENTS,
	EXAMPLE_LESSONS,
	EXAMPLE_MEETING,
	EXAMPLE_PERSPECTIVES,
	EXAMPLE_WORK_PLAN
} from './data/meeting';
import { auditCreated } from './audit-created';

export async function loadExampleMeeting(
	tx: Executor,
	{ clusterId, orgId }: { clusterId: string; orgId: (key: string) => string }
) {
	const [row] = await tx
		.insert(meeting)
		.values({
			...EXAMPLE_MEETING,
			clusterId,
			state: 'published',
			publishedAt: new Date('2016-10-24T09:00:00Z')
		})
		.returning();
	const meetingId = row!.id;
	await auditCreated(tx, 'meeting', meetingId, row);

	const agenda = await tx
		.insert(agendaItem)
		.values(EXAMPLE_AGENDA.map((item, i) => ({ ...item, meetingId, position: i + 1 })))
		.returning();
	const notes = (kind: MeetingNoteKind, texts: readonly string[]) =>
		texts.map((text, i) => ({ meetingId, kind, text, position: i + 1 }));
	await tx
		.insert(meetingNote)
		.values([
			...notes('lesson', EXAMPLE_LESSONS),
			...notes('consensus', EXAMPLE_CONSENSUS),
			...notes('perspective', EXAMPLE_PERSPECTIVES)
		]);

	const people = await tx
		.select({ id: person.id, email: person.email })
		.from(person)
		.where(
			inArray(
				person.email,
				EXAMPLE_PARTICIPANTS.map((p) => p.email)
			)
		);
	const personId = new Map(people.map((p) => [p.email, p.id]));
	await tx.insert(attendance).values(
		EXAMPLE_PARTICIPANTS.map((p, i) => ({
			meetingId,
			personId: personId.get(p.email) ?? null,
			organisationId: p.organisation ? orgId(p.organisation) : null,
			name: p.name,
			organisationName: p.organisation ?? '',
			function: p.jobTitle ?? '',
			email: p.email,
			status: 'present' as const,
			position: i + 1
		}))
	);

	const agendaId = (subject: string) => {
		const found = agenda.find((a) => a.subject === subject);
		if (!found) throw new Error(`example data: no agenda item "${subject}"`);
		return found.id;
	};
	const actions = await tx
		.insert(actionItem)
		.values(
			EXAMPLE_ACTIONS.map((a) => ({
				clusterId,
				meetingId,
				agendaItemId: agendaId(a.agendaSubject),
				description: a.description,
				responsibleText: a.responsible,
				responsibleOrganisationId: a.organisation ? orgId(a.organisation) : null,
				dueOn: a.dueOn,
				// The report's actions were all due in 2016; the last one is left open for the tracker.
				status: a.dueOn < '2016-11-01' ? ('done' as const) : ('open' as const)
			}))
		)
		.returning();
	for (const a of actions) await auditCreated(tx, 'action-item', a.id, a);

	const events = await tx
		.insert(calendarEvent)
		.values(EXAMPLE_EVENTS.map((e) => ({ ...e, clusterId })))
		.returning();
	for (const e of events) await auditCreated(tx, 'calendar-event', e.id, e);

	const [plan] = await tx
		.insert(workPlan)
		.values({ clusterId, year: EXAMPLE_WORK_PLAN.year, quarter: EXAMPLE_WORK_PLAN.quarter })
		.returning();
	await auditCreated(tx, 'work-plan', plan!.id, plan);
	const activities = await tx
		.insert(workPlanActivity)
		.values(
			EXAMPLE_WORK_PLAN.activities.map(({ responsible, ...a }, i) => ({
				...a,
				workPlanId: plan!.id,
				responsibleText: responsible,
				position: i + 1
			}))
		)
		.returning();
	for (const a of activities) await auditCreated(tx, 'work-plan-activity', a.id, a);
	return { meetings: 1, events: events.length };
}
