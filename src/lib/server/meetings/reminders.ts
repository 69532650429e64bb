/**
 * Reminders of action items, sent by a background job: a few days before the due date, and once
 * when the item falls overdue. The key of `action_reminder` (item, step, due date) makes each step
 * go once, however many instances run the job; a new due date starts the steps again.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { actionItem, actionReminder, cluster, meeting, type ReminderStep } from '../db/schema';
import { queueMail } from '../mail/outbox';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { actionRecipients, type Recipient } from './recipients';

/** The "before" reminder goes this many days ahead of the due date. */
export const DAYS_BEFORE = 3;
/**
 * Items overdue by more than this are not reminded: minutes imported from years ago would
 * otherwise bring a flood of stale reminders.
 */
export const OVERDUE_WINDOW_DAYS = 7;

const day = (date: Date, plusDays = 0) =>
	new Date(date.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);

/** Sends the reminders due at `now`; answers how many items were reminded. */
export async function sendActionReminders(db: Database, now: Date, publicUrl: string): Promise<number> {
	const today = day(now);
	const items = await db
		.select({
			id: actionItem.id,
			description: actionItem.description,
			responsibleText: actionItem.responsibleText,
			responsibleOrganisationId: actionItem.responsibleOrganisationId,
			responsiblePersonId: actionItem.responsiblePersonId,
			dueOn: actionItem.dueOn,
			clusterId: actionItem.clusterId,
			clusterCode: cluster.code,
			meetingTitle: meeting.title
		})
		.from(actionItem)
		.innerJoin(cluster, eq(cluster.id, actionItem.clusterId))
		.leftJoin(meeting, eq(meeting.id, actionItem.meetingId))
		.where(
			and(
				eq(actionItem.status, 'open'),
				gte(actionItem.dueOn, day(now, -OVERDUE_WINDOW_DAYS)),
				lte(actionItem.dueOn, day(now, DAYS_BEFORE)),
				sql`not exists (select 1 from ${actionReminder} r where r.action_item_id = ${actionItem.id}
					and r.due_on = ${actionItem.dueOn}
					and r.step = case when ${actionItem.dueOn} < ${today} then 'overdue' else 'before' end)`
			)
		);
	let reminded = 0;
	for (const item of items) {
		const step: ReminderStep = item.dueOn! < today ? 'overdue' : 'before';
		const sent = await db.transaction(async (tx) => {
			const recipients = await actionRecipients(tx, item);
			const [claimed] = await tx
				.insert(actionReminder)
				.values({ actionItemId: item.id, step, dueOn: item.dueOn!, recipients: recipients.length })
				.onConflictDoNothing()
				.returning();
			if (!claimed) return false;
			for (const to of recipients) await queueMail(tx, reminderMail(to, step, item, publicUrl));
			return true;
		});
		if (sent) reminded++;
	}
	return reminded;
}

function reminderMail(
	to: Recipient,
	step: ReminderStep,
	item: {
		id: string;
		description: string;
		responsibleText: string;
		dueOn: string | null;
		clusterCode: string;
		meetingTitle: string | null;
	},
	publicUrl: string
) {
	const locale = to.locale;
	const args = {
		description: item.description,
		due: formatDate(item.dueOn!, locale),
		cluster: item.clusterCode,
		responsible: item.responsibleText || '—',
		meeting: item.meetingTitle ?? '—',
		link: `${publicUrl}/actions/${item.id}`
	};
	return {
		to: to.email,
		subject:
			step === 'before'
				? m.meetingmail_reminder_before_subject(args, { locale })
				: m.meetingmail_reminder_overdue_subject(args, { locale }),
		body:
			step === 'before'
				? m.meetingmail_reminder_before_body(args, { locale })
				: m.meetingmail_reminder_overdue_body(args, { locale })
	};
}
